"""The rules of logging a food, below the food-log form and the JSON API (the same answers in the same words).

Plain Python: no Flask, no forms, no database.
"""
MAX_GRAMS = 5000     # one entry: 5 kg (a typing-error guard, not a dietary figure)
CHOOSE_SERVING = "Choose a unit from the list."
AMOUNT_NUMBER = "Enter the amount as a number, like 2, 0.5, 1 1/2 or ½."
CHOOSE_FOOD = "Choose a food from the table or from yours."


def amount_problem(quantity: float, grams: float) -> str | None:
    """What is wrong with an amount of `quantity` that weighs `grams`, or None."""
    if quantity <= 0:
        return "Enter an amount above zero."
    if grams > MAX_GRAMS:
        return f"That is {grams:,.0f} g: enter at most {MAX_GRAMS:,} g (5 kg) at a time."
    return None
