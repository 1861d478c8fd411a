"""Account forms: input shape only."""
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, HiddenField, PasswordField, StringField
from wtforms.validators import DataRequired, Email, EqualTo, Length

from app.auth.models import (
    API_TOKEN_NAME_MAX,
    DISPLAY_NAME_MAX,
    EMAIL_MAX,
    PASSWORD_MAX,
    PASSWORD_MIN,
    ROLE_LABELS,
    Role,
)
from app.forms import ChoiceRadioField, plain_text, strip_whitespace

EMAIL_VALIDATORS = [
    DataRequired("Enter your email address."),
    Length(max=EMAIL_MAX, message=f"An email address can't be longer than {EMAIL_MAX} characters."),
    Email("Enter a valid email address, like name@example.com."),
]


def new_password_field(label: str) -> PasswordField:
    return PasswordField(
        label,
        validators=[
            DataRequired("Choose a password."),
            Length(min=PASSWORD_MIN, max=PASSWORD_MAX,
                   message=f"Use between {PASSWORD_MIN} and {PASSWORD_MAX} characters."),
        ],
        description=f"At least {PASSWORD_MIN} characters. A short sentence is easy to remember.",
        render_kw={"autocomplete": "new-password"},
    )


def confirm_field(of: str) -> PasswordField:
    return PasswordField(
        "Type the password again",
        validators=[DataRequired("Type the password again."), EqualTo(of, "The two passwords don't match.")],
        render_kw={"autocomplete": "new-password"},
    )


class RegisterForm(FlaskForm):
    """Step 1 of a sign-up: only the address. Her name and password are chosen on the page the mailed link opens,
    so nobody can choose them for an address they don't read (a sign-up started by someone else makes nothing)."""
    email = EmailField("Email", validators=EMAIL_VALIDATORS, filters=[strip_whitespace],
                       render_kw={"autocomplete": "email"})
    # An invitation mail's link asks for a therapist's account; the finishing page still lets her choose.
    role = HiddenField(default=Role.MEMBER.value)
    # Filled by static/js/timezone.js from the browser; the profile page can change it.
    timezone = HiddenField(default="UTC")


ROLE_CHOICES = [(Role.MEMBER.value, "A member: I want to look after my bones"),
                (Role.THERAPIST.value, f"A {ROLE_LABELS[Role.THERAPIST].lower()}")]


class FinishRegistrationForm(FlaskForm):
    """Step 2, on the page the mailed link opens: who she is and the password only she chose."""
    display_name = StringField(
        "Your name",
        validators=[DataRequired("Enter the name we should call you."), plain_text,
                    Length(max=DISPLAY_NAME_MAX, message=f"Use at most {DISPLAY_NAME_MAX} characters.")],
        filters=[strip_whitespace],
        render_kw={"autocomplete": "name"},
    )
    password = new_password_field("Password")
    confirm = confirm_field("password")
    role = ChoiceRadioField("I am", choices=ROLE_CHOICES, default=Role.MEMBER.value)
    timezone = HiddenField(default="UTC")


class LoginForm(FlaskForm):
    email = EmailField("Email", validators=EMAIL_VALIDATORS, filters=[strip_whitespace],
                       render_kw={"autocomplete": "username"})
    password = PasswordField("Password", validators=[DataRequired("Enter your password.")],
                             render_kw={"autocomplete": "current-password"})
    remember = BooleanField("Keep me signed in on this device")


class ChangePasswordForm(FlaskForm):
    current_password = PasswordField("Current password", validators=[DataRequired("Enter your current password.")],
                                     render_kw={"autocomplete": "current-password"})
    password = new_password_field("New password")
    confirm = confirm_field("password")


class ResetRequestForm(FlaskForm):
    email = EmailField("Email", validators=EMAIL_VALIDATORS, filters=[strip_whitespace],
                       render_kw={"autocomplete": "email"})


class ResetPasswordForm(FlaskForm):
    password = new_password_field("New password")
    confirm = confirm_field("password")


class ApiTokenForm(FlaskForm):
    name = StringField("What is this token for?", filters=[strip_whitespace],
                       description="For example: \"my step counter script\". You will see the token once.",
                       validators=[DataRequired("Name the token, so you can tell it apart later."), plain_text,
                                   Length(max=API_TOKEN_NAME_MAX,
                                          message=f"Use at most {API_TOKEN_NAME_MAX} characters.")])
    # A token reads and writes her health data without her password: only she may make one, not whoever finds
    # her phone unlocked.
    password = PasswordField("Your password", validators=[DataRequired("Enter your password to make a token.")],
                             render_kw={"autocomplete": "current-password"})


class DeleteAccountForm(FlaskForm):
    password = PasswordField("Your password", validators=[DataRequired("Enter your password to confirm.")],
                             render_kw={"autocomplete": "current-password"})
