"""The words people type for food, and how a food's own words are ranked against them (plain Python, no Flask).

One rule for both databases (app/nutrition/services.py turns a `Query` into SQLite FTS5 or PostgreSQL
full-text syntax over `food.search_text`, the same words):

- Every word typed must match the start of a word of the food (its name, USDA's description and other
  names, and the everyday layer's aliases), in any order. Filler words ("with", "of", "a") are dropped.
- A word also matches as its singular or plural: "eggs" finds "egg", "blueberry" finds "blueberries".
- Everyday and UK names have their US/USDA words as alternatives (`SYNONYMS`): "porridge" also looks for
  "oatmeal", "courgette" for "zucchini", "latte" for coffee with milk.
- One typing slip is forgiven in words of 5 or more letters when the words as typed find nothing
  (`with_slips`): "brocoli" finds broccoli, "yougurt" finds yogurt.

Ranking (`head_of`, `plainness`): a food whose main word (USDA's first part of the description, "Milk"
in "Milk, whole, 3.25% milkfat") is what she typed comes before a food that only contains it ("Candies,
milk chocolate"); then the everyday layer in its own order; then plainer rows (fewer qualifiers) before
branded, restaurant and baby foods.
"""
import functools
import os
import re
import unicodedata
from dataclasses import dataclass, replace
from itertools import permutations

from app.guidance.regions import SQL_FORTIFIED, SQL_UNFORTIFIED

MIN_SLIP_LENGTH = 5   # one slip forgiven from this length…
MAX_SLIP_LENGTH = 12  # …to this one (a longer word is not an everyday food word mistyped)
MAX_SLIP_WORDS = 2    # words of one query that get the second try: each adds ~50 terms a letter to the query
MAX_WORDS = 8         # words of a query that count
FILLER = frozenset({"a", "an", "the", "of", "with", "and", "in", "on", "or", "w", "some", "my"})

