"""How a prescribed dose is said on every page, in the handout and in Home's next step."""


def dose_text(measure: str, sets: int | None = None, reps: int | None = None,
              hold_seconds: int | None = None, minutes: int | None = None, each_side: bool = False,
              rest_seconds: int | None = None) -> str:
    """A prescribed amount in the words the pages use: "3 × 10", "3 × 30 s each side, rest 60 s", "20 minutes"
    (a logged session's entries are said by the `entry_summary` macro)."""
    amount = _amount_text(measure, sets, reps, hold_seconds, minutes)
    if amount and each_side:
        amount += " each side"
    if amount and rest_seconds and measure != "minutes":
        amount += f", rest {rest_seconds} s"
    return amount


def _amount_text(measure: str, sets: int | None, reps: int | None, hold_seconds: int | None,
                 minutes: int | None) -> str:
    if measure == "minutes":
        return f"{minutes} minute{'s' if minutes != 1 else ''}" if minutes else ""
    if measure == "hold":
        if not hold_seconds:
            return f"{sets} × hold" if sets else ""
        return f"{sets} × {hold_seconds} s" if sets else f"{hold_seconds} s"
    return f"{sets} × {reps}" if sets and reps else (str(reps) if reps else "")
