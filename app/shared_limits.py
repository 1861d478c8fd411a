"""Where the limits count when Redis doesn't answer: the store behind Flask-Limiter and app/auth/limits.py.

Production counts sign-in attempts, sign-ups and resets in Redis, shared by every worker and machine. Redis can
stop (connections refused) or hang (connections accepted, nothing answered). Without care, a hung Redis held every
sign-in until gunicorn's threads ran out, and then pages that never touch Redis waited too; a stopped Redis turned
sign-in into a 500.

So every Redis call here has a connect and a read timeout (REDIS_TIMEOUT, README "Configuration"), no retries
inside redis-py, and a failure switches this process to its own memory for REDIS_RETRY_AFTER seconds before
Redis is asked again. While Redis is out, each worker process counts alone and each attempt counts FALLBACK_WEIGHT
times: a limit of 5 lets 2 attempts through per process (counts 2 and 4 pass, 6 doesn't), so guessing stays bounded
by 2 per process per window, never unlimited, and the owner can still sign in (README "When Redis is out" says why
this beats refusing every sign-in, after OWASP's Authentication Cheat Sheet on account lockout).

It is `limits`' own RedisStorage and MemoryStorage, chosen per call: the counting stays the library's. Fixed-window
counting only (Flask-Limiter's default, the one Ossify uses).
"""
import logging
import threading
import time
from typing import Any

from limits.storage import MemoryStorage, RedisStorage, Storage
from redis.backoff import NoBackoff
from redis.exceptions import RedisError
from redis.retry import Retry

logger = logging.getLogger(__name__)

SCHEME_PREFIX = "ossify+"
FALLBACK_WEIGHT = 2        # each attempt counted while Redis is out counts this many times
REDIS_RETRY_AFTER = 10.0   # seconds this process counts in memory before asking Redis again


def shared_store_uri(uri: str) -> str:
    """The storage URI Flask-Limiter is given: a Redis URI is served through RedisOrProcessStorage."""
    if uri.startswith(("redis://", "rediss://", "redis+unix://")):
        return SCHEME_PREFIX + uri
    return uri


class RedisOrProcessStorage(Storage):
    """Redis while it answers within its timeout; this process's memory (weighted) for a while after it doesn't."""

    STORAGE_SCHEME = ["ossify+redis", "ossify+rediss", "ossify+redis+unix"]

    def __init__(self, uri: str, wrap_exceptions: bool = False, **options: Any) -> None:
        super().__init__(uri, wrap_exceptions=wrap_exceptions, **options)
        options.setdefault("retry", Retry(NoBackoff(), 0))  # a hung call costs one timeout, not four with backoff
        self.shared = RedisStorage(uri[len(SCHEME_PREFIX):], **options)
        self.local = MemoryStorage()
        self._down_until = 0.0
        self._lock = threading.Lock()

    @property
    def base_exceptions(self) -> type[Exception] | tuple[type[Exception], ...]:
        return RedisError

    @property
    def degraded(self) -> bool:
        """True while this process counts in its own memory (Redis failed within the last REDIS_RETRY_AFTER s)."""
        return time.monotonic() < self._down_until

    def _shared(self, method: str, *args: Any) -> tuple[bool, Any]:
        """(True, Redis's answer), or (False, None) when Redis is out or just failed (then marked out)."""
        if self.degraded:
            return False, None
        try:
            return True, getattr(self.shared, method)(*args)
        except RedisError:
            with self._lock:
                if not self.degraded:
                    logger.warning("Limits: Redis did not answer; counting in this process for %.0f s "
                                   "(each attempt counts %d times)", REDIS_RETRY_AFTER, FALLBACK_WEIGHT, exc_info=True)
                self._down_until = time.monotonic() + REDIS_RETRY_AFTER
            return False, None

    def incr(self, key: str, expiry: int, amount: int = 1) -> int:
        ok, value = self._shared("incr", key, expiry, amount)
        return value if ok else self.local.incr(key, expiry, amount * FALLBACK_WEIGHT)

    def get(self, key: str) -> int:
        ok, value = self._shared("get", key)
        return value if ok else self.local.get(key)

    def get_expiry(self, key: str) -> float:
        ok, value = self._shared("get_expiry", key)
        return value if ok else self.local.get_expiry(key)

    def clear(self, key: str) -> None:
        self._shared("clear", key)
        self.local.clear(key)

    def reset(self) -> int | None:
        self.local.reset()
        ok, value = self._shared("reset")
        return value if ok else None

    def check(self) -> bool:
        """Whether Redis answers now (one PING within the timeout); a failure counts in memory for a while too."""
        if self.degraded:
            return False
        if self.shared.check():
            return True
        with self._lock:
            self._down_until = time.monotonic() + REDIS_RETRY_AFTER
        return False
