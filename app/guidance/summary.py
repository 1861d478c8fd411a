"""The weekly summary as plain Python: per-day totals in, judged metrics out (docs/clinical-rules.md, "Weekly exercise",
"Status of a week's metric")."""
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from app.guidance.alcohol import flagged_days
from app.guidance.facts import DayTargets
from app.guidance.targets import (
    BRISK_WALK_MINUTES_PER_DAY,
    IMPACTS_PER_IMPACT_DAY,
    DailyNutritionTargets,
    Status,
    Target,
    WeeklyTarget,
    pace_status,
    status,
)
from app.guidance.weeks import consecutive_pairs, week_days

FULL, PACE, NOT_MEMBER = "full", "pace", "not_member"
NOUNS = {"resistance_sessions": ("band session", "band sessions"),
         "impact_days": ("impact day", "impact days"),
         "brisk_walk_days": ("brisk-walking day", "brisk-walking days"),
         "moderate_minutes": ("minute of moderate activity", "minutes of moderate activity"),
         "balance_days": ("balance day", "balance days")}
ONE_A_DAY = {"resistance_sessions", "impact_days", "brisk_walk_days", "balance_days"}


@dataclass(frozen=True)
class DayExercise:
    resistance_sessions: int = 0
    moderate_impacts: int = 0     # impacts from moderate- or high-impact exercises only
    brisk_walk_minutes: int = 0
    moderate_minutes: int = 0     # minutes of exercises the catalog marks as moderate aerobic activity
    balance_entries: int = 0
    posture_entries: int = 0
    pain: bool = False


@dataclass(frozen=True)
class DayNutrition:
    calcium_mg: float = 0.0
    vitamin_d_iu: float = 0.0
    protein_g: float = 0.0
    unknown_vitamin_d: int = 0
    food_items: int = 0           # the day counts toward averages only when food was logged

    def __add__(self, other: "DayNutrition") -> "DayNutrition":
        return DayNutrition(self.calcium_mg + other.calcium_mg, self.vitamin_d_iu + other.vitamin_d_iu,
                            self.protein_g + other.protein_g, self.unknown_vitamin_d + other.unknown_vitamin_d,
                            self.food_items + other.food_items)


@dataclass(frozen=True)
class Metric:
    key: str
    label: str
    actual: float
    target: float
    unit: str
    status: str
    days: list[date]
    rule: str
    sources: tuple
    override: object = None

    @property
    def to_go(self) -> float:
        return max(0.0, self.target - self.actual)


@dataclass(frozen=True)
class NutrientMetric:
    key: str
    label: str
    average: float | None
    target: Target | None         # the target of the week's last counted day
    status: str | None
    above_limit_days: list[date] = field(default_factory=list)
    target_changed: bool = False  # the target was not the same every day of the week (each day judged with its own)


@dataclass(frozen=True)
class WeekSummary:
    monday: date
    counted_days: list[date]      # the whole week, or Monday to today for the current week, from the day she joined
    so_far: bool                  # the week is not over (today is in it): judged by pace
    exercise: list[Metric]
    nutrition: list[NutrientMetric]
    food_days: list[date]
    unknown_vitamin_d_items: int
    back_to_back_resistance: list[tuple[date, date]]
    posture_days: list[date]
    pain_days: list[date]
    alcohol_g_by_day: dict[date, float] = field(default_factory=dict)  # days with drinks logged
    alcohol_flagged_days: list[date] = field(default_factory=list)     # at or above the FRAX threshold
    food_items: int = 0                                                # foods logged on the counted days
    days_left: int = 0            # days still to come in a week not over, today included
    judged: str = FULL            # FULL, PACE (not over, or joined part-way) or NOT_MEMBER (before she joined)

    @property
    def next_action(self) -> str | None:
        """The weekly target most behind, said as what is left to do ("2 band sessions to go, 4 days left")."""
        metric = self.next_metric
        return to_go_text(metric, self.days_left) if metric else None

    @property
    def next_metric(self) -> "Metric | None":
        """The target to work on next (the first of `short_metrics`)."""
        return next(iter(self.short_metrics), None)

    @property
    def short_metrics(self) -> list["Metric"]:
        """Targets not met, the most in need first: behind first, then the most left in share of the target."""
        short = [m for m in self.exercise if m.status not in (Status.MET, None)]
        return sorted(short, key=lambda m: (m.status not in (Status.BEHIND, Status.BELOW),
                                            -(m.to_go / m.target if m.target else 0)))




def to_go_text(metric: Metric, days_left: int) -> str:
    """"2 band sessions to go, 4 days left" (a week still going) or "2 band sessions short" (one that is over)."""
    left = metric.to_go
    noun = NOUNS[metric.key][0 if left == 1 else 1]
    if days_left <= 0:
        return f"{left:,.0f} {noun} short"
    days = "today is the last day" if days_left == 1 else f"{days_left} days left"
    return f"{left:,.0f} {noun} to go, {days}"


NO_EXERCISE = DayExercise()
NO_FOOD = DayNutrition()


