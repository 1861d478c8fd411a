"""Her bone-health record as a FHIR R4 Bundle (plain Python, the standard library only: a `Record` in, a JSON-ready
dict out; no Flask, no database).

FHIR R4 (hl7.org/fhir/R4): a `Bundle` of type `collection` (Bundle.type, "collection: a set of resources
collected into a single package for ease of distribution") whose entries carry `fullUrl` as `urn:uuid:` ids and
reference each other by them. The codes (docs/clinical-rules.md, "DXA codes for sharing", "Falls and function",
"Height"):
- DXA T-scores (coded without a display: the words Ossify shows are in `text`): LOINC 38267-1 lumbar spine, 38264-8
  hip, 38263-0 femur (the femoral neck is 38263-0 with SNOMED CT
  bodySite 29627003 "Structure of neck of femur"), 38265-5 forearm/radius; unit UCUM "1", shown "T-score".
- Body weight LOINC 29463-7 (UCUM kg), body height 8302-2 (UCUM cm), both category `vital-signs`.
- The STEADI tests: chair stand 66247-8, Timed Up and Go 89423-8, Stay Independent total 97885-8; the 4-Stage
  Balance test has no LOINC code, so its Observation is coded by text alone (a CodeableConcept may be text only).
- Fractures are `Condition`s, falls `Observation`s, bone medicines `MedicationStatement`s: all coded by text, as she
  entered them. Ossify does not map them to SNOMED CT or RxNorm: a guessed code would say more than she did.
- Her latest full week of calcium, vitamin D, protein and exercise is one `Observation` whose `component`s carry the
  averages and counts with UCUM units, coded by text: a clinic's system reads the numbers, where a
  `DocumentReference` to the printable report would point at a page that needs her sign-in.

Nothing goes in that she didn't enter: the Patient has her name, birth date and sex only when she gave them.
"""
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime

LOINC = "http://loinc.org"
SNOMED = "http://snomed.info/sct"
UCUM = "http://unitsofmeasure.org"
OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
CONDITION_CATEGORY = "http://terminology.hl7.org/CodeSystem/condition-category"

T_SCORE_CODES = {  # site → (LOINC code, what it is in words, SNOMED CT body site or None)
    "lumbar_spine": ("38267-1", "Lumbar spine T-score (DXA)", None),
    "total_hip": ("38264-8", "Hip T-score (DXA)", None),
    "femoral_neck": ("38263-0", "Femoral neck T-score (DXA)", ("29627003", "Structure of neck of femur")),
    "radius_33": ("38265-5", "Forearm (radius) T-score (DXA)", None),
}
BODY_WEIGHT = ("29463-7", "Body weight")
BODY_HEIGHT = ("8302-2", "Body height")
FUNCTION_UNITS = {  # test → (UCUM code, unit shown)
    "chair_stand": ("{#}", "stands"),
    "timed_up_and_go": ("s", "s"),
    "balance": ("{#}", "stances held"),
    "stay_independent": ("{score}", "points"),
}
WEEK_UNITS = {  # a weekly summary's figure → (UCUM code, unit shown)
    "mg": ("mg/d", "mg a day"), "IU": ("[IU]/d", "IU a day"), "g": ("g/d", "g a day"),
    "minutes": ("min/wk", "minutes a week"), "sessions": ("{sessions}/wk", "sessions a week"),
    "days": ("d/wk", "days a week"),
}


@dataclass(frozen=True)
class Record:
    """What the bundle is made from, read by the caller (app/sharing/record.py). Rows are plain tuples or dicts."""
    name: str
    birth_date: date | None
    sex: str | None                                   # "female" | "male" | None
    scans: list[tuple[date, str, float]] = field(default_factory=list)          # (date, site, T-score)
    weights: list[tuple[date, float]] = field(default_factory=list)             # (from, kg)
    heights: list[tuple[date, float]] = field(default_factory=list)             # (date, cm)
    tests: list[dict] = field(default_factory=list)   # {test, name, taken_on, value, loinc, judged, measured_by}
    falls: list[dict] = field(default_factory=list)   # {day, what, injured, fracture}
    fractures: list[dict] = field(default_factory=list)   # {day, site, vertebral, low_trauma}
    medicines: list[dict] = field(default_factory=list)   # {name, start, stop}
    week: dict | None = None     # {monday, sunday, figures: [(label, value, unit)]}
    made_at: datetime | None = None
    include: str = "everything"  # or "bone": bone and medicines only (scans, fractures, falls, medicines, height)


def _id() -> str:
    return f"urn:uuid:{uuid.uuid4()}"


def _coding(system: str, code: str, display: str) -> dict:
    return {"system": system, "code": code, "display": display}


def _category(code: str, display: str) -> list[dict]:
    return [{"coding": [_coding(OBSERVATION_CATEGORY, code, display)]}]


