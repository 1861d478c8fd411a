"""Her record for sharing, read from her data (one member, read-only): what app/sharing/fhir.py turns into FHIR."""
from datetime import datetime, timedelta

from sqlalchemy import select

from app.auth.models import User
from app.extensions import db
from app.function.services import history
from app.guidance.function import BAND_LABELS, TESTS
from app.guidance.weeks import week_start
from app.profile.models import BodyWeight, DxaScan, Fall, Fracture, Height, Medication
from app.profile.services import FRACTURE_SITES, stored_profile
from app.progress.services import weeks_summary
from app.sharing.fhir import Record

WHAT = {"everything": "Everything: bone health, medicines, tests, weight and your latest week",
        "bone": "Bone health and medicines only"}
EXERCISE_UNITS = {"min": "minutes", "minutes": "minutes", "sessions": "sessions", "days": "days"}


def _rows(model, member_id: int, *order):  # noqa: ANN001, ANN202
    return db.session.scalars(select(model).where(model.member_id == member_id).order_by(*order)).all()


def her_record(member: User, include: str = "everything") -> Record:
    profile = stored_profile(member.id)
    today = member.today()
    results = [r for rows in history(member.id).values() for r in rows]
    last_monday = week_start(today) - timedelta(days=7)
    (week,) = weeks_summary(member.id, last_monday, 1, today)
    figures = [(n.label + " (daily average on days with food logged)", n.average,
                {"calcium_mg": "mg", "vitamin_d_iu": "IU", "protein_g": "g"}[n.key]) for n in week.nutrition]
    figures += [(m.label, m.actual, EXERCISE_UNITS.get(m.unit, "sessions")) for m in week.exercise]
    return Record(
        name=member.display_name, birth_date=profile.date_of_birth if profile else None,
        sex=profile.sex if profile else None,
        scans=[(s.scan_date, s.site, float(s.t_score)) for s in _rows(DxaScan, member.id, DxaScan.scan_date,
                                                                       DxaScan.site)],
        weights=[(w.measured_on, w.weight_kg) for w in _rows(BodyWeight, member.id, BodyWeight.measured_on)],
        heights=[(h.measured_on, h.height_cm) for h in _rows(Height, member.id, Height.measured_on)],
        tests=[{"test": r.test.value, "name": TESTS[r.test].name, "taken_on": r.row.taken_on, "value": r.row.value,
                "loinc": r.row.loinc, "judged": f"{BAND_LABELS[r.judgement.band]}: {r.judgement.text}",
                "measured_by": r.row.measured_by_name} for r in sorted(results, key=lambda r: r.row.taken_on)],
        falls=[{"day": f.fall_date, "what": f.what_happened, "injured": f.injured, "fracture": f.fracture}
               for f in _rows(Fall, member.id, Fall.fall_date)],
        fractures=[{"day": f.fracture_date, "site": FRACTURE_SITES.get(f.site, f.site), "vertebral": f.vertebral,
                    "low_trauma": f.low_trauma} for f in _rows(Fracture, member.id, Fracture.fracture_date)],
        medicines=[{"name": m.name, "start": m.start_date, "stop": m.stop_date}
                   for m in _rows(Medication, member.id, Medication.start_date, Medication.name)],
        week={"monday": last_monday, "sunday": last_monday + timedelta(days=6), "figures": figures},
        made_at=datetime.now().astimezone(), include=include)