# What people call a food (US, UK and everyday English) → the words USDA's descriptions use.
# Each alternative is a phrase: all its words must match. The typed words stay an alternative too.
SYNONYMS: dict[str, tuple[str, ...]] = {
    # UK and US spellings and names
    "yoghurt": ("yogurt",), "yoghourt": ("yogurt",), "yogourt": ("yogurt",),
    "courgette": ("zucchini",), "aubergine": ("eggplant",), "prawn": ("shrimp",), "king prawn": ("shrimp",),
    "tinned": ("canned",), "tin": ("canned",), "mince": ("ground",), "minced": ("ground",),
    "coriander": ("cilantro", "coriander"), "rocket": ("arugula",), "swede": ("rutabaga",),
    "beetroot": ("beet",), "spring onion": ("scallion", "green onion"), "mangetout": ("snow pea",),
    "sweetcorn": ("sweet corn", "corn sweet"), "chickpea": ("garbanzo",), "garbanzo": ("chickpea",),
    "crisp": ("potato chip", "chip"), "biscuit": ("cookie", "biscuit"), "digestive": ("graham cracker",),
    "jacket potato": ("potato baked",), "chip": ("chip", "french fried potato"), "mash": ("potato mashed",),
    "mashed potato": ("potato mashed",), "gammon": ("ham",), "rasher": ("bacon",), "streaky bacon": ("bacon",),
    "treacle": ("molasses", "syrup"), "golden syrup": ("syrup",), "icing sugar": ("sugar powdered",),
    "caster sugar": ("sugar granulated",), "cornflour": ("cornstarch",), "plain flour": ("flour all purpose",),
    "wholemeal": ("whole wheat",), "wholewheat": ("whole wheat",), "brown bread": ("bread whole wheat",),
    "double cream": ("cream heavy",), "single cream": ("cream light",), "soured cream": ("sour cream",),
    "semi skimmed": ("reduced fat 2", "2"), "semi skimmed milk": ("milk reduced fat",),
    "skimmed": ("skim", "nonfat", "fat free"), "skimmed milk": ("milk skim", "milk nonfat"),
    "full fat": ("whole",), "full fat milk": ("milk whole",), "whole milk": ("milk whole",),
    "semolina": ("semolina", "farina"), "porridge": ("oatmeal", "oat cooked"), "oats": ("oat",),
    "muesli": ("muesli", "granola"), "weetabix": ("shredded wheat",), "cornflakes": ("corn flake",),
    "toast": ("toasted", "bread toasted"), "sarnie": ("sandwich",), "sandwich": ("sandwich", "sub"),
    "burger": ("hamburger", "burger"), "cheeseburger": ("cheeseburger",), "fries": ("french fried potato",),
    "french fries": ("french fried potato",), "hash brown": ("potato hash brown",),
    "latte": ("coffee milk",), "cappuccino": ("coffee milk",), "flat white": ("coffee milk",),
    "cafe au lait": ("coffee milk",), "espresso": ("espresso",), "cuppa": ("tea",), "brew": ("tea brewed",),
    "fizzy drink": ("carbonated",), "soda": ("carbonated", "soda"), "pop": ("carbonated", "popcorn"),
    "lemonade": ("lemonade",), "squash drink": ("fruit flavored drink",), "oj": ("orange juice",),
    "noodle": ("noodle",), "spaghetti": ("spaghetti", "pasta"), "macaroni": ("macaroni", "pasta"),
    "jam": ("jam", "jams", "preserves"), "jelly": ("jelly", "gelatin"), "marmalade": ("marmalade",),
    "ketchup": ("catsup", "ketchup"), "mayo": ("mayonnaise",), "hummous": ("hummus",), "houmous": ("hummus",),
    "humus": ("hummus",), "custard": ("custard", "pudding vanilla"), "candy floss": ("cotton candy",),
    "sweet": ("candies", "sweet"), "sweets": ("candies",), "lolly": ("ice pop", "candies"),
    "ice lolly": ("ice pop", "frozen novelties"), "marrow": ("squash",), "spud": ("potato",),
    "pepper": ("pepper", "peppers"), "capsicum": ("peppers sweet",), "chilli": ("chili",),
    "banger": ("sausage",), "sausage roll": ("sausage",), "black pudding": ("blood sausage",),
    "kipper": ("herring kippered",), "tuna mayo": ("tuna salad",), "fish finger": ("fish sticks",),
    "fish fingers": ("fish sticks",), "cod": ("cod",), "haddock": ("haddock",), "mackerel": ("mackerel",),
    "ground beef": ("beef ground",), "steak": ("steak",), "bacon": ("bacon",),
    "cottage pie": ("shepherds pie", "beef"), "shepherds pie": ("shepherds pie",),
    "pak choi": ("bok choy", "cabbage chinese"), "bok choy": ("bok choy", "cabbage chinese"),
    "scallion": ("scallion", "onion green"), "green onion": ("onion green", "scallion"),
    "aubergines": ("eggplant",), "zucchini": ("zucchini",),
    "soymilk": ("soymilk", "soy milk"), "soy milk": ("soymilk", "soy milk"),
    "powdered milk": ("milk dry", "dry milk"), "milk powder": ("milk dry", "dry milk"),
    "soya": ("soy",), "soya milk": ("soymilk", "soy milk"),
    "oat milk": ("oat beverage", "oat milk"), "almond milk": ("almond milk", "almond beverage"),
    "cheddar": ("cheddar",), "brie": ("brie",), "parmesan": ("parmesan",), "mozzarella": ("mozzarella",),
    "grapefruit": ("grapefruit",), "clementine": ("tangerine", "mandarin"), "satsuma": ("tangerine", "mandarin"),
    "mandarin": ("tangerine", "mandarin"), "sultana": ("raisin golden", "raisin"), "currant": ("currant",),
    "rocket salad": ("arugula",), "lettuce": ("lettuce",), "salad": ("salad", "lettuce"),
    "broccolli": ("broccoli",), "brocolli": ("broccoli",), "brocoli": ("broccoli",),
    "tomatoe": ("tomato",), "potatoe": ("potato",), "bannana": ("banana",), "yogart": ("yogurt",),
    "beer": ("beer",), "lager": ("beer",), "ale": ("beer",), "bitter": ("beer",), "stout": ("beer",),
    "wine": ("wine",), "red wine": ("wine red",), "white wine": ("wine white",), "bubbly": ("wine",),
    "prosecco": ("wine",), "champagne": ("wine",), "cider": ("cider", "apple juice"),
    "whisky": ("whiskey", "distilled"), "whiskey": ("whiskey", "distilled"), "gin": ("gin", "distilled"),
    "vodka": ("vodka", "distilled"), "rum": ("rum", "distilled"),
    "cookie": ("cookie",), "sponge cake": ("cake sponge",), "cupcake": ("cake cupcake", "cupcake"),
    "doughnut": ("doughnut",), "donut": ("doughnut",), "bagel": ("bagel",), "croissant": ("croissant",),
    "pancake": ("pancake",), "crumpet": ("english muffin",), "scone": ("biscuit", "scone"),
    "omelette": ("egg omelet", "omelet"), "omelet": ("egg omelet", "omelet"),
    "boiled egg": ("egg hard boiled", "egg boiled"), "fried egg": ("egg fried",), "poached egg": ("egg poached",),
    "scrambled egg": ("egg scrambled",), "fish and chips": ("fish fried", "fish batter"),
    "peanut butter": ("peanut butter",), "nut butter": ("peanut butter", "almond butter"),
    "greek yoghurt": ("yogurt greek",), "fromage frais": ("cheese fresh", "yogurt"),
    "quark": ("cheese cottage", "cheese fresh"), "tofu": ("tofu",), "edamame": ("edamame", "soybeans green"),
    "garbanzo bean": ("chickpea",), "lentil": ("lentil",), "baked bean": ("beans baked",),
    "beans on toast": ("beans baked",), "broad bean": ("broadbean", "fava"), "fava bean": ("broadbean", "fava"),
    "runner bean": ("beans snap", "green beans"), "green bean": ("beans snap", "green beans"),
    "string bean": ("beans snap",), "french bean": ("beans snap",), "navy bean": ("beans navy",),
    "butter bean": ("lima",), "lima bean": ("lima",), "kidney bean": ("beans kidney",),
    "black bean": ("beans black",), "pinto bean": ("beans pinto",), "salmon": ("salmon",),
    "tuna": ("tuna",), "sardine": ("sardine",), "kale": ("kale",), "spinach": ("spinach",),
    "peas": ("peas",), "garden peas": ("peas green",), "petit pois": ("peas green",),
    "chicken breast": ("chicken breast",), "turkey breast": ("turkey breast",),
    "hot chocolate": ("hot chocolate", "hot cocoa"), "cocoa": ("cocoa", "hot cocoa"),
    "milkshake": ("milk shake", "shake"), "smoothie": ("smoothie", "yogurt fruit"),
    "mac and cheese": ("macaroni cheese",), "mac n cheese": ("macaroni cheese",), "mac cheese": ("macaroni cheese",),
    "pizza": ("pizza",), "lasagne": ("lasagna",), "bolognese": ("spaghetti meat sauce", "pasta meat sauce"),
    "spag bol": ("spaghetti meat sauce",), "curry": ("curry",), "stir fry": ("stir fried", "stir fry"),
    "brown rice": ("rice brown",), "white rice": ("rice white",), "basmati": ("rice white",),
    "jasmine rice": ("rice white",), "sticky rice": ("rice glutinous",), "rice pudding": ("pudding rice",),
    "tea": ("tea",), "green tea": ("tea green",), "herbal tea": ("tea herb",), "decaf": ("decaffeinated",),
    "coffee": ("coffee",), "instant coffee": ("coffee instant",), "black coffee": ("coffee brewed",),
    "orange juice": ("orange juice",), "apple juice": ("apple juice",), "fruit juice": ("juice",),
    "water": ("water",), "sparkling water": ("carbonated water", "water"), "tonic": ("tonic water",),
    "cola": ("cola",), "coke": ("cola",), "diet coke": ("cola diet",), "energy drink": ("energy drink",),
    "honey": ("honey",), "syrup": ("syrup",), "maple syrup": ("syrup maple",), "sugar": ("sugar",),
    "oatcake": ("oat cake", "crackers"), "crispbread": ("crispbread", "crackers rye"),
    "crackers": ("crackers",), "cracker": ("crackers",), "rice cake": ("rice cake",),
    "nuts": ("nuts",), "mixed nuts": ("nuts mixed",), "trail mix": ("trail mix",),
    "yam": ("yam", "sweet potato"), "sweet potato": ("sweet potato",), "kumara": ("sweet potato",),
    "swiss chard": ("chard swiss",), "chard": ("chard",), "collards": ("collard",), "greens": ("greens",),
    "mushroom": ("mushroom",), "shroom": ("mushroom",), "avo": ("avocado",), "avacado": ("avocado",),
    "tangerine": ("tangerine", "mandarin"), "pawpaw": ("papaya",), "papaya": ("papaya",),
    "ice cream": ("ice cream",), "icecream": ("ice cream",), "gelato": ("ice cream",),
    "frozen yoghurt": ("frozen yogurt", "yogurt frozen"), "froyo": ("frozen yogurt", "yogurt frozen"),
    "cheese toastie": ("cheese grilled sandwich",), "toastie": ("grilled cheese", "sandwich"),
    "grilled cheese": ("cheese grilled sandwich",), "bap": ("roll",), "bun": ("roll", "bun"),
    "roll": ("roll",), "wrap": ("tortilla", "wrap"), "pitta": ("pita",), "naan": ("naan", "bread"),
    "chapati": ("chapati", "roti", "bread"), "roti": ("roti", "chapati", "bread"),
    "cereal": ("cereal",), "granola": ("granola",), "bran flakes": ("bran flake", "bran"),
    "shreddies": ("shredded wheat",), "shredded wheat": ("shredded wheat",), "rice krispies": ("rice krispies",),
    "prune": ("prune", "plum dried"), "dried apricot": ("apricot dried",), "dried fig": ("fig dried",),
    "raisin": ("raisin",), "date": ("date",), "fig": ("fig",), "kiwi": ("kiwifruit", "kiwi"),
    "watermelon": ("watermelon",), "melon": ("melon", "cantaloupe", "honeydew"), "cantaloupe": ("cantaloupe",),
    # Everyday names in the UK, Ireland, Australia and Canada, and dishes named for what goes with them
    "full cream": ("whole",), "full cream milk": ("milk whole",), "lite milk": ("milk reduced fat", "milk lowfat"),
    "light milk": ("milk reduced fat", "milk lowfat"), "homo milk": ("milk whole",),
    "homogenized milk": ("milk whole",), "chop": ("chop", "loin"),
    "rockmelon": ("cantaloupe",), "silverbeet": ("chard swiss",), "hot chip": ("french fried potato",),
    "back bacon": ("canadian bacon",), "peameal bacon": ("canadian bacon",), "new potato": ("potato boiled skin",
                                                                                            "potato red"),
    "rich tea": ("marie biscuit", "tea biscuit"), "rich tea biscuit": ("marie biscuit", "tea biscuit"),
    "tea milk": ("tea black brewed",), "cup tea": ("tea black brewed",), "builders tea": ("tea black brewed",),
    "coffee milk": ("coffee brewed", "coffee milk"), "corn cob": ("corn sweet",),
    "string cheese": ("cheese mozzarella low moisture part skim",), "porridge oat": ("oat regular quick",),
    "rolled oat": ("oat regular quick",), "oat flake": ("oat regular quick",),
}

