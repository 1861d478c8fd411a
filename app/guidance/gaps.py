"""Close the gap: which of her own foods would bring a day's calcium, vitamin D or protein up to target.

Plain Python. Only foods she has logged or marked as favourites are suggested (never a supplement dose),
in the amount she usually has, at most twice that (those that close the gap first, then those that close
most of it); a suggestion that would take the day above an upper
limit (calcium, vitamin D, protein) is never made.
"""
import math
from dataclasses import dataclass

from app.guidance.amounts import Unit, amount_label

MAX_SUGGESTIONS = 3
MAX_HELPINGS = 2  # "2 cups of milk" is a suggestion; "5 cups" is not

NUTRIENTS = ("calcium_mg", "vitamin_d_iu", "protein_g")


@dataclass(frozen=True)
class Candidate:
    """One of her foods in the amount she usually has: "1 cup" of milk holds `per_helping`."""
    food_id: int
    name: str
    unit: Unit
    quantity: float                       # of the unit, one helping
    per_helping: dict[str, float | None]  # nutrient key → amount in one helping (None: unknown)


@dataclass(frozen=True)
class Suggestion:
    candidate: Candidate
    helpings: int
    adds: float   # of the nutrient whose gap it closes

    @property
    def quantity(self) -> float:
        return self.candidate.quantity * self.helpings

    @property
    def amount(self) -> str:
        """"2 cups", "1 × 1 medium": what to have, in her unit."""
        label = amount_label(self.quantity, self.candidate.unit)
        return label + "s" if self.candidate.unit.key == "cup" and self.quantity != 1 else label


def close_the_gap(nutrient: str, total: dict[str, float], target: float, upper: dict[str, float | None],
                  candidates: list[Candidate]) -> list[Suggestion]:
    """Up to 3 of her foods that would close the gap in `nutrient` (target minus today's total), or close the
    most of it, in at most two of her helpings; none that would take any nutrient above its upper limit."""
    gap = target - total[nutrient]
    if gap <= 0:
        return []
    found = []
    for candidate in candidates:
        per = candidate.per_helping.get(nutrient)
        if not per or per <= 0:
            continue
        # As many helpings as close it (two at most), fewer if that many would pass an upper limit.
        helpings = next((h for h in range(min(math.ceil(gap / per), MAX_HELPINGS), 0, -1)
                         if not _past_a_limit(total, candidate, h, upper)), None)
        if helpings:
            found.append(Suggestion(candidate, helpings, per * helpings))
    # Those that close it, fewest helpings and closest fit first; then, when the gap is wider than any one of
    # her foods, those that close most of it.
    found.sort(key=lambda s: (s.adds < gap, s.helpings if s.adds >= gap else -s.adds, s.adds, s.candidate.name))
    return found[:MAX_SUGGESTIONS]


def _past_a_limit(total: dict[str, float], candidate: Candidate, helpings: int,
                  upper: dict[str, float | None]) -> bool:
    return any(limit is not None and total[key] + (candidate.per_helping.get(key) or 0) * helpings > limit
               for key, limit in upper.items())
