"""Her bone-health record with the risk-factor checklist, as she and her therapist both see it."""
from datetime import date
from typing import Any

from app.forms import EmptyForm
from app.guidance.diagnosis import SITE_LABELS, Site, TScoreReading
from app.guidance.risk import TO_HER, Voice
from app.profile.charts import tscore_chart
from app.profile.medications import GROUP_LABELS, group_of
from app.profile.medications import SOURCE as MEDICATION_SOURCE
from app.profile.risk import checklist_context
from app.profile.services import (
    FRACTURE_SITES,
    bone_health_record,
    has_active_therapist,
    reviewed_falls,
)


def bone_health_page(member_id: int, today: date, voice: Voice = TO_HER) -> dict[str, Any]:
    """Her scans (with their chart and WHO category), fractures, falls, medicines and the risk-factor checklist
    (spoken to her, or to her therapist about her)."""
    record = bone_health_record(member_id)
    readings = [TScoreReading(s.scan_date, Site(s.site), float(s.t_score)) for s in record.scans]
    return {"record": record, "chart": tscore_chart(readings), "site_labels": SITE_LABELS,
            "fracture_sites": FRACTURE_SITES, "group_of": group_of, "group_labels": GROUP_LABELS,
            "medication_source": MEDICATION_SOURCE,
            "reviewed_falls": reviewed_falls(member_id) if record.falls else set(),
            "has_therapist": has_active_therapist(member_id) if record.falls else False,
            "fall_form": EmptyForm(), **checklist_context(member_id, today, voice)}