# USDA descriptions that start with a class, not the food: "Beverages, coffee, brewed" is coffee.
CLASS_HEADS = frozenset({
    "beverage", "alcoholic beverage", "cereals ready to eat", "cereal", "babyfood", "fish", "candies", "candy",
    "snack", "nut", "seed", "mollusk", "crustacean", "game meat", "spice", "restaurant", "fast food",
    "usda commodity", "infant formula", "frozen novelty", "formulated bar", "leavening agent", "sweetener",
    "vegetable", "fruit", "dessert", "topping", "dessert topping", "school lunch", "meal", "carbonated",
    "salad dressing"})

# Rows a member rarely means: ranked after the ordinary ones of the same kind (USDA's food groups).
RARE_GROUPS = frozenset({"Baby Foods", "Fast Foods", "Restaurant Foods", "American Indian/Alaska Native Foods"})


WORD = re.compile(r"[a-z0-9]+")
PARTS = re.compile(r"[,;(]")
QUALIFIERS = re.compile(r"[,;]")
NAME_WORD = re.compile(r"[A-Za-z'&]{4,}")
# Rows that are something else made to look like the food: after the food itself.
STAND_INS = ("meatless", "imitation", "substitute", "non-alcoholic", "nonalcoholic", "analog")

# --- The form of a food she means (app/nutrition/services.py ranks by these, in this order, after her own foods
# and the main-word match): her cooking method; then the plain food before a variant she didn't type.

