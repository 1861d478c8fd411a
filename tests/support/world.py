"""The people and records many tests share: Margaret and her data, her therapists, and how to act as them."""
from datetime import date

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from app.auth.models import Role, User
from app.auth.services import create_api_token
from app.care.models import CareLink, Comment, LinkStatus
from app.exercises.models import ExerciseSession, ProgramItem, SessionEntry
from app.extensions import db
from app.function.models import FunctionResult
from app.guidance.calendar import today_in
from app.guidance.weeks import week_start
from app.nutrition.models import FoodLog
from app.profile.models import DxaScan, Height, MemberProfile
from app.sharing.links import make_link
from app.targets.models import TargetOverride
from app.targets.services import record_weight
from tests.support.accounts import PASSWORD
from tests.support.routes import classify

TODAY = today_in("UTC")
LONG_AGO = date(2020, 1, 1)  # before every week the tests look at: a weight or an override in force since
MONDAY = week_start(TODAY)
SECRET_NOTE = "felt wobbly on the stairs"  # her data: must never appear where access is refused
ROLES = ["anonymous", "member", "other", "linked", "unlinked", "revoked"]


def fill_profile(member_id: int, weight_kg: float) -> None:
    """Her profile as the targets need it (inside an app context; the caller commits): born 12 April 1958, female,
    her weight recorded long ago, so every day a test judges has it."""
    profile = db.session.get(MemberProfile, member_id)
    profile.date_of_birth, profile.sex = date(1958, 4, 12), "female"
    record_weight(member_id, weight_kg, LONG_AGO)


def build_world(app: Flask, make_user, member: User, catalog, foods) -> dict:
    """Margaret (the client) with data; Olive (another member); three therapists: linked, unlinked, revoked."""
    other = make_user(Role.MEMBER, email="olive@example.com", name="Olive")
    linked = make_user(Role.THERAPIST, email="linked@example.com", name="Linda PT")
    unlinked = make_user(Role.THERAPIST, email="unlinked@example.com", name="Ursula PT")
    revoked = make_user(Role.THERAPIST, email="revoked@example.com", name="Rita PT")
    with app.app_context():
        fill_profile(member.id, 60.0)
        session = ExerciseSession(member_id=member.id, session_date=TODAY, notes=SECRET_NOTE, effort=3, pain=False)
        session.entries = [SessionEntry(position=0, exercise_id=catalog["band_squat"], sets=3, reps_per_set=[10] * 3,
                                        band_colour="red")]
        db.session.add_all([session, DxaScan(member_id=member.id, scan_date=date(2025, 1, 1), site="total_hip",
                                             t_score=-2.0),
                            FoodLog(member_id=member.id, log_date=TODAY, meal="breakfast", food_id=foods["01085"],
                                    food_name="Milk", grams=245, calcium_mg=299, vitamin_d_iu=115, protein_g=8),
                            CareLink(member_id=member.id, therapist_id=linked.id, status=LinkStatus.ACTIVE),
                            CareLink(member_id=member.id, therapist_id=revoked.id, status=LinkStatus.REVOKED)])
        db.session.flush()
        item = ProgramItem(member_id=member.id, therapist_id=linked.id, exercise_id=catalog["band_squat"], sets=3,
                           reps=10, band_colour="red", days_per_week=2)
        override = TargetOverride(member_id=member.id, target_key="balance_days", value=2, reason="Start gently",
                                  set_by_id=linked.id, starts_on=LONG_AGO)
        db.session.add_all([item, override])
        db.session.commit()
        ids = {"session": session.id, "item": item.id, "override": override.id,
               "band_exercise": catalog["band_row"], "hold_exercise": catalog["tandem_stance"]}
    return {"member": member, "other": other, "linked": linked, "unlinked": unlinked, "revoked": revoked, **ids}


def as_user(app: Flask, user: User | None) -> FlaskClient:
    client = app.test_client()
    if user is not None:
        assert client.post("/auth/login", data={"email": user.email, "password": PASSWORD}).status_code == 302
    return client


