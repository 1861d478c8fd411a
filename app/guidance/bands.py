"""Resistance-band colours (docs/clinical-rules.md, "Resistance bands"; THERABAND).

Progress is judged by rank (1 = lightest), not by pounds: forces differ between brands and
measurements. A member may name another brand or a custom resistance instead.
"""
from dataclasses import dataclass

from app.guidance.sources import THERABAND


@dataclass(frozen=True)
class Band:
    key: str
    name: str
    thickness: str
    rank: int


# TheraBand sequence, light → heavy, rank 1–8 (TheraBand Academy FAQ).
BANDS = (
    Band("tan", "Tan", "extra thin", 1),
    Band("yellow", "Yellow", "thin", 2),
    Band("red", "Red", "medium", 3),
    Band("green", "Green", "heavy", 4),
    Band("blue", "Blue", "extra heavy", 5),
    Band("black", "Black", "special heavy", 6),
    Band("silver", "Silver", "super heavy", 7),
    Band("gold", "Gold", "max", 8),
)
BY_KEY = {band.key: band for band in BANDS}
OTHER_BAND = "other"  # another brand, or a resistance she describes herself
SOURCE = THERABAND


def band_label(key: str | None, note: str | None = None) -> str:
    if key in BY_KEY:
        band = BY_KEY[key]
        return f"{band.name} ({band.thickness})"
    if key == OTHER_BAND:
        return note or "Other band"
    return ""