# A cooking word she types chooses USDA's cooking method instead of being a word the food must have: "baked salmon"
# is salmon "cooked, dry heat"; the first of the USDA words is the closest.
COOKING: dict[str, tuple[str, ...]] = {
    "baked": ("baked", "dry heat", "roasted", "oven"), "roast": ("roasted", "roast", "dry heat", "baked"),
    "roasted": ("roasted", "roast", "dry heat", "baked"), "grilled": ("grilled", "broiled", "dry heat", "roasted"),
    "broiled": ("broiled", "grilled", "dry heat"), "boiled": ("boiled", "moist heat", "simmered", "cooked"),
    "steamed": ("steamed", "boiled", "moist heat", "cooked"), "poached": ("poached", "moist heat", "simmered"),
    "fried": ("fried", "pan-fried"), "scrambled": ("scrambled",), "stewed": ("stewed", "braised", "simmered"),
    "braised": ("braised", "stewed"), "microwaved": ("microwaved",), "cooked": ("cooked", "boiled", "dry heat"),
}

@dataclass(frozen=True)
class FormRule:
    """Foods whose lower-case USDA description matches one of `patterns` (SQL LIKE) and none of `unless`, in one of
    `groups` (any group when None), rank after the others, unless she typed one of `words`."""
    words: frozenset[str]
    patterns: tuple[str, ...]
    groups: frozenset[str] | None = None
    unless: tuple[str, ...] = ()


