"""Her side of care: inviting a therapist, and replying to a comment."""
from flask_wtf import FlaskForm
from wtforms import EmailField
from wtforms.validators import DataRequired, Length

from app.auth.forms import EMAIL_VALIDATORS
from app.forms import NoteField, strip_whitespace

COMMENT_MAX = 2000  # a comment or a reply


class InviteForm(FlaskForm):
    email = EmailField("Your physical therapist's email", validators=EMAIL_VALIDATORS, filters=[strip_whitespace])


class ReplyForm(FlaskForm):
    body = NoteField("Your reply", filters=[strip_whitespace],
                         validators=[DataRequired("Write your reply first."),
                                     Length(max=COMMENT_MAX, message=f"Use at most {COMMENT_MAX:,} characters.")])
