"""Deleting an account, in one transaction (the caller commits).

A member's account goes with every row of her data: profile, DXA scans, fractures, medicines, risk-factor
answers, sessions and their entries, her private exercises and foods, food, supplement and drinks logs,
supplements, favourites, saved meals and recipes, comments on her work (her therapist's and her replies),
programs, target overrides, care links, invite codes, the record of who viewed her data, and her API tokens.

A therapist's account goes with her care links (her clients no longer see her, she no longer sees them) and her
API tokens. What she gave her clients stays theirs: comments keep her name with no account behind them,
programs and target overrides stay with "a former therapist" as their author, and a client's record of who
viewed her data keeps the therapist's name.
"""
from sqlalchemy import delete, or_, select, update

from app.auth.models import ApiToken, LoginSession, PendingRegistration, User
from app.care.models import AccessRecord, CareLink, ClientStatus, Comment, FlagReview, InviteCode
from app.exercises.models import Exercise, ExerciseSession, ProgramItem, SessionEntry
from app.extensions import db
from app.nutrition.models import (
    AlcoholLog,
    Food,
    FoodFavourite,
    FoodLog,
    FoodServing,
    SavedMeal,
    SavedMealItem,
    Supplement,
    SupplementLog,
)
from app.profile.models import BodyWeight, DxaScan, Fall, Fracture, Medication, MemberProfile, RiskFactorAnswer
from app.reminders.models import MedicineDose, MedicineReminder, ReminderSetting, SentMessage
from app.submissions import FormReceipt
from app.targets.models import TargetOverride


def delete_account(user: User) -> None:
    if user.is_member:
        _delete_member_data(user.id)
    else:
        _release_therapist_work(user.id)
    db.session.execute(delete(ApiToken).where(ApiToken.user_id == user.id))
    db.session.execute(delete(LoginSession).where(LoginSession.user_id == user.id))
    db.session.execute(delete(PendingRegistration).where(PendingRegistration.email == user.email))
    db.session.execute(delete(FormReceipt).where(FormReceipt.user_id == user.id))
    db.session.execute(delete(User).where(User.id == user.id))
    db.session.expunge(user)


def _delete_member_data(member_id: int) -> None:
    sessions = select(ExerciseSession.id).where(ExerciseSession.member_id == member_id)
    foods = select(Food.id).where(Food.member_id == member_id)
    # Children before parents, so that no statement leaves a row pointing at one already gone.
    db.session.execute(update(Comment).where(Comment.member_id == member_id).values(parent_id=None))
    for statement in (
        delete(Comment).where(Comment.member_id == member_id),
        delete(SessionEntry).where(SessionEntry.session_id.in_(sessions)),
        delete(ExerciseSession).where(ExerciseSession.member_id == member_id),
        delete(ProgramItem).where(ProgramItem.member_id == member_id),
        delete(Exercise).where(Exercise.member_id == member_id),
        delete(FoodLog).where(FoodLog.member_id == member_id),
        delete(SavedMealItem).where(SavedMealItem.saved_meal_id.in_(
            select(SavedMeal.id).where(SavedMeal.member_id == member_id))),
        delete(SavedMeal).where(SavedMeal.member_id == member_id),
        delete(FoodFavourite).where(or_(FoodFavourite.member_id == member_id, FoodFavourite.food_id.in_(foods))),
        delete(FoodServing).where(FoodServing.food_id.in_(foods)),
        delete(Food).where(Food.member_id == member_id),
        delete(SupplementLog).where(SupplementLog.member_id == member_id),
        delete(Supplement).where(Supplement.member_id == member_id),
        delete(AlcoholLog).where(AlcoholLog.member_id == member_id),
        delete(RiskFactorAnswer).where(RiskFactorAnswer.member_id == member_id),
        delete(DxaScan).where(DxaScan.member_id == member_id),
        delete(BodyWeight).where(BodyWeight.member_id == member_id),
        delete(Fracture).where(Fracture.member_id == member_id),
        delete(Fall).where(Fall.member_id == member_id),
        delete(FlagReview).where(FlagReview.member_id == member_id),
        delete(ClientStatus).where(ClientStatus.member_id == member_id),
        delete(MedicineDose).where(MedicineDose.member_id == member_id),
        delete(MedicineReminder).where(MedicineReminder.member_id == member_id),
        delete(Medication).where(Medication.member_id == member_id),
        delete(SentMessage).where(SentMessage.user_id == member_id),
        delete(ReminderSetting).where(ReminderSetting.user_id == member_id),
        delete(TargetOverride).where(TargetOverride.member_id == member_id),
        delete(InviteCode).where(InviteCode.member_id == member_id),
        delete(AccessRecord).where(AccessRecord.member_id == member_id),
        delete(CareLink).where(CareLink.member_id == member_id),
        delete(MemberProfile).where(MemberProfile.user_id == member_id),
    ):
        db.session.execute(statement)


def _release_therapist_work(therapist_id: int) -> None:
    db.session.execute(update(Comment).where(Comment.author_id == therapist_id).values(author_id=None))
    db.session.execute(update(ProgramItem).where(ProgramItem.therapist_id == therapist_id).values(therapist_id=None))
    db.session.execute(update(TargetOverride).where(TargetOverride.set_by_id == therapist_id).values(set_by_id=None))
    db.session.execute(update(AccessRecord).where(AccessRecord.therapist_id == therapist_id)
                       .values(therapist_id=None))
    db.session.execute(delete(CareLink).where(CareLink.therapist_id == therapist_id))
