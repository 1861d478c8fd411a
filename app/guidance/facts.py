"""A member's facts as of one day, and the targets they give that day (docs/clinical-rules.md).

A past day is judged with what was true on it: her age that day, the body weight she had recorded by then,
the WHO category of the scans dated on or before it, the fractures dated on or before it and the overrides
her therapist had in force. A scan entered in May never changes the targets of a January week.
"""
from dataclasses import dataclass
from datetime import date

from app.guidance.calendar import age_on
from app.guidance.diagnosis import Diagnosis, TScoreReading, who_category
from app.guidance.targets import (
    DAILY_TARGET_KEYS,
    DailyNutritionTargets,
    FractureHistory,
    MemberFacts,
    Override,
    WeeklyTarget,
    daily_nutrition_targets,
    weekly_exercise_targets,
)

ADULT_AGE = 18  # "a fracture in adult life" (FRAX) read as one from her 18th birthday on


@dataclass(frozen=True)
class WeightEntry:
    on: date
    kg: float


@dataclass(frozen=True)
class FractureEntry:
    on: date
    vertebral: bool
    low_trauma: bool
    unknown_site: bool = False  # a fall's broken bone she hasn't recorded as a fracture yet


@dataclass(frozen=True)
class OverridePeriod:
    """A therapist's value for one target, in force from `starts_on` up to (not including) `ends_on`."""
    key: str
    override: Override
    starts_on: date
    ends_on: date | None = None

    def in_force_on(self, day: date) -> bool:
        return self.starts_on <= day and (self.ends_on is None or day < self.ends_on)


@dataclass(frozen=True)
class DayTargets:
    daily: DailyNutritionTargets
    weekly: list[WeeklyTarget]


@dataclass(frozen=True)
class MemberHistory:
    """Everything a member's targets depend on, with the date each fact became true."""
    date_of_birth: date | None = None
    sex: str | None = None
    weights: tuple[WeightEntry, ...] = ()
    readings: tuple[TScoreReading, ...] = ()
    fractures: tuple[FractureEntry, ...] = ()
    overrides: tuple[OverridePeriod, ...] = ()

    def __post_init__(self) -> None:
        # Oldest first, once: a week asks for the weight of each of its days.
        object.__setattr__(self, "weights", tuple(sorted(self.weights, key=lambda w: w.on)))

    def weight_on(self, day: date) -> float | None:
        """The latest weight recorded on or before `day`; before her first entry, that first entry.

        A member who gives her weight today and then logs yesterday's food has a protein target for
        yesterday: the first weight she ever gave stands for the time before it.
        """
        if not self.weights:
            return None
        in_force = [w for w in self.weights if w.on <= day]
        return (in_force[-1] if in_force else self.weights[0]).kg

    def fractures_on(self, day: date) -> FractureHistory:
        known = [f for f in self.fractures if f.on <= day]
        adult = [f for f in known if f.low_trauma and (self.date_of_birth is None
                                                        or age_on(self.date_of_birth, f.on) >= ADULT_AGE)]
        return FractureHistory(any(f.vertebral for f in known), sum(f.low_trauma for f in known), len(adult),
                               any(f.unknown_site for f in known))

    def diagnosis_on(self, day: date) -> Diagnosis | None:
        """The WHO category of her latest scan dated on or before `day`."""
        return who_category([r for r in self.readings if r.scan_date <= day], self.fractures_on(day).low_trauma > 0)

    def facts_on(self, day: date) -> MemberFacts:
        diagnosis = self.diagnosis_on(day)
        return MemberFacts(self.date_of_birth, self.sex, self.weight_on(day), diagnosis.category if diagnosis else None)

    def overrides_on(self, day: date) -> dict[str, Override]:
        return {p.key: p.override for p in self.overrides if p.in_force_on(day)}

    def daily_targets_on(self, day: date) -> DailyNutritionTargets:
        overrides = {k: v for k, v in self.overrides_on(day).items() if k in DAILY_TARGET_KEYS}
        return daily_nutrition_targets(self.facts_on(day), day, overrides)

    def weekly_targets_on(self, day: date) -> list[WeeklyTarget]:
        return weekly_exercise_targets(self.fractures_on(day), self.overrides_on(day))

    def targets_on(self, day: date) -> DayTargets:
        return DayTargets(self.daily_targets_on(day), self.weekly_targets_on(day))
