"""Read-only lookups done once per page view.

A page often needs the same facts about a member in several places (the dashboard's bone-density card,
its food-day targets and its weekly summary all need her WHO category and her therapist's overrides).
Services stay independent and each asks; during a GET request the answer is kept in `flask.g` and
reused. A POST may change what is looked up, so it always asks the database.
"""
import functools
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from flask import g, has_request_context, request

P = ParamSpec("P")
R = TypeVar("R")


def once_per_request(lookup: Callable[P, R]) -> Callable[P, R]:
    """Memoize `lookup` by its (hashable) positional arguments for the rest of a GET request."""

    @functools.wraps(lookup)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        if kwargs or not has_request_context() or request.method not in ("GET", "HEAD"):
            return lookup(*args, **kwargs)
        cache = g.setdefault("_once_per_request", {})
        key = (lookup.__module__, lookup.__qualname__, args)
        if key not in cache:
            cache[key] = lookup(*args)
        return cache[key]

    return wrapper
