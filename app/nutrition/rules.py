"""The rules of logging a food, below the food-log form and the JSON API (the same answers in the same words).

Plain Python: no Flask, no forms, no database.
"""
MAX_GRAMS = 5000     # one entry: 5 kg (a typing-error guard, not a dietary figure)
MAX_SERVINGS = 50
CHOOSE_SERVING = "Choose a serving from the list, or grams."
CHOOSE_FOOD = "Choose a food from the table or from yours."


def amount_problem(amount: float, in_grams: bool) -> str | None:
    """What is wrong with `amount` servings (or grams), or None."""
    if amount <= 0:
        return "Enter an amount above zero."
    if in_grams and amount > MAX_GRAMS:
        return f"Enter at most {MAX_GRAMS:,} g (5 kg)."
    if not in_grams and amount > MAX_SERVINGS:
        return f"Enter at most {MAX_SERVINGS} servings."
    return None
