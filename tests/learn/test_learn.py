"""Learn pages: open to everyone, cited, plain, and linked from where the question comes up."""
import html as html_lib
import re
from datetime import date

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from app.exercises.models import Exercise
from app.extensions import db
from app.learn.pages import PAGES
from app.profile.models import DxaScan, Fracture, MemberProfile
from app.targets.services import record_weight
from tests.support.readability import scores
from tests.support.world import LONG_AGO

# Flesch reading ease 60 and up reads as "plain English" to a general audience; grade 8 is the usual
# ceiling for patient material.
MIN_READING_EASE = 60
MAX_GRADE = 8.5


def prose(page_html: str) -> str:
    """The page's own words: the article before its sources, without tables (food names, medicine names)."""
    article = page_html.split('<article class="learn-page">')[1].split('aria-labelledby="sources-heading"')[0]
    article = re.sub(r"<table.*?</table>|<h[1-3].*?</h[1-3]>", "", article, flags=re.S)
    article = re.sub(r"</(p|li)>", "\n", re.sub(r"\s+", " ", article))  # a list item ends like a sentence
    return html_lib.unescape(re.sub(r"<[^>]+>", " ", article))


@pytest.mark.parametrize("page", PAGES, ids=[p.slug for p in PAGES])
def test_every_page_is_public_cited_and_plain(client: FlaskClient, foods, page) -> None:
    response = client.get(f"/learn/{page.slug}")
    body = response.get_data(as_text=True)
    assert response.status_code == 200 and f"<h1>{page.title}</h1>" in html_lib.unescape(body)
    for source in page.sources:
        assert source.full in html_lib.unescape(body), source.short
    ease, grade = scores(prose(body))
    assert ease >= MIN_READING_EASE and grade <= MAX_GRADE, (page.slug, round(ease), round(grade, 1))


def test_index_lists_every_page_and_an_unknown_page_is_a_404(client: FlaskClient) -> None:
    index = client.get("/learn/").get_data(as_text=True)
    assert all(f'href="/learn/{p.slug}"' in index for p in PAGES)
    assert 6 <= len(PAGES) <= 10
    assert client.get("/learn/not-a-page").status_code == 404


def test_food_page_lists_the_food_tables_best_calcium_and_vitamin_d_sources(client: FlaskClient, foods) -> None:
    body = client.get("/learn/calcium-and-vitamin-d").get_data(as_text=True)
    calcium_rows = re.findall(r"<td>([\d,]+) mg</td>", body)
    values = [int(v.replace(",", "")) for v in calcium_rows]
    assert len(values) == 10 and values == sorted(values, reverse=True) and values[-1] > 0
    assert len(re.findall(r"<td>([\d,]+) IU</td>", body)) == 10
    # Cod liver oil is a supplement here, not a food (its vitamin A): said in words, not in the table.
    table = body.split("Most vitamin D per serving")[1].split("</table>")[0]
    assert "Cod liver oil" not in table and "about 4,080 µg of vitamin A" in body


def test_medicines_page_has_the_two_groups_of_the_bundled_list(client: FlaskClient) -> None:
    body = client.get("/learn/medicines").get_data(as_text=True)
    assert "Alendronate" in body and "Teriparatide" in body
    assert body.count("Antiresorptive (slows bone loss)") >= 9 and body.count("Anabolic (builds bone)") == 3


@pytest.fixture
def osteoporosis_member(app: Flask, member, catalog) -> None:
    with app.app_context():
        profile = db.session.get(MemberProfile, member.id)
        profile.date_of_birth, profile.sex = date(1956, 1, 1), "female"
        record_weight(member.id, 60.0, LONG_AGO)
        db.session.add_all([DxaScan(member_id=member.id, scan_date=date(2025, 5, 1), site="lumbar_spine",
                                    t_score=-2.7),
                            Fracture(member_id=member.id, fracture_date=date(2024, 2, 1), site="wrist",
                                     vertebral=False, low_trauma=True)])
        db.session.commit()