def build_full_world(app: Flask, world: dict, catalog) -> dict:
    """The world above plus one of every other kind of record Margaret can own."""
    from app.care.models import ProgramTemplate, ProgramTemplateItem
    from app.exercises.models import Exercise
    from app.nutrition.models import AlcoholLog, Food, FoodServing, SavedMeal, SavedMealItem, Supplement, SupplementLog
    from app.profile.models import Fall, Fracture, Medication, RiskFactorAnswer
    m = world["member"].id
    with app.app_context():
        custom = Exercise(member_id=m, name="Margaret's wall press", kind="resistance_band", impact="none",
                          measure="reps")
        food = Food(member_id=m, name="Margaret's almond cake", search_text=" margaret s almond cake",
                    calcium_mg_per_100g=100, protein_g_per_100g=5,
                    servings=[FoodServing(position=0, name="slice", grams=80)])
        supplement = Supplement(member_id=m, kind="calcium", name="Margaret's calcium", calcium_mg=500)
        fracture = Fracture(member_id=m, fracture_date=date(2020, 2, 2), site="wrist", vertebral=False,
                            low_trauma=True)
        medication = Medication(member_id=m, name="alendronate")
        fall = Fall(member_id=m, fall_date=date(2020, 3, 3), what_happened="slipped on ice", injured=False,
                    fracture=False)
        # The linked therapist's own template: another therapist naming it gets a 404.
        template = ProgramTemplate(therapist_id=world["linked"].id, name="Balance starter", items=[
            ProgramTemplateItem(position=0, exercise_id=catalog["tandem_stance"], sets=3, hold_seconds=30,
                                days_per_week=3)])
        db.session.add_all([custom, food, supplement, fracture, medication, fall, template])
        db.session.flush()
        dose = SupplementLog(member_id=m, log_date=TODAY, supplement_id=supplement.id, name=supplement.name,
                             quantity=1, calcium_mg=500, vitamin_d_iu=0, protein_g=0)
        comment = Comment(member_id=m, author_id=world["linked"].id, author_name="Linda PT",
                          session_id=world["session"], body="Good squats")
        drinks = AlcoholLog(member_id=m, log_date=TODAY, drinks=2, drink_size="uk", ethanol_g=16)
        answer = RiskFactorAnswer(member_id=m, factor="smoking", answer="no")
        saved = SavedMeal(member_id=m, name="Margaret's usual breakfast", meal="breakfast",
                          items=[SavedMealItem(position=0, food_id=food.id, unit="g", quantity=80, grams=80)])
        chair_stand = FunctionResult(member_id=m, test="chair_stand", taken_on=TODAY, value=9, loinc="66247-8")
        height = Height(member_id=m, measured_on=TODAY, height_cm=160.0)
        db.session.add_all([dose, comment, drinks, answer, saved, chair_stand, height])
        share = make_link(db.session.get(User, m), "everything", "7", None)
        db.session.commit()
        link = db.session.scalar(select(CareLink.id).where(CareLink.member_id == m,
                                                           CareLink.therapist_id == world["linked"].id))
        food_log = db.session.scalar(select(FoodLog.id).where(FoodLog.member_id == m))
        dxa = db.session.scalar(select(DxaScan.id).where(DxaScan.member_id == m))
        return {**world, "exercise": custom.id, "food": food.id, "supplement": supplement.id, "dose": dose.id,
                "drinks": drinks.id, "saved_meal": saved.id, "share": share.id,
                "comment": comment.id, "link": link, "food_log": food_log, "template": template.id,
                "records": {"dxa": dxa, "fracture": fracture.id, "medication": medication.id, "fall": fall.id}}


