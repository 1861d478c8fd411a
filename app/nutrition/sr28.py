"""USDA SR28 in USDA's own release format (data/sr28/, unchanged), read as typed rows. Plain Python.

Fields are separated by `^`, text fields wrapped in `~`; lines end in CRLF, a few in CR alone; the encoding is
Latin-1 (data/sr28/README.md). A food with no row for a nutrient has no reported value: unknown, never zero.
"""
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from app.guidance.units import IU_PER_UG_VITAMIN_D

SR28_DIR = Path(__file__).parent / "data" / "sr28"
SOURCE = "USDA SR28 (NDB)"

# USDA nutrient numbers (NUTR_DEF.txt), per 100 g edible portion.
PROTEIN_G, ENERGY_KCAL, CALCIUM_MG, MAGNESIUM_MG, POTASSIUM_MG = "203", "208", "301", "304", "306"
VITAMIN_D_IU, VITAMIN_D_UG = "324", "328"


def usda_rows(path: Path) -> Iterator[list[str]]:
    """The fields of each line of one of USDA's files, text fields without their `~`."""
    text = path.read_bytes().decode("latin-1")
    for line in re.split(r"\r\n|\r|\n", text):
        if line:
            yield [f[1:-1] if len(f) >= 2 and f[0] == "~" and f[-1] == "~" else f for f in line.split("^")]


@dataclass(frozen=True)
class Measure:
    """A household measure: `amount` × `description` weighs `grams` (WEIGHT.txt)."""
    amount: float
    description: str
    grams: float

    @property
    def name(self) -> str:
        return f"{self.amount:g} {self.description}"


@dataclass(frozen=True)
class Sr28Food:
    ndb_no: str
    food_group: str
    long_desc: str
    common_names: str
    protein_g: float | None
    energy_kcal: float | None
    calcium_mg: float | None
    magnesium_mg: float | None
    potassium_mg: float | None
    vitamin_d_iu: float | None   # 324 (IU), else 328 (µg) × 40, else unknown
    measures: tuple[Measure, ...]


@cache
def read_sr28(directory: Path = SR28_DIR) -> tuple[Sr28Food, ...]:
    """Every food of the release with its nutrients and household measures, in NDB order (read once)."""
    groups = {code: name for code, name, *_ in usda_rows(directory / "FD_GROUP.txt")}
    values: dict[str, dict[str, float]] = defaultdict(dict)
    for ndb_no, nutr_no, value, *_ in usda_rows(directory / "NUT_DATA.txt"):
        values[ndb_no][nutr_no] = float(value)
    measures: dict[str, list[tuple[int, Measure]]] = defaultdict(list)
    for ndb_no, seq, amount, description, grams, *_ in usda_rows(directory / "WEIGHT.txt"):
        if float(grams) > 0 and float(amount) > 0:
            measures[ndb_no].append((int(seq), Measure(float(amount), description.strip(), float(grams))))
    foods = []
    for ndb_no, group, long_desc, _short, common, *_ in usda_rows(directory / "FOOD_DES.txt"):
        v = values.get(ndb_no, {})
        vitamin_d = v.get(VITAMIN_D_IU)
        if vitamin_d is None and VITAMIN_D_UG in v:
            vitamin_d = round(v[VITAMIN_D_UG] * IU_PER_UG_VITAMIN_D, 1)
        foods.append(Sr28Food(
            ndb_no=ndb_no, food_group=groups[group], long_desc=long_desc.strip(), common_names=common.strip(),
            protein_g=v.get(PROTEIN_G), energy_kcal=v.get(ENERGY_KCAL), calcium_mg=v.get(CALCIUM_MG),
            magnesium_mg=v.get(MAGNESIUM_MG), potassium_mg=v.get(POTASSIUM_MG), vitamin_d_iu=vitamin_d,
            measures=tuple(m for _, m in sorted(measures.get(ndb_no, []), key=lambda pair: pair[0]))))
    return tuple(foods)
