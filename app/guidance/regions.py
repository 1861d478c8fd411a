"""Her country, and the food defaults it picks (docs/clinical-rules.md, "Regional defaults for food").

Plain Python. US milk is almost always vitamin D fortified (FDA 21 CFR 131.110 allows it) and Canada requires it
(Health Canada, Food and Drug Regulations, standard for milk); in the UK and Ireland cow's milk is generally not
fortified (NHS "Vitamin D"; SACN "Vitamin D and Health", 2016). So outside the US and Canada, everyday milk,
yoghurt and cheese words find USDA SR28's unfortified rows first, and a fortified row says "fortified (US)".

Her country defaults from her time zone through IANA's own table of zones by country (`zone.tab`, shipped with
the tzdata package Ossify already uses for time zones), and she can change it on her profile.
"""
import re
from functools import cache
from importlib import resources

FORTIFYING_COUNTRIES = frozenset({"US", "CA"})
FORTIFIED_LABEL = "fortified (US)"

# Dairy words whose plain rows differ by country: what she typed must be about milk, yoghurt or cheese.
DAIRY_WORDS = frozenset({"milk", "yogurt", "yoghurt", "cheese", "dairy", "kefir", "buttermilk", "latte"})

# USDA's words for a vitamin D fortified row ("with added vitamin A and vitamin D", "with added nonfat milk solids,
# vitamin A and vitamin D", "fortified with vitamin D", "vitamin A & D fortified"; US calcium-fortified milk, which
# SR28 gives its vitamin D too); "without added vitamin A and vitamin D" is the unfortified row.
_FORTIFIED = re.compile(r"\b(with added|fortified with)\b.*\bvitamin d\b|\bvitamin (a & )?d fortified\b"
                        r"|\bcalcium fortified\b")
_UNFORTIFIED = re.compile(r"\bwithout added\b[^,;]*\bvitamin d\b")
# The same rule in SQL (LIKE patterns over the lower-case description), for ranking in the database.
SQL_FORTIFIED = ("%with added%vitamin d%", "%fortified with vitamin d%", "%vitamin a & d fortified%",
                 "%vitamin d fortified%", "%calcium fortified%")
SQL_UNFORTIFIED = "%without added%vitamin d%"


def _zoneinfo_table(name: str) -> list[list[str]]:
    text = resources.files("tzdata").joinpath("zoneinfo", name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]


@cache
def countries() -> dict[str, str]:
    """ISO 3166 code → country name, as IANA's time zone data names them (iso3166.tab), by name."""
    names = {row[0]: row[1] for row in _zoneinfo_table("iso3166.tab")}
    return dict(sorted(names.items(), key=lambda item: item[1]))


@cache
def _zone_countries() -> dict[str, str]:
    return {row[2]: row[0] for row in _zoneinfo_table("zone.tab")}


def country_of(timezone: str | None) -> str | None:
    """The country a time zone is in ("Europe/London" → "GB"); None for UTC or a zone of no one country."""
    return _zone_countries().get(timezone or "")


def fortifies_milk(country: str | None) -> bool:
    """Whether her everyday milk is vitamin D fortified: the US and Canada, and (USDA's own default) unknown."""
    return country is None or country in FORTIFYING_COUNTRIES


def is_fortified(description: str | None) -> bool:
    """A USDA row with vitamin D added, by its description."""
    text = (description or "").lower()
    return bool(_FORTIFIED.search(text)) and not _UNFORTIFIED.search(text)


def about_dairy(words: tuple[str, ...] | frozenset[str]) -> bool:
    """Whether the words she typed (singular, plain) are about milk, yoghurt or cheese."""
    return any(word in DAIRY_WORDS for word in words)