@pytest.mark.parametrize("url, slug", [
    ("/me/health", "t-scores"),               # the category badge
    ("/me/health", "risk-factors"),           # the checklist
    ("/dashboard", "t-scores"),
    ("/progress/", "exercise"),               # "Why this target?" on the week's exercise
    ("/progress/", "calcium-and-vitamin-d"),  # ... and on its nutrients (with food logged)
    ("/nutrition/", "calcium-and-vitamin-d"),  # the food day's "Why this target?"
    ("/exercises/catalog", "moving-safely"),  # a safety caution
    ("/me/health/risk-factors", "risk-factors"),
])
def test_learn_pages_are_linked_where_the_question_arises(app: Flask, signed_in: FlaskClient, member,
                                                          osteoporosis_member, foods, url: str, slug: str) -> None:
    from app.guidance.calendar import today_in
    from app.nutrition.models import FoodLog
    with app.app_context():
        db.session.add(FoodLog(member_id=member.id, log_date=today_in("UTC"), meal="lunch", food_id=foods["01085"],
                               food_name="Milk", grams=200, calcium_mg=250, vitamin_d_iu=100, protein_g=7))
        db.session.commit()
        assert db.session.query(Exercise).count() > 0
    body = signed_in.get(url, follow_redirects=True).get_data(as_text=True)
    assert f'href="/learn/{slug}' in body, (url, slug)


def test_medicines_link_from_her_list(app: Flask, signed_in: FlaskClient, member) -> None:
    from app.profile.models import Medication
    with app.app_context():
        db.session.add(Medication(member_id=member.id, name="Alendronate"))
        db.session.commit()
    assert 'href="/learn/medicines"' in signed_in.get("/me/health").get_data(as_text=True)


def _text(client: FlaskClient, slug: str) -> str:
    """The whole page's words, tables included."""
    page = client.get(f"/learn/{slug}").get_data(as_text=True)
    return html_lib.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)))


def test_learn_figures_are_rendered_from_the_rules_so_a_changed_default_changes_the_page(
        client: FlaskClient, monkeypatch: pytest.MonkeyPatch) -> None:
    from app.guidance import targets
    before = _text(client, "calcium-and-vitamin-d")
    assert "1,200 mg a day for women 51 and over" in before
    assert "1,000 mg for men 51 to 70 and 1,200 mg for men 71 and over" in before
    monkeypatch.setattr(targets, "CALCIUM_MG_WOMEN_51_PLUS", 1300)
    monkeypatch.setattr(targets, "RESISTANCE_SESSIONS_PER_WEEK", 3)
    assert "1,300 mg a day for women 51 and over" in _text(client, "calcium-and-vitamin-d")
    assert "at least 3 strength sessions a week" in _text(client, "exercise")


@pytest.mark.parametrize("slug, gone, said", [
    ("calcium-and-vitamin-d", "about 1.0 to 1.2 g for each kilogram",
     "1.0 g for each kilogram you weigh if you are 65"),
    ("calcium-and-vitamin-d", "more than that in a day from tablets",
     "If a single dose of a supplement has more than 500 mg"),
    ("exercise", "on at least 2 days a week", "at least 2 strength sessions a week"),
    ("t-scores", "This is the rule the World Health Organization set out", "This choice of site is Ossify's rule"),
    ("risk-factors", "or high body weight", "Low body weight"),
    ("risk-factors", "or had osteoporosis", "a parent who broke a hip"),
    ("risk-factors", "Men aged 70 and over, too.", "Men aged 70 and over, too (BHOF Clinician's Guide 2022"),
    ("medicines", "the biggest help", "It does not suggest a medicine or a dose"),
    ("talk-to-your-doctor", "lost height", "a man aged 70 or over"),
    ("talk-to-your-doctor", "Sudden, sharp back pain", "A fall, if you are in pain"),
    ("moving-safely", "Keep loads light", "Avoid lifting as hard as you can (maximal lifts)"),
    ("moving-safely", "are not for people with osteoporosis", "may need to avoid high-impact moves"),
])
def test_learn_says_only_what_the_guidance_supports(client: FlaskClient, slug: str, gone: str, said: str) -> None:
    page = _text(client, slug)
    assert gone not in page and said in page


def test_no_exercise_claims_to_suit_everyone(app: Flask, catalog) -> None:
    with app.app_context():
        assert not [e.slug for e in db.session.scalars(select(Exercise)) if "suits everyone" in e.instructions]
