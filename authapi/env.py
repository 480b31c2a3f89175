"""Typed readers for settings that come from environment variables."""

import os
import re

from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = frozenset({"1", "true", "yes", "on"})
FALSE_WORDS = frozenset({"0", "false", "no", "off"})


def env_bool(name: str, *, default: bool) -> bool:
    """Return the boolean in `name`; refuse any word that is not a known yes or no."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    word = raw.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(
        f"{name}={raw!r} is not a boolean: use 1/0, true/false, yes/no or on/off."
    )


def env_list(name: str, *, default: list[str]) -> list[str]:
    """Return the comma-separated list in `name`, without blanks."""
    raw = os.environ.get(name)
    if raw is None:
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_int(name: str, *, default: int, minimum: int = 0) -> int:
    """Return the integer in `name`, refusing anything below `minimum`."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number.") from None
    if value < minimum:
        raise ImproperlyConfigured(f"{name}={raw!r} must be at least {minimum}.")
    return value


RATE_UNITS = {"s": 1, "m": 60, "min": 60, "h": 3600, "d": 86400}
RATE_PATTERN = re.compile(r"^\s*(\d+)\s*/\s*(\d*)\s*(s|min|m|h|d)\s*$")


def parse_rate(text: str) -> tuple[int, int]:
    """Return (limit, window in seconds) for `N/window`, e.g. `5/15m`, `1000/min`, `20/h`."""
    match = RATE_PATTERN.match(text)
    if match is None:
        raise ValueError(text)
    limit, count, unit = match.groups()
    window = int(count or 1) * RATE_UNITS[unit]
    if int(limit) < 1 or window < 1:
        raise ValueError(text)
    return int(limit), window


def env_rate(name: str, *, default: str) -> tuple[int, int]:
    """Return the rate in `name` as (limit, window in seconds)."""
    raw = os.environ.get(name) or default
    try:
        return parse_rate(raw)
    except ValueError:
        raise ImproperlyConfigured(
            f"{name}={raw!r} is not a rate: use N/window, where the window is an optional "
            "count and a unit s, m or min, h, d (for example 5/15m or 1000/min)."
        ) from None
