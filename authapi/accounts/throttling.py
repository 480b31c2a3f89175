"""Atomic fixed-window counters shared by every worker: Redis if REDIS_URL is set, else SQL."""

import time
from functools import cache
from typing import Protocol

from django.conf import settings
from django.db import connection
from django.http import HttpRequest

from authapi.accounts.problems import Throttled


class Counters(Protocol):
    def hit(self, key: str, window: int) -> tuple[int, int]:
        """Count one more in `key`'s window; return (count, seconds until the window ends)."""

    def release(self, key: str) -> None:
        """Give back one count in `key`'s current window."""


class DatabaseCounters:
    """Counters in the accounts_throttlecounter table: one upsert, atomic on SQLite and
    PostgreSQL alike (no read-then-write), created by `migrate`."""

    HIT = """
        INSERT INTO accounts_throttlecounter (key, hits, window_ends) VALUES (%s, 1, %s)
        ON CONFLICT (key) DO UPDATE SET
            hits = CASE WHEN accounts_throttlecounter.window_ends <= %s THEN 1
                        ELSE accounts_throttlecounter.hits + 1 END,
            window_ends = CASE WHEN accounts_throttlecounter.window_ends <= %s
                               THEN excluded.window_ends
                               ELSE accounts_throttlecounter.window_ends END
        RETURNING hits, window_ends
    """
    RELEASE = "UPDATE accounts_throttlecounter SET hits = hits - 1 WHERE key = %s AND hits > 0"

    def hit(self, key: str, window: int) -> tuple[int, int]:
        now = int(time.time())
        with connection.cursor() as cursor:
            cursor.execute(self.HIT, [key, now + window, now, now])
            hits, window_ends = cursor.fetchone()
        return hits, max(window_ends - now, 1)

    def release(self, key: str) -> None:
        with connection.cursor() as cursor:
            cursor.execute(self.RELEASE, [key])


class RedisCounters:
    """Counters in Redis: INCR with the expiry set by the first hit, in one MULTI/EXEC."""

    RELEASE = (
        "if tonumber(redis.call('GET', KEYS[1]) or '0') > 0 then redis.call('DECR', KEYS[1]) end"
    )

    def __init__(self, url: str):
        import redis

        self.redis = redis.Redis.from_url(url)
        self.release_script = self.redis.register_script(self.RELEASE)

    def hit(self, key: str, window: int) -> tuple[int, int]:
        name = f"authapi:throttle:{key}"
        pipe = self.redis.pipeline()
        pipe.incr(name)
        pipe.expire(name, window, nx=True)
        pipe.ttl(name)
        hits, _, ttl = pipe.execute()
        return hits, max(ttl, 1)

    def release(self, key: str) -> None:
        self.release_script(keys=[f"authapi:throttle:{key}"])


@cache
def _counters(redis_url: str) -> Counters:
    return RedisCounters(redis_url) if redis_url else DatabaseCounters()


def counters() -> Counters:
    """Return the counters that settings.REDIS_URL selects."""
    return _counters(settings.REDIS_URL)


def client_address(request: HttpRequest) -> str:
    """Return the client's address: REMOTE_ADDR, or the address that the outermost of
    AUTHAPI_TRUSTED_PROXIES proxies saw (X-Forwarded-For is ignored when that is 0)."""
    proxies = settings.AUTHAPI_TRUSTED_PROXIES
    if proxies:
        chain = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        chain = [part for part in chain if part]
        if len(chain) >= proxies:
            return chain[-proxies]
    return request.META.get("REMOTE_ADDR", "")


class Reservation:
    """Slots taken in several windows at once; `release()` gives them all back."""

    def __init__(self, keys: list[str]):
        self.keys = keys

    def release(self) -> None:
        for key in self.keys:
            counters().release(key)


def reserve(*limits: tuple[str, tuple[int, int]]) -> Reservation:
    """Take one slot in each (key, (limit, window)); raise Throttled if any is over its limit.

    The slot is taken before the caller does the expensive work (hashing), so that
    concurrent attempts cannot all pass the same check.
    """
    taken = []
    for key, (limit, window) in limits:
        hits, retry_after = counters().hit(key, window)
        taken.append(key)
        if hits > limit:
            raise Throttled(retry_after=retry_after)
    return Reservation(taken)