FORM_STEP = 3  # what breaking one rule weighs against the main-word match's steps (0 to 5)
ANIMAL_GROUPS = frozenset({"Finfish and Shellfish Products", "Poultry Products", "Beef Products", "Pork Products",
                           "Lamb, Veal, and Game Products"})
FORM_RULES: tuple[FormRule, ...] = (
    # A part of a food (its skin, peel, fat) only when typed: "Potatoes, boiled, cooked in skin, skin".
    FormRule(frozenset({"skin", "peel", "fat", "rind"}),
             ("%, skin", "%, skin,%", "%, skin only%", "%, skin with salt%", "%, peel%", "%, separable fat%",
              "%, rind%", "%rendered fat%")),
    # A coated, filled or flavoured variant only when typed: the plain biscuit before the chocolate-coated one.
    FormRule(frozenset({"coated", "covered", "chocolate", "frosted", "glazed", "iced", "icing", "flavored",
                        "flavoured", "flavor", "flavour", "creme", "cream", "filled", "filling", "vanilla",
                        "strawberry", "fruit", "honey", "cinnamon", "maple", "caramel", "fudge", "peanut",
                        "sweetened", "pecan", "almond", "walnut", "coconut", "raisin", "nut"}),
             ("%,%coated%", "%,%covered%", "%,%chocolate%", "%,%frosted%", "%,%glazed%", "%,%flavor%",
              "%,%creme%", "%,%filled%", "%,%filling%", "%,%vanilla%", "%,%strawberry%", "%,% fruit%", "%,%honey%",
              "%,%cinnamon%", "%,%maple%", "%,%caramel%", "%,%fudge%", "%,%peanut butter%", "%,% sweetened%",
              "%,%pecan%", "%,%almond%", "%,%walnut%", "%,%coconut%", "%,%raisin%"),
             unless=("%plain%",)),
    # A diet or special variant only when typed: regular crisps before reduced-fat ones.
    FormRule(frozenset({"reduced", "low", "lower", "diet", "free", "gluten", "sodium", "salt", "special", "lite",
                        "light", "lightly", "calorie", "sugar", "unsalted"}),
             ("%reduced fat%", "%reduced sodium%", "%low sodium%", "%lower sodium%", "%no salt%", "%sugar free%",
              "%sugar-free%", "%, diet%", "%special dietary%", "%gluten-free%", "%reduced calorie%",
              "%low calorie%", "%lower fat%", "%reduced sugar%", "%lightly salted%", "%unsalted%",
              "%nonfat or fat free%", "%, fat free%"),
             # Milk's own kinds (2 %, 1 %, skim) are not diet variants: they are the milk she names.
             unless=("milk, reduced fat%", "milk, lowfat%", "milk, nonfat%", "milk, fluid, 1%%")),
    # Not yet made: a mix, a dough, a powder, frozen and unprepared.
    FormRule(frozenset({"mix", "dough", "powder", "powdered", "dry", "unprepared", "frozen", "dehydrated",
                        "concentrate"}),
             ("%unprepared%", "%dry mix%", "%, mix,%", "%as purchased%", "%refrigerated dough%", "%dehydrated%",
              "%, powder%", "%frozen mixture%", "%frozen concentrate%")),
    # Another kind of the food than the one she named: baby, imported, or a stand-in for it.
    FormRule(frozenset({"baby", "imported", "zealand", "australian", "meatless", "vegetarian", "veggie",
                        "imitation", "substitute", "turkey", "alaska", "native", "oil", "tofu"}),
             ("%, baby%", "%imported%", "%new zealand%", "%meatless%", "%imitation%", "%substitute%",
              "%analog%", "%, turkey%", "%alaska native%", "fish oil%", "%made with tofu%")),
    # A sauce, spice, gravy or soup named after the food: the food itself first ("steak", "red pepper", "tomato").
    FormRule(frozenset({"sauce", "spice", "spices", "gravy", "soup", "seasoning", "ground", "dried", "cayenne",
                        "relish", "pickle"}),
             ("sauce%", "spices%", "gravy%", "soup%", "seasoning%", "pickle relish%")),
    # Milk she didn't name: buttermilk, evaporated, condensed, dried, goat's or sheep's.
    FormRule(frozenset({"buttermilk", "evaporated", "condensed", "dry", "dried", "powder", "powdered", "goat",
                        "sheep", "human", "buffalo", "canned", "tinned", "filled", "producer"}),
             ("milk, buttermilk%", "%evaporated%", "%condensed%", "milk, dry%", "milk, goat%", "milk, sheep%",
              "milk, producer%",
              "milk, human%", "milk, indian buffalo%", "milk, filled%", "milk, canned%"),
             frozenset({"Dairy and Egg Products"})),
    # Fortified rows only when she asks (calcium-fortified milk, fortified orange juice).
    FormRule(frozenset({"fortified", "calcium"}), ("%fortified%",), frozenset({"Dairy and Egg Products",
                                                                                "Fruits and Fruit Juices"})),
    # A raw commodity that is cooked before it is eaten (meat, fish, poultry, grains, beans): the cooked food first.
    FormRule(frozenset({"raw", "uncooked", "dry"}),
             ("%, raw%", "oats", "%, dry", "%, dry,%"),
             ANIMAL_GROUPS | {"Cereal Grains and Pasta", "Legumes and Legume Products"}),
    # Canned, smoked, dried or cured fish and meat only when typed: "salmon" is cooked salmon, not tinned.
    FormRule(frozenset({"canned", "tinned", "tin", "can", "smoked", "dried", "salted", "kippered", "cured",
                        "pickled"}),
             ("%canned%", "%smoked%", "%dried%", "%salted%", "%kippered%", "%pickled%", "%fermented%"),
             ANIMAL_GROUPS),
    # Oats and other hot cereals are weighed dry: cooked porridge when she says so ("porridge", "oatmeal", "cooked").
    FormRule(frozenset({"cooked", "oatmeal", "prepared", "made", "water", "hot", "cook", "instant"}),
             ("%cooked with%", "%prepared with%", "%, cooked%"), frozenset({"Breakfast Cereals"})),
    # Made at home from a recipe only when typed: what she buys or is served first.
    FormRule(frozenset({"homemade", "home", "recipe"}),
             ("%prepared from recipe%", "%home-prepared%", "%home prepared%", "%homemade%")),
    # Cooked in salted water (USDA's "with salt" vegetables) only when typed.
    FormRule(frozenset({"salt", "salted"}), ("%, with salt%", "%salt added%"),
             frozenset({"Vegetables and Vegetable Products"})),
)


