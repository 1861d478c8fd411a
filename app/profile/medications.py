"""The list of bone medications a member can pick from, in two groups.

Groups follow the BHOF clinician's guide (LeBoff et al., Osteoporos Int 2022;33:2049-2102):
antiresorptive medicines slow bone loss; anabolic ones build new bone. Romosozumab also slows
resorption but is grouped with the anabolic medicines there.
"""
import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from app.guidance.sources import LEBOFF_2022

DATA_FILE = Path(__file__).parent / "data" / "bone_medications.csv"
GROUP_LABELS = {"antiresorptive": "Antiresorptive (slows bone loss)", "anabolic": "Anabolic (builds bone)"}
SOURCE = LEBOFF_2022


@dataclass(frozen=True)
class KnownMedication:
    name: str
    brand_examples: str
    group: str


@cache
def known_medications() -> tuple[KnownMedication, ...]:
    with DATA_FILE.open(newline="", encoding="utf-8") as f:
        return tuple(KnownMedication(r["name"], r["brand_examples"], r["group"]) for r in csv.DictReader(f))


def group_of(name: str) -> str | None:
    """'antiresorptive', 'anabolic', or None for a name typed freely."""
    wanted = name.strip().casefold()
    for med in known_medications():
        if med.name.casefold() == wanted:
            return med.group
    return None
