"""Her bone-health record as FHIR R4: every resource validates with the fhir.resources R4B models, and the codes the
models don't check (LOINC by site, the femoral neck's body site, UCUM units, statuses) are checked here."""
import json
from datetime import date, timedelta

from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.condition import Condition
from fhir.resources.R4B.medicationstatement import MedicationStatement
from fhir.resources.R4B.observation import Observation
from fhir.resources.R4B.patient import Patient

from app.extensions import db
from app.function.models import FunctionResult
from app.profile.models import DxaScan, Fall, Fracture, Height, Medication
from app.sharing.fhir import Record, bundle
from tests.support.world import TODAY

MODELS = {"Patient": Patient, "Observation": Observation, "Condition": Condition,
          "MedicationStatement": MedicationStatement}
T_SCORE_LOINC = {"lumbar_spine": "38267-1", "total_hip": "38264-8", "femoral_neck": "38263-0", "radius_33": "38265-5"}


def validated(document: dict) -> list[dict]:
    """Every entry's resource, each validated by its own model, and the Bundle as a whole."""
    Bundle.model_validate(document)
    for entry in document["entry"]:
        assert entry["fullUrl"].startswith("urn:uuid:")
        MODELS[entry["resource"]["resourceType"]].model_validate(entry["resource"])
    return [e["resource"] for e in document["entry"]]


def test_a_record_with_everything_validates_and_is_coded_as_the_guidance_says() -> None:
    record = Record(
        name="Margaret", birth_date=date(1958, 4, 12), sex="female",
        scans=[(date(2025, 3, 18), site, -2.1) for site in T_SCORE_LOINC],
        weights=[(date(2025, 1, 1), 61.0)], heights=[(date(2026, 1, 1), 162.5)],
        tests=[{"test": "chair_stand", "name": "30-second chair stand", "taken_on": date(2026, 6, 1), "value": 9,
                "loinc": "66247-8", "judged": "At risk: below average", "measured_by": "Priya PT"},
               {"test": "balance", "name": "4-Stage Balance test", "taken_on": date(2026, 6, 1), "value": 3,
                "loinc": None, "judged": "Not at risk", "measured_by": None}],
        falls=[{"day": date(2026, 2, 3), "what": "tripped on the kerb", "injured": True, "fracture": False}],
        fractures=[{"day": date(2019, 11, 2), "site": "Wrist or forearm", "vertebral": False, "low_trauma": True}],
        medicines=[{"name": "Alendronate", "start": date(2023, 4, 1), "stop": None}],
        week={"monday": date(2026, 11, 30), "sunday": date(2026, 12, 6),
              "figures": [("Calcium", 1150.0, "mg"), ("Vitamin D", None, "IU"), ("Balance days", 2, "days")]})
    resources = validated(json.loads(json.dumps(bundle(record))))
    patient = resources[0]
    assert patient == {"resourceType": "Patient", "name": [{"text": "Margaret"}], "birthDate": "1958-04-12",
                       "gender": "female"}
    scans = [r for r in resources if r.get("valueQuantity", {}).get("unit") == "T-score"]
    assert {s["code"]["coding"][0]["code"] for s in scans} == set(T_SCORE_LOINC.values())
    for scan in scans:
        assert scan["code"]["coding"][0]["system"] == "http://loinc.org" and scan["status"] == "final"
        assert scan["valueQuantity"] == {"value": -2.1, "unit": "T-score", "system": "http://unitsofmeasure.org",
                                         "code": "1"}
    neck = next(s for s in scans if s["code"]["coding"][0]["code"] == "38263-0")
    assert neck["bodySite"]["coding"][0] == {"system": "http://snomed.info/sct", "code": "29627003",
                                             "display": "Structure of neck of femur"}
    codes = {c["code"] for r in resources for c in r.get("code", {}).get("coding", [])}
    assert {"29463-7", "8302-2", "66247-8"} <= codes
    balance = next(r for r in resources if r.get("code", {}).get("text") == "4-Stage Balance test")
    assert "coding" not in balance["code"]     # no LOINC code exists: coded by text alone
    chair = next(r for r in resources if r.get("code", {}).get("text") == "30-second chair stand")
    assert chair["note"] == [{"text": "Measured in clinic by Priya PT"}]
    [fracture] = [r for r in resources if r["resourceType"] == "Condition"]
    assert fracture["code"]["text"] == "Fracture: Wrist or forearm, low trauma"
    [medicine] = [r for r in resources if r["resourceType"] == "MedicationStatement"]
    assert medicine["status"] == "active" and medicine["effectivePeriod"] == {"start": "2023-04-01"}
    week = resources[-1]
    assert [c["code"]["text"] for c in week["component"]] == ["Calcium", "Balance days"]   # unknown left out
    assert week["component"][0]["valueQuantity"]["code"] == "mg/d"


def test_nothing_she_did_not_enter_and_bone_only_leaves_the_rest_out() -> None:
    resources = validated(bundle(Record(name="Ann", birth_date=None, sex=None,
                                        weights=[(date(2025, 1, 1), 61.0)], include="bone",
                                        medicines=[{"name": "Denosumab", "start": None,
                                                    "stop": date(2026, 1, 1)}])))
    assert resources[0] == {"resourceType": "Patient", "name": [{"text": "Ann"}]}
    assert [r["resourceType"] for r in resources] == ["Patient", "MedicationStatement"]   # no weight
    assert resources[1]["status"] == "completed"


def test_she_downloads_her_record_as_fhir_json(app, signed_in, her_profile) -> None:
    m = her_profile.id
    with app.app_context():
        db.session.add_all([
            DxaScan(member_id=m, scan_date=date(2025, 3, 18), site="femoral_neck", t_score=-2.6),
            Fracture(member_id=m, fracture_date=date(2019, 11, 2), site="wrist", vertebral=False, low_trauma=True),
            Fall(member_id=m, fall_date=TODAY - timedelta(days=20), what_happened="slipped", injured=False,
                 fracture=False),
            Medication(member_id=m, name="Alendronate", start_date=date(2023, 4, 1)),
            Height(member_id=m, measured_on=TODAY, height_cm=160.0),
            FunctionResult(member_id=m, test="timed_up_and_go", taken_on=TODAY, value=12.4, loinc="89423-8")])
        db.session.commit()
    response = signed_in.get("/me/share/record.json")
    assert response.status_code == 200 and response.mimetype == "application/fhir+json"
    assert "attachment" in response.headers["Content-Disposition"]
    resources = validated(response.get_json())
    judged = next(r for r in resources if r.get("code", {}).get("text") == "Timed Up and Go")
    assert judged["valueQuantity"]["code"] == "s" and judged["interpretation"][0]["text"].startswith("At risk")
    assert {"Patient", "Observation", "Condition", "MedicationStatement"} == {r["resourceType"] for r in resources}
    bone_only = validated(signed_in.get("/me/share/record.json?include=bone").get_json())
    assert not any(r.get("code", {}).get("text") == "Timed Up and Go" for r in bone_only)
