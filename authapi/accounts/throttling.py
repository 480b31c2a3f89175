"""Atomic fixed-window counters shared by every worker: Redis if REDIS_URL is set, else SQL."""

import ipaddress
import random
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
    PURGE = "DELETE FROM accounts_throttlecounter WHERE window_ends <= %s"
    PURGE_CHANCE = 0.01  # of the hits that start a new window

    def hit(self, key: str, window: int) -> tuple[int, int]:
        now = int(time.time())
        with connection.cursor() as cursor:
            cursor.execute(self.HIT, [key, now + window, now, now])
            hits, window_ends = cursor.fetchone()
        if hits == 1 and random.random() < self.PURGE_CHANCE:  # noqa: S311 (not security)
            self.purge()
        return hits, max(window_ends - now, 1)

    def purge(self) -> int:
        """Delete the counters whose window has ended; return how many."""
        with connection.cursor() as cursor:
            cursor.execute(self.PURGE, [int(time.time())])
            return cursor.rowcount

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


def _parse_address(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """Return the IP address in `text` (an `X-Forwarded-For` entry may carry a port)."""
    text = text.strip()
    if text.startswith("["):  # [2001:db8::1]:443
        text = text[1:].partition("]")[0]
    elif text.count(":") == 1:  # 192.0.2.1:443
        text = text.partition(":")[0]
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


def client_address(request: HttpRequest) -> str:
    """Return the client's address: REMOTE_ADDR, or the address that the outermost of
    AUTHAPI_TRUSTED_PROXIES proxies saw (X-Forwarded-For is ignored when that is 0, and
    when its entry there is not an IP address)."""
    proxies = settings.AUTHAPI_TRUSTED_PROXIES
    if proxies:
        chain = [part for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        chain = [part for part in chain if part.strip()]
        if len(chain) >= proxies and (address := _parse_address(chain[-proxies])):
            return str(address)
    return request.META.get("REMOTE_ADDR", "")


def client_key(request: HttpRequest) -> str:
    """Return what the limits count per client: the IPv4 address, or the IPv6 /64.

    One IPv6 host usually holds a whole /64; counting single addresses would give it
    as many clients as it likes.
    """
    address = _parse_address(client_address(request))
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is None:
        return str(ipaddress.IPv6Network((address, 64), strict=False))
    if isinstance(address, ipaddress.IPv6Address):
        return str(address.ipv4_mapped)
    return str(address) if address else "unknown"


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
    concurrent attempts cannot all pass the same check. A refused attempt gives back
    every slot it took, so that refusals never extend a block.
    """
    taken = Reservation([])
    for key, (limit, window) in limits:
        hits, retry_after = counters().hit(key, window)
        taken.keys.append(key)
        if hits > limit:
            taken.release()
            raise Throttled(retry_after=retry_after)
    return taken
