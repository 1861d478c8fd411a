"""Input a person (or a script) can type must never produce a 500, on either database."""
import pytest
from flask.testing import FlaskClient

from app.auth.models import User
from tests.support.accounts import PASSWORD, outbox_messages, registration_link_from


@pytest.mark.parametrize("url", [
    "/me/health/dxa/99999999999999999999/edit",
    "/me/health/fracture/2147483648/delete",
    "/me/health/medication/0/edit",
])
def test_out_of_range_ids_are_404(signed_in: FlaskClient, url: str) -> None:
    assert signed_in.get(url).status_code == 404
    assert signed_in.post(url, data={}).status_code == 404


@pytest.mark.parametrize("url, data, field", [
    ("/me/profile", {"display_name": "Ann\x00ie"}, "display_name"),
    ("/me/health/medication/new", {"name": "Alen\x00dronate"}, "name"),
])
def test_control_characters_in_text_are_refused_at_the_field(signed_in: FlaskClient, url: str, data: dict,
                                                             field: str) -> None:
    base = {"date_of_birth": "1958-04-12", "sex": "female", "weight": "60", "weight_unit": "kg",
            "unit_system": "metric", "vitamin_d_unit": "IU", "timezone": "UTC", "display_name": "Ann"}
    response = signed_in.post(url, data={**base, **data})
    assert response.status_code == 400
    assert f'id="{field}-error" class="field-error">Remove the unusual' in response.get_data(as_text=True)


@pytest.mark.parametrize("email", ["a\x00b@example.com", "x" * 5000, "margaret@example.com\x00"])
def test_login_and_reset_with_odd_emails(client: FlaskClient, member: User, email: str) -> None:
    assert client.post("/auth/login", data={"email": email, "password": PASSWORD}).status_code in (400, 401)
    assert client.post("/auth/reset", data={"email": email}).status_code in (302, 400)


def test_register_with_nul_in_name_is_refused(client: FlaskClient) -> None:
    client.post("/auth/register", data={"email": "n@example.com"})
    link = registration_link_from(outbox_messages(client.application)[-1])
    response = client.post(link, data={"display_name": "N\x00", "password": "long enough pw",
                                       "confirm": "long enough pw", "role": "member"})
    assert response.status_code == 400