def like(pattern: str, text: str) -> bool:
    """SQL's LIKE over lower-case text (`%` any run, `_` one character), as both databases apply it."""
    return _like(pattern).fullmatch(text) is not None


@functools.lru_cache(maxsize=512)
def _like(pattern: str) -> re.Pattern:
    return re.compile("".join(".*" if c == "%" else "." if c == "_" else re.escape(c) for c in pattern), re.DOTALL)


FORTIFIED_FLAG = 1 << len(FORM_RULES)  # the bit after the rules': a vitamin D fortified row (regions.SQL_FORTIFIED)


def form_flags(described: str, food_group: str | None) -> int:
    """Which `FORM_RULES` a food breaks, one bit each in their order, and `FORTIFIED_FLAG`: worked out once per
    food when it is stored (`food.form_flags`), so the search's ranking tests bits, not a hundred LIKEs a row."""
    text = described.lower()
    flags = 0
    for r, rule in enumerate(FORM_RULES):
        if ((rule.groups is None or food_group in rule.groups) and any(like(p, text) for p in rule.patterns)
                and not any(like(p, text) for p in rule.unless)):
            flags |= 1 << r
    if any(like(p, text) for p in SQL_FORTIFIED) and not like(SQL_UNFORTIFIED, text):
        flags |= FORTIFIED_FLAG
    return flags


