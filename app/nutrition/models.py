"""Foods (USDA table plus members' private foods), food logs, supplements and supplement logs."""
from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models_base import utcnow

MEALS = {"breakfast": "Breakfast", "lunch": "Lunch", "dinner": "Dinner", "snack": "Snacks"}
SUPPLEMENT_KINDS = {
    "calcium_carbonate": "Calcium carbonate",
    "calcium_citrate": "Calcium citrate",
    "vitamin_d": "Vitamin D",
    "calcium_vitamin_d": "Calcium with vitamin D",
    "multivitamin": "Multivitamin",
    "protein_powder": "Protein powder",
}
NAME_MAX = 200          # a food's name: SR28's longest description is 134 characters
OWN_NAME_MAX = 120      # what she names herself: her foods and supplements
SEARCH_TEXT_MAX = 600   # name, USDA's description and other names, as words
HEAD_MAX = 100          # a food's main words, for ranking
SERVING_NAME_MAX = 120  # SR28 household measures run to 76 characters


def is_search_index(name: str | None) -> bool:
    """The food search's text index (SQLite's FTS5 tables and triggers, PostgreSQL's GIN index): the database's
    own, made by the whole-table migration and not described by the models, so autogenerate leaves it alone."""
    return (name or "").startswith("food_fts") or name == "ix_food_fts"


