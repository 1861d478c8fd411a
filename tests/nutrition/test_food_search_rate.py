"""The food search finds what people type: 296 everyday queries (US and UK English; single foods, drinks,
plurals, spellings, typos) against the whole SR28 table, on both databases.

Each line of tests/data/food_queries.csv names the food a query should find as a pattern over USDA's own
description ("^Milk, (whole|reduced fat|…)" for "milk"), so a query passes on any of the foods a person
would accept, and the list says what it expects in USDA's words rather than in ids of this database.
"""
import csv
import re
from pathlib import Path

from flask import Flask
from sqlalchemy import func, literal, not_, or_, select

from app.extensions import db
from app.guidance.regions import SQL_FORTIFIED, SQL_UNFORTIFIED
from app.nutrition.foods import load_foods
from app.nutrition.models import Food
from app.nutrition.services import search_foods
from app.nutrition.words import FORM_RULES, FORTIFIED_FLAG

QUERIES = Path(__file__).parents[1] / "data" / "food_queries.csv"
TOP_3_RATE = 0.95
FIRST_RATE = 0.80
# 201 phrases as members in five countries type them, each judged on the first result alone, with her country's
# regional defaults (tests/data/food_phrases.csv). Measured: 195/201 (US 55/57, GB 101/103, AU 23/25, CA 8/8,
# IE 8/8); the six still wrong are named in the closing note.
PHRASES = Path(__file__).parents[1] / "data" / "food_phrases.csv"
PHRASE_FIRST_RATE = 0.95
COUNTRY_FIRST_RATE = 0.90


def queries() -> list[tuple[str, re.Pattern, str]]:
    with QUERIES.open(newline="", encoding="utf-8") as f:
        return [(r["query"], re.compile(r["expected"]), r["kind"]) for r in csv.DictReader(f)]


def test_the_list_has_at_least_200_everyday_queries_of_every_kind() -> None:
    listed = queries()
    assert len(listed) >= 200 and len({q for q, _, _ in listed}) == len(listed)
    assert {kind for _, _, kind in listed} == {"single", "plural", "uk", "drink", "typo"}


def test_the_whole_table_answers_as_members_type_in_every_country(app: Flask, member, make_user) -> None:
    """The whole SR28 table loaded once (seconds on each database), then three checks against it."""
    with app.app_context():
        load_foods()
        db.session.commit()
    the_expected_food_is_first_for_80_percent_and_in_the_first_3_for_95(app, member)
    the_first_result_is_the_food_people_mean_in_each_country(app, member)
    a_london_member_finds_unfortified_milk_first_and_the_us_row_says_so(app, make_user)
    every_food_stores_the_form_rules_the_database_itself_would_apply(app)


def the_expected_food_is_first_for_80_percent_and_in_the_first_3_for_95(app: Flask, member) -> None:
    with app.app_context():
        places = {}
        for query, expected, _ in queries():
            found = [hit.food.long_desc or "" for hit in search_foods(member.id, query, 3)]
            places[query] = next((i for i, desc in enumerate(found) if expected.search(desc)), None)
    first = sum(p == 0 for p in places.values()) / len(places)
    top_3 = sum(p is not None for p in places.values()) / len(places)
    missed = sorted(q for q, p in places.items() if p is None)
    assert top_3 >= TOP_3_RATE and first >= FIRST_RATE, (first, top_3, missed)


def the_first_result_is_the_food_people_mean_in_each_country(app: Flask, member) -> None:
    with PHRASES.open(newline="", encoding="utf-8") as f:
        phrases = [(r["query"], re.compile(r["expected"]), r["country"]) for r in csv.DictReader(f)]
    assert len(phrases) >= 150 and {c for _, _, c in phrases} >= {"US", "GB", "AU", "CA", "IE"}
    with app.app_context():
        results = []
        for query, expected, country in phrases:
            hits = search_foods(member.id, query, 1, country=country)
            results.append((country, query, bool(hits and expected.search(hits[0].food.long_desc or ""))))
    by_country: dict[str, list[bool]] = {}
    for country, _, ok in results:
        by_country.setdefault(country, []).append(ok)
    rates = {c: sum(oks) / len(oks) for c, oks in by_country.items()}
    wrong = [(c, q) for c, q, ok in results if not ok]
    assert sum(ok for *_, ok in results) / len(results) >= PHRASE_FIRST_RATE, (rates, wrong)
    assert min(rates.values()) >= COUNTRY_FIRST_RATE, (rates, wrong)


def a_london_member_finds_unfortified_milk_first_and_the_us_row_says_so(app: Flask, make_user) -> None:
    london = make_user(email="helen@example.co.uk", timezone="Europe/London")
    client = app.test_client()
    client.post("/auth/login", data={"email": london.email, "password": "correct horse battery"})
    page = client.get("/nutrition/search?q=semi-skimmed+milk&results=1").get_data(as_text=True)
    lines = re.findall(r'<span class="food-line-name">(.*?)</span>\s*<small>(.*?)</small>', page, re.S)
    first_name, first_amount = lines[0]
    assert "Milk, reduced fat, fluid, 2% milkfat, without added vitamin A and vitamin D" in first_name
    assert "fortified (US)" not in first_name and first_amount.startswith("237 ml")   # a drink opens in ml
    assert any("fortified (US)" in name for name, _ in lines[1:])   # the US row is one tap away, and says so
    # A member in New York gets her fortified milk first, with no label.
    ny = make_user(email="ann@example.com", timezone="America/New_York")
    client.post("/auth/logout")
    client.post("/auth/login", data={"email": ny.email, "password": "correct horse battery"})
    page = client.get("/nutrition/search?q=2%25+milk&results=1").get_data(as_text=True)
    assert "vitamin A &amp; D fortified" in page.split("food-line-name")[1] and "fortified (US)" not in page


def every_food_stores_the_form_rules_the_database_itself_would_apply(app: Flask) -> None:
    """`food.form_flags` is worked out in Python when a food is stored; each bit must be what the database's own
    LIKE says over USDA's description, for all 8,789 foods (the ranking trusts the bits)."""
    described = func.lower(func.coalesce(Food.long_desc, Food.name))
    with app.app_context():
        for bit, rule in [(1 << r, rule) for r, rule in enumerate(FORM_RULES)] + [(FORTIFIED_FLAG, None)]:
            if rule is None:
                breaks = or_(*(described.like(p) for p in SQL_FORTIFIED)) & not_(described.like(SQL_UNFORTIFIED))
            else:
                breaks = or_(*(described.like(p) for p in rule.patterns))
                for pattern in rule.unless:
                    breaks &= not_(described.like(pattern))
                if rule.groups is not None:
                    breaks &= Food.food_group.in_(sorted(rule.groups))
            flagged = Food.form_flags.op("&")(literal(bit)) != 0
            wrong = db.session.scalars(select(Food.long_desc).where(Food.source_id.is_not(None),
                                                                    breaks != flagged).limit(5)).all()
            assert not wrong, (rule, wrong)
            assert db.session.scalar(select(func.count()).where(Food.source_id.is_not(None), flagged)) > 0, rule