def plain_words(text: str) -> list[str]:
    """Lower-case words without accents or punctuation: 'Crème fraîche, 2%' → ['creme', 'fraiche', '2']."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return WORD.findall(plain)


def singular(word: str) -> str:
    """A light English singular, the same on both sides: berries → berry, potatoes → potato, eggs → egg."""
    if len(word) <= 3 or word.endswith(("ss", "us", "is", "ous")):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes", "zzes", "oes")):
        return word[:-2]
    if word.endswith("s"):
        return word[:-1]
    return word


def forms(word: str) -> tuple[str, ...]:
    """The starts of words that match a typed word: itself, its singular, and berry's 'berri' for berries."""
    out = [word, singular(word)]
    if word.endswith("y") and len(word) > 3:
        out.append(word[:-1] + "i")
    return tuple(dict.fromkeys(out))


def slips(word: str) -> set[str]:
    """Every word one typing slip away (a letter left out, added, changed, or two swapped)."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    out = {a + b[1:] for a, b in splits if b}
    out |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    out |= {a + c + b[1:] for a, b in splits if b for c in letters}
    out |= {a + c + b for a, b in splits for c in letters}
    out.discard(word)
    return {w for w in out if len(w) >= 3}


@dataclass(frozen=True)
class Word:
    """One word of an alternative: it matches a food word starting with any of `starts`; `core` is what all
    its forms start with ("strawberr" for strawberries), to look for it in the name she sees."""
    starts: tuple[str, ...]

    @property
    def core(self) -> str:
        return os.path.commonprefix(list(self.starts[:3])) or self.starts[0]


@dataclass(frozen=True)
class Term:
    """What one typed word or phrase stands for: any one alternative, each a group of words all present."""
    alternatives: tuple[tuple[Word, ...], ...]


SHORT_WORD = 2  # "ch", "mi": a word still being typed


@dataclass(frozen=True)
class Query:
    terms: tuple[Term, ...]
    whole: frozenset[str]     # everything she typed, in her order, as a food's main words ("orange juice")
    heads: frozenset[str]     # main words that make a food a good match ("milk", "orange", "orange juice")
    words: tuple[str, ...]    # the singular words typed and their alternatives' words
    unfortified_first: bool = False  # her country doesn't fortify milk (app/guidance/regions.py)
    methods: tuple[str, ...] = ()    # USDA's words for the cooking method she typed (`COOKING`), closest first
    typed: frozenset[str] = frozenset()  # every word she typed and its alternatives' words, as typed and singular

    def form_rules(self) -> list["FormRule"]:
        """The `FORM_RULES` that count for this query: those whose words she didn't type."""
        return [rule for rule in FORM_RULES if not (rule.words & self.typed)]

    def __bool__(self) -> bool:
        return bool(self.terms)

    @property
    def still_typing(self) -> bool:
        """Only a letter or two of each word so far: the live search looks in the everyday layer and her own
        foods, where what she means almost always is, and the whole table from the third letter."""
        return all(len(term.alternatives[0][0].starts[0]) <= SHORT_WORD and len(term.alternatives) == 1
                   and len(term.alternatives[0]) == 1 for term in self.terms)


def parse_query(text: str) -> Query:
    """What she typed as terms to match (every term must match, in any order) and main words to rank by."""
    words = plain_words(text)
    kept = [w for w in words if w not in FILLER] or words
    kept = kept[:MAX_WORDS]
    # A cooking word is a preference, not a word the food must have, unless it is part of a name she typed
    # ("baked beans", "fried egg" and "scrambled eggs" are names: their phrases are kept whole).
    methods: list[str] = []
    named = {w for n in (3, 2) for i in range(len(kept) - n + 1)
             if (" ".join(kept[i:i + n]) in SYNONYMS or " ".join(singular(w) for w in kept[i:i + n]) in SYNONYMS)
             for w in kept[i:i + n]}
    cooking = [w for w in kept if w in COOKING and w not in named]
    if cooking and len(cooking) < len(kept):
        for word in cooking:
            methods.extend(COOKING[word])
        kept = [w for w in kept if w not in cooking]
    typed_words = set(words) | {singular(w) for w in words}
    terms, phrases = [], []
    i = 0
    while i < len(kept):
        for n in (3, 2, 1):
            phrase = " ".join(kept[i:i + n])
            key = phrase if phrase in SYNONYMS else " ".join(singular(w) for w in kept[i:i + n])
            if len(kept[i:i + n]) == n and (key in SYNONYMS or n == 1):
                alternatives = [tuple(kept[i:i + n])] + [tuple(a.split()) for a in SYNONYMS.get(key, ())]
                alternatives = list(dict.fromkeys(alternatives))
                terms.append(Term(tuple(tuple(Word(forms(w)) for w in alt) for alt in alternatives)))
                phrases.extend(alternatives)
                i += n
                break
    # The whole of what she typed: each way of saying it when it is one phrase, else the words themselves.
    wholes = phrases if len(terms) == 1 else [tuple(kept)]
    whole = frozenset(" ".join(singular(w) for w in phrase) for phrase in wholes)
    typed_words |= {w for p in phrases for w in p} | {singular(w) for p in phrases for w in p}
    return Query(tuple(terms), whole, _heads(phrases),
                 tuple(dict.fromkeys(singular(w) for p in phrases for w in p)),
                 methods=tuple(dict.fromkeys(methods)), typed=frozenset(typed_words))