class Food(db.Model):
    __tablename__ = "food"
    __table_args__ = (
        UniqueConstraint("source", "source_id", name="uq_food_source_source_id"),
        CheckConstraint("(source_id IS NULL) <> (member_id IS NULL)", name="table_or_private"),
        CheckConstraint("calcium_mg_per_100g >= 0 AND protein_g_per_100g >= 0 AND "
                        "(vitamin_d_iu_per_100g IS NULL OR vitamin_d_iu_per_100g >= 0)", name="nutrients_positive"),
        CheckConstraint("(magnesium_mg_per_100g IS NULL OR magnesium_mg_per_100g >= 0) AND "
                        "(potassium_mg_per_100g IS NULL OR potassium_mg_per_100g >= 0) AND "
                        "(energy_kcal_per_100g IS NULL OR energy_kcal_per_100g >= 0)", name="minerals_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # USDA rows: source "USDA SR28 (NDB)" and the NDB number; a member's own food has neither.
    source: Mapped[str | None] = mapped_column(String(40))
    source_id: Mapped[str | None] = mapped_column(String(10))
    member_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(NAME_MAX))
    # The everyday layer's (foods.csv): dairy, fish… (indexed: Learn ranks the layer alone).
    category: Mapped[str | None] = mapped_column(String(40), index=True)
    food_group: Mapped[str | None] = mapped_column(String(60))  # USDA's (FD_GROUP.txt): "Dairy and Egg Products"
    long_desc: Mapped[str | None] = mapped_column(String(NAME_MAX))  # USDA's Long_Desc
    common_names: Mapped[str | None] = mapped_column(String(100))  # USDA's ComName: "soy milk"
    # Lower-cased words with a leading space: " milk whole 3 25 vitamin d fortified" (prefix search).
    search_text: Mapped[str] = mapped_column(String(SEARCH_TEXT_MAX))
    # Ranking (app/nutrition/words.py): the main word(s) of the food, singular ("milk", "orange juice"), and
    # how plain it is among foods as good for the words typed (lower first: the everyday layer in its order).
    head: Mapped[str | None] = mapped_column(String(HEAD_MAX))
    qualifier: Mapped[str | None] = mapped_column(String(HEAD_MAX))   # "cheddar" in "Cheese, cheddar"
    name_head: Mapped[str | None] = mapped_column(String(HEAD_MAX))   # the everyday name's: "cheddar cheese"
    search_rank: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # The form rules it breaks and whether it is fortified, one bit each (words.form_flags): ranked by bits.
    form_flags: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # None: USDA reports no value (unknown, not zero).
    calcium_mg_per_100g: Mapped[float | None] = mapped_column(Float)
    vitamin_d_iu_per_100g: Mapped[float | None] = mapped_column(Float)
    protein_g_per_100g: Mapped[float] = mapped_column(Float)
    magnesium_mg_per_100g: Mapped[float | None] = mapped_column(Float)
    potassium_mg_per_100g: Mapped[float | None] = mapped_column(Float)
    energy_kcal_per_100g: Mapped[float | None] = mapped_column(Float)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    servings: Mapped[list["FoodServing"]] = relationship(
        back_populates="food", cascade="all, delete-orphan", order_by="FoodServing.position", lazy="raise_on_sql")

    @property
    def is_custom(self) -> bool:
        return self.member_id is not None


class FoodServing(db.Model):
    __tablename__ = "food_serving"
    __table_args__ = (CheckConstraint("grams > 0", name="grams_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    food_id: Mapped[int] = mapped_column(ForeignKey("food.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(String(SERVING_NAME_MAX))
    grams: Mapped[float] = mapped_column(Float)

    food: Mapped[Food] = relationship(back_populates="servings")


class FoodFavourite(db.Model):
    __tablename__ = "food_favourite"

    member_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), primary_key=True)
    food_id: Mapped[int] = mapped_column(ForeignKey("food.id", ondelete="CASCADE"), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class FoodLog(db.Model):
    """One food eaten; its nutrients are a snapshot taken when it was logged."""
    __tablename__ = "food_log"
    __table_args__ = (
        Index("ix_food_log_member_date", "member_id", "log_date"),
        # The unit she used last for each food: one step back along this index, not a scan of her history.
        Index("ix_food_log_member_food_id", "member_id", "food_id", "id"),
        # Her recent foods: her latest logs, newest first.
        Index("ix_food_log_member_id", "member_id", "id"),
        # One row per submitted form: a resent POST finds the row it already made.
        UniqueConstraint("member_id", "submission_id", name="uq_food_log_submission"),
        CheckConstraint("meal IN ('breakfast', 'lunch', 'dinner', 'snack')", name="meal"),
        CheckConstraint("grams > 0", name="grams_positive"),
        CheckConstraint("servings IS NULL OR (servings > 0 AND servings <= 100000)", name="servings_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    log_date: Mapped[date] = mapped_column(Date)
    meal: Mapped[str] = mapped_column(String(10))
    food_id: Mapped[int] = mapped_column(ForeignKey("food.id"), index=True)
    food_name: Mapped[str] = mapped_column(String(NAME_MAX))
    # What she entered: `servings` of `serving_name` ("2" of "tbsp", "1" of "1 medium"), or grams (servings NULL);
    # `unit` is the unit's key (app.guidance.amounts.Unit), remembered as her choice for this food.
    servings: Mapped[float | None] = mapped_column(Float)
    serving_name: Mapped[str | None] = mapped_column(String(SERVING_NAME_MAX))
    unit: Mapped[str | None] = mapped_column(String(SERVING_NAME_MAX + 2))
    grams: Mapped[float] = mapped_column(Float)
    calcium_mg: Mapped[float | None] = mapped_column(Float)  # None: the food's value is unknown
    vitamin_d_iu: Mapped[float | None] = mapped_column(Float)  # None: the food's vitamin D is unknown
    protein_g: Mapped[float] = mapped_column(Float)
    # Shown, not scored; None: unknown for the food, or logged before Ossify kept them.
    magnesium_mg: Mapped[float | None] = mapped_column(Float)
    potassium_mg: Mapped[float | None] = mapped_column(Float)
    energy_kcal: Mapped[float | None] = mapped_column(Float)
    submission_id: Mapped[str | None] = mapped_column(String(32))  # app.forms.SubmissionIdField
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Supplement(db.Model):
    """One of her regular supplements; amounts are per unit (tablet, capsule, scoop)."""
    __tablename__ = "supplement"
    __table_args__ = (
        CheckConstraint("calcium_mg >= 0 AND calcium_mg <= 5000", name="calcium_range"),
        CheckConstraint("vitamin_d_iu >= 0 AND vitamin_d_iu <= 100000", name="vitamin_d_range"),
        CheckConstraint("protein_g >= 0 AND protein_g <= 200", name="protein_range"),
        CheckConstraint("usual_quantity > 0 AND usual_quantity <= 20", name="usual_quantity_range"),
        CheckConstraint("per_dose > 0 AND per_dose <= 20", name="per_dose_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(OWN_NAME_MAX))
    unit_name: Mapped[str] = mapped_column(String(30), default="tablet")
    calcium_mg: Mapped[float] = mapped_column(Float, default=0)  # elemental calcium
    vitamin_d_iu: Mapped[float] = mapped_column(Float, default=0)
    protein_g: Mapped[float] = mapped_column(Float, default=0)
    usual_quantity: Mapped[float] = mapped_column(Float, default=1)   # units a day
    # Units she takes at one time: a dose (docs/clinical-rules.md, "A supplement dose"). "2 a day", 1 at a time,
    # is two doses.
    per_dose: Mapped[float] = mapped_column(Float, default=1, server_default="1")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class SupplementLog(db.Model):
    """One dose taken; amounts are totals for the dose, snapshotted when logged."""
    __tablename__ = "supplement_log"
    __table_args__ = (
        Index("ix_supplement_log_member_date", "member_id", "log_date"),
        CheckConstraint("quantity > 0 AND quantity <= 20", name="quantity_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    log_date: Mapped[date] = mapped_column(Date)
    supplement_id: Mapped[int] = mapped_column(ForeignKey("supplement.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(OWN_NAME_MAX))
    quantity: Mapped[float] = mapped_column(Float)
    calcium_mg: Mapped[float] = mapped_column(Float)
    vitamin_d_iu: Mapped[float] = mapped_column(Float)
    protein_g: Mapped[float] = mapped_column(Float)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class AlcoholLog(db.Model):
    """Drinks on one day as she counted them, and the grams of ethanol they hold (app.guidance.alcohol)."""
    __tablename__ = "alcohol_log"
    __table_args__ = (
        Index("ix_alcohol_log_member_date", "member_id", "log_date"),
        UniqueConstraint("member_id", "submission_id", name="uq_alcohol_log_submission"),
        CheckConstraint("drink_size IN ('us', 'uk')", name="drink_size"),
        CheckConstraint("drinks > 0 AND drinks <= 40", name="drinks_range"),
        CheckConstraint("ethanol_g > 0", name="ethanol_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    log_date: Mapped[date] = mapped_column(Date)
    drinks: Mapped[float] = mapped_column(Float)
    drink_size: Mapped[str] = mapped_column(String(2))
    ethanol_g: Mapped[float] = mapped_column(Float)
    submission_id: Mapped[str | None] = mapped_column(String(32))  # app.forms.SubmissionIdField
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class SavedMeal(db.Model):
    """A meal she has often ("my usual breakfast"), saved from a day or built from foods, logged in one tap.

    A recipe ("porridge made with milk") is a saved meal with `servings`: it is logged as one item, her own
    food (`food_id`) whose values are its ingredients' sums per serving, kept in step when she edits it.
    Logging copies today's values into each log, so editing or deleting it never changes a day already logged.
    """
    __tablename__ = "saved_meal"
    __table_args__ = (CheckConstraint("meal IN ('breakfast', 'lunch', 'dinner', 'snack')", name="meal"),
                      CheckConstraint("servings IS NULL OR (servings > 0 AND servings <= 100)", name="servings_range"))

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(OWN_NAME_MAX))
    meal: Mapped[str] = mapped_column(String(10), default="breakfast")  # where she usually has it
    servings: Mapped[float | None] = mapped_column(Float)  # a recipe: how many servings it makes
    food_id: Mapped[int | None] = mapped_column(ForeignKey("food.id", ondelete="SET NULL"))  # a recipe's food
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    items: Mapped[list["SavedMealItem"]] = relationship(
        back_populates="saved_meal", cascade="all, delete-orphan", order_by="SavedMealItem.position",
        lazy="selectin")

    @property
    def is_recipe(self) -> bool:
        return self.servings is not None


class SavedMealItem(db.Model):
    """One food of a saved meal, in the amount and unit she chose."""
    __tablename__ = "saved_meal_item"
    __table_args__ = (CheckConstraint("grams > 0", name="grams_positive"),
                      CheckConstraint("quantity > 0 AND quantity <= 100000", name="quantity_range"))

    id: Mapped[int] = mapped_column(primary_key=True)
    saved_meal_id: Mapped[int] = mapped_column(ForeignKey("saved_meal.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    food_id: Mapped[int] = mapped_column(ForeignKey("food.id", ondelete="CASCADE"), index=True)
    unit: Mapped[str] = mapped_column(String(SERVING_NAME_MAX + 2))
    quantity: Mapped[float] = mapped_column(Float)
    grams: Mapped[float] = mapped_column(Float)

    saved_meal: Mapped[SavedMeal] = relationship(back_populates="items")
    food: Mapped[Food] = relationship(lazy="joined")
