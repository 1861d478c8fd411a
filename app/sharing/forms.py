"""The "Share with my doctor" form."""
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import Length, Optional

from app.forms import ChoiceRadioField, plain_text
from app.sharing.links import DEFAULT_LIFETIME, LIFETIMES
from app.sharing.record import WHAT

PASSCODE_MIN, PASSCODE_MAX = 4, 40


class ShareForm(FlaskForm):
    include = ChoiceRadioField("What to share", choices=list(WHAT.items()), default="everything")
    lifetime = ChoiceRadioField("How long the link works", choices=[(k, v[0]) for k, v in LIFETIMES.items()],
                                default=DEFAULT_LIFETIME)
    passcode = StringField(
        "Passcode (optional)", filters=[lambda v: v.strip() if v else v],
        validators=[Optional(), plain_text, Length(PASSCODE_MIN, PASSCODE_MAX,
                                                   f"Use {PASSCODE_MIN} to {PASSCODE_MAX} characters.")],
        description="If you set one, tell it to your doctor yourself: the link alone won't open.",
        render_kw={"autocomplete": "off"})
