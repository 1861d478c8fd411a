"""SMART Health Links: made in two taps, built as the IG says (payload, manifest, JWE "dir" + A256GCM), opened by a
doctor with the viewer's name and passcode, seen on her list, revoked at once; wrong passcodes stop the link."""
import base64
import json
import re
from datetime import timedelta

from fhir.resources.R4B.bundle import Bundle
from joserfc import jwe
from joserfc.jwk import OctKey
from sqlalchemy import select

from app.extensions import db
from app.models_base import utcnow
from app.sharing.links import PASSCODE_ATTEMPTS
from app.sharing.models import ShareAccess, ShareLink
from tests.support.world import as_user


def unpadded(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def make(client, **choices: str) -> tuple[str, dict]:
    """Her two taps (the page, then "Make the link"); the link page's URL and its decoded payload."""
    client.get("/me/share/")
    response = client.post("/me/share/", data={"include": "everything", "lifetime": "7", **choices})
    assert response.status_code == 302
    page = client.get(response.location).get_data(as_text=True)
    url = re.search(r'<textarea id="share-url"[^>]*>([^<]+)</textarea>', page).group(1).strip()
    assert "<svg" in page and "QR code of the link" in page
    viewer, _, link = url.partition("#")
    assert viewer.endswith("/shl/view") and link.startswith("shlink:/")
    return response.location, json.loads(unpadded(link[len("shlink:/"):]))


def open_link(app, payload: dict, **body: str):
    path = payload["url"].split("://", 1)[1].split("/", 1)[1]
    return app.test_client().post("/" + path, json=body)


def test_a_link_carries_the_igs_payload_and_opens_to_a_valid_fhir_record(app, signed_in, her_profile) -> None:
    _, payload = make(signed_in)
    assert set(payload) == {"url", "key", "exp", "label"}     # no passcode: no flag
    assert len(payload["key"]) == 43 and len(unpadded(payload["key"])) == 32
    manifest_id = payload["url"].rsplit("/", 1)[1]
    assert len(manifest_id) == 43 and len(unpadded(manifest_id)) == 32
    assert 6 * 86400 < payload["exp"] - utcnow().timestamp() <= 7 * 86400
    assert payload["label"] == "Bone-health record from Ossify"   # nothing about her in the link
    answer = open_link(app, payload, recipient="Dr Patel, Riverside Clinic")
    assert answer.status_code == 200 and answer.headers["Cache-Control"] == "no-store"
    [file] = answer.json["files"]
    assert file["contentType"] == "application/fhir+json;fhirVersion=4.0.1"
    token = jwe.decrypt_compact(file["embedded"], OctKey.import_key(unpadded(payload["key"])))
    assert token.protected == {"alg": "dir", "enc": "A256GCM"}
    Bundle.model_validate(json.loads(token.plaintext))
    listing = signed_in.get("/me/share/").get_data(as_text=True)
    assert "Dr Patel, Riverside Clinic" in listing


def test_a_passcode_link_counts_wrong_passcodes_and_stops(app, signed_in, her_profile) -> None:
    _, payload = make(signed_in, passcode="bone 2026")
    assert payload["flag"] == "P"
    for left in range(PASSCODE_ATTEMPTS - 1, 0, -1):
        answer = open_link(app, payload, recipient="someone", passcode="guess")
        assert answer.status_code == 401 and answer.json == {"remainingAttempts": left}
    assert open_link(app, payload, recipient="someone", passcode="guess").status_code == 404
    assert open_link(app, payload, recipient="Dr Patel", passcode="bone 2026").status_code == 404  # stopped for good
    assert "Stopped: too many wrong passcodes." in signed_in.get("/me/share/").get_data(as_text=True)


def test_the_right_passcode_opens_it_and_a_missing_recipient_is_refused(app, signed_in, her_profile) -> None:
    _, payload = make(signed_in, passcode="bone 2026")
    assert open_link(app, payload, passcode="bone 2026").status_code == 400
    assert open_link(app, payload, recipient="Dr Patel", passcode="bone 2026").status_code == 200


def test_revoked_expired_and_unknown_links_answer_404_with_nothing_in_it(app, signed_in, her_profile) -> None:
    page, payload = make(signed_in)
    share_id = int(page.rsplit("/", 1)[1])
    signed_in.post(f"/me/share/{share_id}/revoke")
    revoked = open_link(app, payload, recipient="Dr Patel")
    assert revoked.status_code == 404 and revoked.get_data() == b""
    _, payload = make(signed_in)
    with app.app_context():
        link = db.session.scalar(select(ShareLink).where(ShareLink.key == payload["key"]))
        link.expires_at = utcnow() - timedelta(seconds=1)
        db.session.commit()
    assert open_link(app, payload, recipient="Dr Patel").status_code == 404
    assert app.test_client().post("/shl/" + "A" * 43, json={"recipient": "x"}).status_code == 404


def test_her_links_are_hers_alone_and_go_with_her_account(app, world) -> None:
    her, olive, pt = as_user(app, world["member"]), as_user(app, world["other"]), as_user(app, world["linked"])
    page, _ = make(her)
    assert olive.get(page).status_code == 404 and olive.post(page + "/revoke").status_code == 404
    assert pt.get("/me/share/").status_code == 403 and pt.post("/me/share/", data={}).status_code == 403
    with app.app_context():
        db.session.delete(db.session.get(type(world["member"]), world["member"].id))
        db.session.commit()
        assert db.session.scalars(select(ShareLink)).all() == []
        assert db.session.scalars(select(ShareAccess)).all() == []