def her_args(endpoint: str, w: dict) -> list[dict]:
    """URL arguments naming Margaret's own rows (one set per record kind where the rule takes a kind)."""
    args = {"session_id": w["session"], "exercise_id": w["exercise"], "food_id": w["food"],
            "supplement_id": w["supplement"], "comment_id": w["comment"], "link_id": w["link"],
            "member_id": w["member"].id, "item_id": w["item"], "override_id": w["override"], "day": TODAY,
            "monday": MONDAY, "log_id": w["dose"] if endpoint == "supplements.untake" else w["food_log"],
            "drink_id": w["drinks"], "saved_meal_id": w["saved_meal"], "template_id": w.get("template"),
            "medication_id": w.get("records", {}).get("medication"), "fall_id": w.get("records", {}).get("fall"),
            "test": "chair_stand", "share_id": w.get("share"), "manifest_id": "A" * 43}
    if endpoint.startswith("profile.") and "record" in endpoint:
        return [{**args, "kind": kind, "record_id": rid} for kind, rid in w["records"].items()]
    return [args]


def matrix_routes(app: Flask, w: dict) -> list[tuple[str, str, str, bool]]:
    """(endpoint, method, url, names_her_rows) for every member and therapist route."""
    from flask import url_for

    rows = []
    with app.test_request_context():
        for rule in app.url_map.iter_rules():
            kind = classify(rule.endpoint)
            if kind not in ("member", "therapist"):
                continue
            query = {"food_id": w["food"]} if rule.endpoint == "nutrition.new_log" else {}  # her private food
            names_her_rows = bool(rule.arguments - {"day", "monday", "kind", "test"} or query)
            for args in her_args(rule.endpoint, w):
                url = url_for(rule.endpoint, **{a: args[a] for a in rule.arguments}, **query)
                for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                    rows.append((rule.endpoint, method, url, names_her_rows))
    return rows


def snapshot(app: Flask, member_id: int) -> dict:
    """Everything of hers a refused request might have changed."""
    from sqlalchemy import func

    from app.care.models import FlagReview
    from app.exercises.models import Exercise
    from app.function.models import FunctionRequest
    from app.nutrition.models import AlcoholLog, Food, FoodFavourite, SavedMeal, Supplement, SupplementLog
    from app.profile.models import Fall, Fracture, Medication, RiskFactorAnswer
    from app.sharing.models import ShareLink
    with app.app_context():
        counts = {model.__name__: db.session.scalar(select(func.count()).select_from(model)
                                                    .where(model.member_id == member_id))
                  for model in (ExerciseSession, Exercise, Food, FoodFavourite, FoodLog, Supplement, SupplementLog,
                                DxaScan, Fracture, Medication, CareLink, Comment, ProgramItem, TargetOverride,
                                AlcoholLog, RiskFactorAnswer, SavedMeal, Fall, FlagReview, FunctionResult,
                                FunctionRequest, Height, ShareLink)}
        counts["answers"] = sorted(tuple(row) for row in db.session.execute(
            select(RiskFactorAnswer.factor, RiskFactorAnswer.answer).where(RiskFactorAnswer.member_id == member_id)))
        counts["screening note hidden"] = db.session.scalar(select(MemberProfile.screening_note_hidden_at).where(
            MemberProfile.user_id == member_id))
        counts["profile heights"] = db.session.execute(select(
            MemberProfile.young_adult_height_cm, MemberProfile.spine_note_seen).where(
            MemberProfile.user_id == member_id)).one_or_none()
        counts["links"] = sorted(db.session.scalars(select(CareLink.status).where(CareLink.member_id == member_id)))
        counts["active supplements"] = db.session.scalar(select(func.count()).select_from(Supplement).where(
            Supplement.member_id == member_id, Supplement.active.is_(True)))
        counts["notes"] = db.session.scalar(select(ExerciseSession.notes).where(ExerciseSession.member_id == member_id))
        return counts


def token_for(app: Flask, user: User) -> str:
    with app.app_context():
        _, secret = create_api_token(db.session.get(User, user.id), "tests")
        db.session.commit()
    return secret


def bearer(secret: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {secret}"}
