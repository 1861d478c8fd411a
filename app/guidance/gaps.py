"""Close the gap: which of her own foods would bring a day's calcium, vitamin D or protein up to target.

Plain Python, following docs/clinical-rules.md, "Food suggestions and upper limits":

- Only foods she has logged or marked as favourites are suggested, never a supplement, and never a
  fish-liver oil or liver (`never_suggested`): their preformed vitamin A (1 tbsp cod liver oil, about
  4,080 µg RAE, NIH ODS vitamin A fact sheet) is above the adult upper limit of 3,000 µg a day (IOM 2001).
- A suggestion adds at least 10 % of the gap, is at most two of her usual helpings and at most 500 g or
  500 ml (product bounds): those that close the gap first, then those that close most of it.
- A suggestion that would take the day above an upper limit is never made, and a value the food table
  doesn't know is unknown, never 0, in that check: a food whose calcium or vitamin D is unknown is not
  suggested while that nutrient has an upper limit.
"""
import math
import re
from dataclasses import dataclass

from app.guidance.amounts import Unit, amount_label

MAX_SUGGESTIONS = 3
MAX_HELPINGS = 2          # "2 cups of milk" is a suggestion; "5 cups" is not
MAX_AMOUNT_G = 500        # at most 500 g (or 500 ml) in one suggestion: nobody has 1,000 g of yoghurt as a snack
MIN_SHARE_OF_GAP = 0.10   # a suggestion adds at least a tenth of what is still to go

# Preformed vitamin A: fish-liver oils and liver itself (USDA: "Fish oil, cod liver", "Chicken, liver, all
# classes", "Liverwurst spread", "Cod liver oil"). Matched as words of the food's name or USDA description.
LIVER_WORDS = re.compile(r"\b(liver|livers|liverwurst|braunschweiger|pate de foie|foie gras|fish oil|liver oil)\b")


def never_suggested(*names: str | None) -> bool:
    """A fish-liver oil or liver, by its name or USDA description: never a suggestion, never a 'food source'."""
    return any(name and LIVER_WORDS.search(name.lower()) for name in names)

NUTRIENTS = ("calcium_mg", "vitamin_d_iu", "protein_g")


@dataclass(frozen=True)
class Candidate:
    """One of her foods in the amount she usually has: "1 cup" of milk holds `per_helping`."""
    food_id: int
    name: str
    unit: Unit
    quantity: float                       # of the unit, one helping
    per_helping: dict[str, float | None]  # nutrient key → amount in one helping (None: unknown)

    @property
    def grams(self) -> float:
        """What one helping weighs (a millilitre of a drink is about a gram: the 500 ml bound is the same)."""
        return self.quantity * self.unit.grams


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
        # As many helpings as close it (two at most, 500 g at most), fewer if that many would pass an upper limit.
        most = min(math.ceil(gap / per), MAX_HELPINGS, math.floor(MAX_AMOUNT_G / candidate.grams))
        helpings = next((h for h in range(most, 0, -1) if not _past_a_limit(total, candidate, h, upper)), None)
        if helpings and per * helpings >= MIN_SHARE_OF_GAP * gap:
            found.append(Suggestion(candidate, helpings, per * helpings))
    # Those that close it, fewest helpings and closest fit first; then, when the gap is wider than any one of
    # her foods, those that close most of it.
    found.sort(key=lambda s: (s.adds < gap, s.helpings if s.adds >= gap else -s.adds, s.adds, s.candidate.name))
    return found[:MAX_SUGGESTIONS]


def _past_a_limit(total: dict[str, float], candidate: Candidate, helpings: int,
                  upper: dict[str, float | None]) -> bool:
    """Whether this many helpings could take a nutrient above its upper limit: an unknown value could."""
    for key, limit in upper.items():
        if limit is None:
            continue
        per = candidate.per_helping.get(key)
        if per is None or total[key] + per * helpings > limit:
            return True
    return False