def _observation(patient: str, code: dict, when: date, category: list[dict] | None = None, **value: object) -> dict:
    resource = {"resourceType": "Observation", "status": "final", "code": code,
                "subject": {"reference": patient}, "effectiveDateTime": when.isoformat(), **value}
    if category:
        resource["category"] = category
    return resource


def _quantity(value: float, unit: str, code: str) -> dict:
    return {"value": round(value, 2), "unit": unit, "system": UCUM, "code": code}


def bundle(record: Record) -> dict:
    """The Bundle, entries in a fixed order: Patient, scans, heights, weights, tests, falls, fractures, medicines,
    the week."""
    patient_url = _id()
    patient: dict = {"resourceType": "Patient", "name": [{"text": record.name}]}
    if record.birth_date:
        patient["birthDate"] = record.birth_date.isoformat()
    if record.sex in ("female", "male"):
        patient["gender"] = record.sex
    resources = [(patient_url, patient)]
    everything = record.include == "everything"

    def add(resource: dict) -> None:
        resources.append((_id(), resource))

    for day, site, t_score in record.scans:
        code, display, body_site = T_SCORE_CODES[site]
        # The LOINC code alone (no display: the words are ours, in `text`, not LOINC's long name).
        resource = _observation(patient_url, {"coding": [{"system": LOINC, "code": code}], "text": display}, day,
                                _category("imaging", "Imaging"),
                                valueQuantity=_quantity(t_score, "T-score", "1"))
        if body_site:
            resource["bodySite"] = {"coding": [_coding(SNOMED, *body_site)], "text": "Femoral neck"}
        add(resource)
    for day, cm in record.heights:
        add(_observation(patient_url, {"coding": [_coding(LOINC, *BODY_HEIGHT)], "text": BODY_HEIGHT[1]}, day,
                         _category("vital-signs", "Vital Signs"), valueQuantity=_quantity(cm, "cm", "cm")))
    if everything:
        for day, kg in record.weights:
            add(_observation(patient_url, {"coding": [_coding(LOINC, *BODY_WEIGHT)], "text": BODY_WEIGHT[1]}, day,
                             _category("vital-signs", "Vital Signs"), valueQuantity=_quantity(kg, "kg", "kg")))
        for test in record.tests:
            ucum, shown = FUNCTION_UNITS[test["test"]]
            code: dict = {"text": test["name"]}
            if test["loinc"]:
                code["coding"] = [{"system": LOINC, "code": test["loinc"]}]
            resource = _observation(patient_url, code, test["taken_on"], _category("exam", "Exam"),
                                    valueQuantity=_quantity(test["value"], shown, ucum),
                                    interpretation=[{"text": test["judged"]}])
            if test.get("measured_by"):
                resource["note"] = [{"text": f"Measured in clinic by {test['measured_by']}"}]
            add(resource)
    for fall in record.falls:
        add(_observation(patient_url, {"text": "Fall"}, fall["day"], valueString=fall["what"],
                         note=[{"text": ("Hurt" if fall["injured"] else "Not hurt") + "; "
                                + ("a bone broke" if fall["fracture"] else "no bone broke")}]))
    for fracture in record.fractures:
        words = f"Fracture: {fracture['site']}" + (", vertebral" if fracture["vertebral"] else "") + \
            (", low trauma" if fracture["low_trauma"] else "")
        add({"resourceType": "Condition", "code": {"text": words}, "subject": {"reference": patient_url},
             "category": [{"coding": [_coding(CONDITION_CATEGORY, "problem-list-item", "Problem List Item")]}],
             "onsetDateTime": fracture["day"].isoformat()})
    for medicine in record.medicines:
        statement: dict = {"resourceType": "MedicationStatement",
                           "status": "completed" if medicine["stop"] else "active",
                           "medicationCodeableConcept": {"text": medicine["name"]},
                           "subject": {"reference": patient_url}}
        period = {key: medicine[key].isoformat() for key in ("start", "stop") if medicine[key]}
        if period:
            statement["effectivePeriod"] = {"start" if k == "start" else "end": v for k, v in period.items()}
        add(statement)
    if everything and record.week:
        week = record.week
        components = []
        for label, value, unit in week["figures"]:
            if value is None:
                continue
            ucum, shown = WEEK_UNITS[unit]
            components.append({"code": {"text": label}, "valueQuantity": _quantity(value, shown, ucum)})
        add({"resourceType": "Observation", "status": "final",
             "code": {"text": "Ossify weekly summary: calcium, vitamin D, protein and exercise"},
             "subject": {"reference": patient_url},
             "effectivePeriod": {"start": week["monday"].isoformat(), "end": week["sunday"].isoformat()},
             "component": components})
    made = (record.made_at or datetime.now().astimezone()).isoformat(timespec="seconds")
    return {"resourceType": "Bundle", "type": "collection", "timestamp": made,
            "entry": [{"fullUrl": url, "resource": resource} for url, resource in resources]}
