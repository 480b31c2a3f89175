"""The audit trail: one JSON line per security event on the `authapi.audit` logger."""

import json
import logging
from datetime import UTC, datetime

from django.http import HttpRequest

from authapi.accounts.throttling import client_address

logger = logging.getLogger("authapi.audit")


def event(name: str, request: HttpRequest, *, username: str | None = None, **fields: str) -> None:
    """Log the event `name` with its time, the username if known, the client and the request id.

    Never pass a password, a session id or a CSRF token in `fields`.
    """
    record = {
        "ts": datetime.now(UTC).isoformat(timespec="milliseconds"),
        "event": name,
        "username": username,
        "client": client_address(request),
        "request_id": getattr(request, "request_id", None),
        **fields,
    }
    logger.info(json.dumps(record, ensure_ascii=False))