def _exercise_metric(target: WeeklyTarget, ex: dict[date, DayExercise], days: list[date], judged: str,
                     today: date, days_left: int) -> Metric:
    if target.key == "resistance_sessions":
        behind = [d for d in days if ex[d].resistance_sessions]
        actual = sum(ex[d].resistance_sessions for d in days)
    elif target.key == "impact_days":
        behind = [d for d in days if ex[d].moderate_impacts >= IMPACTS_PER_IMPACT_DAY]
        actual = len(behind)
    elif target.key == "brisk_walk_days":
        behind = [d for d in days if ex[d].brisk_walk_minutes >= BRISK_WALK_MINUTES_PER_DAY]
        actual = len(behind)
    elif target.key == "moderate_minutes":
        behind = [d for d in days if ex[d].moderate_minutes]
        actual = sum(ex[d].moderate_minutes for d in days)
    elif target.key == "balance_days":
        behind = [d for d in days if ex[d].balance_entries]
        actual = len(behind)
    else:
        raise ValueError(f"unknown weekly target {target.key!r}")
    if judged == NOT_MEMBER:
        judgement = None
    elif judged == PACE:
        judgement = pace_status(actual, target.value, days_gone=sum(1 for d in days if d < today),
                                days_left=days_left,
                                one_a_day=target.key in ONE_A_DAY)
    else:
        judgement = status(actual, target.value)
    return Metric(target.key, target.label, actual, target.value, target.unit, judgement,
                  behind, target.rule, target.sources, target.override)


def summarize_week(monday: date, today: date, targets_on: Callable[[date], DayTargets],
                   exercise_by_day: dict[date, DayExercise], food_by_day: dict[date, DayNutrition],
                   supplements_by_day: dict[date, DayNutrition],
                   alcohol_g_by_day: dict[date, float] | None = None,
                   member_since: date | None = None) -> WeekSummary:
    """Judge one Monday–Sunday week; the current week counts only the days up to today.

    Only days from `member_since` (the day her account was made, in her time zone) count: a week before
    it is not judged at all, and a week not over or one she joined part-way is judged by pace
    (`pace_status`), never "below".

    Each day is judged with that day's targets (`targets_on`, e.g. `MemberHistory.targets_on`): a day's
    intake against its own upper limit, and the week's average against the average of its food days'
    targets. The weekly exercise targets are those of the week's last counted day.
    """
    days = week_days(monday)
    counted = [d for d in days if d <= today and (member_since is None or d >= member_since)]
    days_left = sum(1 for d in days if d >= today)
    if not counted:
        judged = NOT_MEMBER
    elif days_left or counted[0] > monday:
        judged = PACE
    else:
        judged = FULL
    targets = {d: targets_on(d) for d in counted}
    last = targets[counted[-1]] if counted else targets_on(monday)
    ex = {d: exercise_by_day.get(d, NO_EXERCISE) for d in counted}
    exercise = [_exercise_metric(t, ex, counted, judged, today, days_left) for t in last.weekly]

    food = {d: food_by_day.get(d, NO_FOOD) for d in counted}
    totals = {d: food[d] + supplements_by_day[d] if d in supplements_by_day else food[d] for d in counted}
    food_days = [d for d in counted if food[d].food_items]
    nutrition = [_nutrient_metric(key, label, limit_key, targets, totals, food_days, last.daily)
                 for key, label, limit_key in (("calcium_mg", "Calcium", "calcium_ul_mg"),
                                               ("vitamin_d_iu", "Vitamin D", "vitamin_d_ul_iu"),
                                               ("protein_g", "Protein", None))]

    alcohol = {d: g for d, g in (alcohol_g_by_day or {}).items() if d in counted}
    return WeekSummary(
        monday=monday, counted_days=counted, so_far=days_left > 0, exercise=exercise, nutrition=nutrition,
        food_days=food_days, unknown_vitamin_d_items=sum(food[d].unknown_vitamin_d for d in food_days),
        back_to_back_resistance=consecutive_pairs([d for d in counted if ex[d].resistance_sessions]),
        posture_days=[d for d in counted if ex[d].posture_entries],
        pain_days=[d for d in counted if ex[d].pain],
        alcohol_g_by_day=alcohol,
        alcohol_flagged_days=flagged_days(alcohol),
        food_items=sum(food[d].food_items for d in food_days), days_left=days_left, judged=judged)


def _nutrient_metric(key: str, label: str, limit_key: str | None, targets: dict[date, DayTargets],
                     totals: dict[date, DayNutrition], food_days: list[date],
                     last: DailyNutritionTargets) -> NutrientMetric:
    def target(d: date) -> Target | None:
        return getattr(targets[d].daily, key)

    def limit(d: date) -> Target | None:
        return getattr(targets[d].daily, limit_key) if limit_key else None

    values = {t.value if (t := target(d)) else None for d in targets}
    average = sum(getattr(totals[d], key) for d in food_days) / len(food_days) if food_days else None
    judged = None
    if average is not None and all(target(d) for d in food_days):
        judged = status(average, sum(target(d).value for d in food_days) / len(food_days))
    above = sorted(d for d in totals if (cap := limit(d)) and getattr(totals[d], key) > cap.value)
    if above:  # a day above the upper limit makes the week's state "above", whatever the average met
        judged = Status.ABOVE_LIMIT
    return NutrientMetric(key, label, average, getattr(last, key), judged, above, len(values) > 1)
