"""JSON from a client, parsed with bounds: a body nested 100,000 deep or holding a 5,000-digit integer is
refused as malformed (400), not a RecursionError or a ValueError deep in the parser (500)."""
import json
from typing import Any

from flask.json.provider import DefaultJSONProvider

MAX_NUMBER_CHARS = 40  # far more than any value Ossify accepts; int() of 5,000 digits raises, of 4,000 is slow


def _number(text: str, convert: Any) -> Any:
    if len(text) > MAX_NUMBER_CHARS:
        raise ValueError("number too long")
    return convert(text)


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def loads(text: str | bytes) -> Any:
    """json.loads, raising json.JSONDecodeError (a ValueError) for every way a body can be unusable."""
    try:
        return json.loads(text, parse_int=lambda s: _number(s, int), parse_float=lambda s: _number(s, float),
                          parse_constant=_no_constant)
    except json.JSONDecodeError:
        raise
    except (RecursionError, ValueError, UnicodeDecodeError) as error:
        raise json.JSONDecodeError(f"Unusable JSON: {type(error).__name__}", "", 0) from None


class BoundedJSONProvider(DefaultJSONProvider):
    """Flask's own `request.get_json()` with the same bounds."""

    def loads(self, s: str | bytes, **kwargs: Any) -> Any:
        return loads(s)