def with_slips(query: Query) -> Query:
    """The same query, its first two words of 5 to 12 letters also matching any word one slip away: the second
    try when the words as typed find nothing. Bounded, so a long nonsense query stays one cheap statement."""
    chosen = [w.starts[0] for term in query.terms for w in term.alternatives[0]
              if MIN_SLIP_LENGTH <= len(w.starts[0]) <= MAX_SLIP_LENGTH][:MAX_SLIP_WORDS]

    def relaxed(word: Word) -> Word:
        typed = word.starts[0]
        if typed not in chosen:
            return word
        near = tuple(slip[:-1] if slip.endswith("y") else slip for slip in sorted(slips(typed)))  # berry → berr*
        return Word(tuple(dict.fromkeys(word.starts + near)))

    terms = tuple(Term(tuple(tuple(relaxed(w) for w in alt) for alt in term.alternatives)) for term in query.terms)
    extra = {singular(s) for term in terms for alt in term.alternatives for w in alt for s in w.starts[1:]}
    return replace(query, terms=terms, whole=query.whole | frozenset(extra), heads=query.heads | frozenset(extra))


def _heads(phrases: list[tuple[str, ...]]) -> frozenset[str]:
    """Main words a food may have for this query: the singular words typed (and their alternatives') in any
    order, one to three of them ('whole milk' → milk, whole, whole milk, milk whole)."""
    words = list(dict.fromkeys(singular(w) for p in phrases for w in p))[:6]
    heads = set()
    for n in (1, 2, 3):
        heads.update(" ".join(p) for p in permutations(words, n))
    return frozenset(heads)


def head_of(description: str) -> str:
    """A food's main word(s): USDA's first part of the description, past a class ('Beverages, coffee' →
    'coffee') or a brand ('KELLOGG'S, ...'), singular and plain: 'Potatoes, baked' → 'potato'."""
    return main_parts(description)[0]


def qualifier_of(description: str) -> str | None:
    """The part after the main word(s), which USDA uses for the kind: 'Cheese, cheddar' → 'cheddar'."""
    parts = main_parts(description)
    return parts[1] if len(parts) > 1 else None


def main_parts(description: str) -> list[str]:
    """The description's parts from its main word(s) on, each singular and plain, without filler words
    ("Nuts, hazelnuts or filberts" → ["hazelnut"]; "Macaroni and cheese, frozen" → ["macaroni cheese", …])."""
    parts = [p.strip() for p in PARTS.split(description) if p.strip()]
    if len(parts) > 2 and parts[1].lower() == "cured":  # "Pork, cured, bacon": the food is bacon (or ham)
        parts = parts[2:]
    plain = []
    for part in parts:
        first = re.split(r" or |/", part)[0]
        words = [singular(w) for w in plain_words(first) if w not in FILLER]
        head = " ".join(words)
        if not plain and (not words or head in CLASS_HEADS or _is_brand(part)):
            continue
        if words:
            plain.append(head[:100])
    return plain or [" ".join(singular(w) for w in plain_words(description))[:100]]


def _is_brand(part: str) -> bool:
    letters = "".join(c for c in part if c.isascii() and c.isalpha())
    return len(letters) >= 3 and letters.isupper()


def plainness(description: str, food_group: str | None, everyday_position: int | None) -> int:
    """Lower is plainer, ranked first among foods equally good for the words: the everyday layer in its own
    order, then USDA rows by how many qualifiers they carry, branded and restaurant rows last."""
    if everyday_position is not None:
        return everyday_position
    qualifiers = len([p for p in QUALIFIERS.split(description) if p.strip()])
    branded = any(_is_brand(w) for w in NAME_WORD.findall(description))
    stand_in = any(word in description.lower() for word in STAND_INS)
    return (1000 + 10 * min(qualifiers, 30) + (300 if food_group in RARE_GROUPS else 0) + (200 if branded else 0)
            + (100 if stand_in else 0))
