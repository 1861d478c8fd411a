"""The rules of logging an exercise session, below the session form and the JSON API.

Both front ends ask these and say what they answer, so a member on the form and an app on the API are
told the same thing in the same words. Plain Python: no Flask, no forms, no database.
"""
from dataclasses import dataclass

from app.guidance.bands import OTHER_BAND

# Entry bounds: product limits that catch typing errors (not clinical figures); the tables' checks match them.
SETS_MAX = 20
REPS_MAX = 500
MINUTES_MAX = 600
EFFORT_MAX = 10  # Borg CR10
IMPACTS_MAX = 5000
HOLD_SECONDS_MAX = 600

CHOOSE_EXERCISE = "Choose an exercise from the list."
PAIN_WHERE = "Say where it hurt, like \"lower back\"."
CONFIRM_CAUTIONS = "Confirm you have read the cautions to log an exercise that has one for you."
BAND_NEEDED = "Choose the band colour you used."
OTHER_BAND_NOTE = "Say which band: brand and colour, or its resistance."
SETS_RANGE = f"Enter between 1 and {SETS_MAX} sets."
REPS_RANGE = f"Each set needs between 1 and {REPS_MAX} reps."
MINUTES_RANGE = f"Enter between 1 and {MINUTES_MAX} minutes."
HOLD_RANGE = f"Enter between 1 and {HOLD_SECONDS_MAX} seconds."
IMPACTS_RANGE = f"Enter between 0 and {IMPACTS_MAX} impacts."
EFFORT_RANGE = "Enter a whole number from 0 to 10."
assert EFFORT_MAX == 10  # the message above names the Borg CR10 scale's top

# What each way of measuring an exercise needs, and what is said when it is missing.
NEEDS = {
    "minutes": {"minutes": "Enter how many minutes."},
    "hold": {"hold_seconds": "Enter how many seconds you held it."},
    "reps": {"sets": "Enter the number of sets.", "reps": "Enter the reps."},
}


# The amount fields each way of measuring uses (shown on the forms, stored, prescribed); the others count for
# nothing: a walk has no sets, a hold no reps.
FIELDS_FOR = {"reps": frozenset({"sets", "reps"}), "hold": frozenset({"sets", "hold_seconds"}),
              "minutes": frozenset({"minutes"})}
AMOUNT_FIELDS = frozenset({"sets", "reps", "hold_seconds", "minutes"})


def reps_for_sets(reps: list[int], sets: int | None) -> list[int]:
    """One number means the same reps in every set; otherwise one number per set. ValueError says what is wrong."""
    if not reps:
        raise ValueError(NEEDS["reps"]["reps"])
    if any(not 1 <= r <= REPS_MAX for r in reps):
        raise ValueError(REPS_RANGE)
    if len(reps) == 1:
        return reps * (sets or 1)
    if sets is not None and len(reps) != sets:
        raise ValueError(f"You entered {len(reps)} numbers for {sets} sets: give one number, or one per set.")
    return reps


@dataclass(frozen=True)
class EntryValues:
    """One exercise of a session as entered (None: left empty)."""
    measure: str
    uses_band: bool
    sets: int | None = None
    reps: list[int] | None = None
    band_colour: str | None = None
    band_note: str | None = None
    minutes: int | None = None
    hold_seconds: int | None = None


def entry_problems(entry: EntryValues) -> dict[str, str]:
    """Field name → what to say, for every rule the entry breaks (empty when it can be saved)."""
    given = {"minutes": entry.minutes, "hold_seconds": entry.hold_seconds, "sets": entry.sets, "reps": entry.reps}
    problems = {name: message for name, message in NEEDS[entry.measure].items() if given[name] in (None, [])}
    if entry.reps and "reps" not in problems:
        try:
            reps_for_sets(entry.reps, entry.sets)
        except ValueError as error:
            problems["reps"] = str(error)
    if entry.uses_band and not entry.band_colour:
        problems["band_colour"] = BAND_NEEDED
    if entry.band_colour == OTHER_BAND and not (entry.band_note or "").strip():
        problems["band_note"] = OTHER_BAND_NOTE
    return problems


def pain_problem(pain: bool, where: str | None) -> str | None:
    return PAIN_WHERE if pain and not (where or "").strip() else None




def low_impact_note(logged: list[str], would_count: str | None, impact_limited: bool = False) -> str | None:
    """What to say when she logged landings that are low impact (gentle heel drops): the impact target counts moderate
    and high impacts only (ROS 2022 impact ladder), so they are not impacts there; name the lowest rung that counts."""
    if not logged:
        return None
    names = " and ".join(dict.fromkeys(logged))
    said = (f"{names} {'are' if len(logged) > 1 or names.endswith('s') else 'is'} low impact: "
            "they are not counted as impacts toward impact days, which count moderate and high impacts "
            "(ROS 2022 impact ladder).")
    if impact_limited:
        return said + " With your record, impact stays no greater than brisk walking, so brisk walking is your target."
    if would_count:
        return said + f" {would_count} would count."
    return said
