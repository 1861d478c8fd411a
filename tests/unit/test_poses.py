"""Every catalog exercise has an illustration within the joint limits, and each drawing renders."""
import xml.etree.ElementTree as ET

import pytest

from app.exercises.catalog import read_catalog
from app.exercises.poses import illustration, load_poses, problems, render_phase

CATALOG = {row["slug"]: row for row in read_catalog()}
POSES = load_poses()


def test_every_catalog_exercise_has_one_entry() -> None:
    assert set(POSES) == set(CATALOG)


@pytest.mark.parametrize("slug", sorted(CATALOG))
def test_each_pose_is_within_the_limits_and_renders(slug: str) -> None:
    row, entry = CATALOG[slug], POSES[slug]
    assert not row["spinal_flexion"] and not row["spinal_rotation"]  # the catalog holds neither (the loader refuses)
    assert problems(slug, entry) == []
    for phase in entry["phases"].values():
        svg = ET.fromstring(render_phase(entry, phase))
        assert svg.get("aria-hidden") == "true" and not svg.findall(".//{*}text")  # no text baked in
        assert len(svg.findall(".//{*}line")) >= 11  # the floor, a trunk and eight limb segments at least
    html = str(illustration(slug))
    assert 'role="img"' in html and entry["alt"].split(",")[0] in html


@pytest.mark.parametrize("change, message", [
    ({"thigh_n": 0, "shin_n": 30}, "knee bends backwards"),
    ({"arm_n": 90, "fore_n": 40}, "elbow bends backwards"),
    ({"lean": 0, "chest": 40}, "spine flexes beyond neutral"),
    ({"lean": 10, "chest": 60, "head": 70}, "spine flexes beyond neutral"),  # a crunch: head driven to the knees
    ({"lean": 0, "chest": -40}, "spine is not neutral"),
    ({"foot_n": 170}, "ankle"),
    ({"head": 60}, "head turns"),
])
def test_the_limits_catch_an_unsafe_looking_pose(change: dict, message: str) -> None:
    entry = {"alt": "Stand tall and do nothing in particular.", "phases": {"start": {}, "end": change}}
    assert any(message in p for p in problems("test", entry)), problems("test", entry)


def test_a_standing_figure_with_no_foot_on_the_floor_is_caught() -> None:
    # Shins folded up behind: the knees, not the feet, are lowest (kneeling), but the pose says standing.
    folded = {"thigh_n": 0, "shin_n": -120, "foot_n": -70, "thigh_f": 0, "shin_f": -120, "foot_f": -70}
    entry = {"alt": "Stand tall and do nothing in particular.", "phases": {"start": {}, "end": folded}}
    assert any("no foot is on the floor" in p for p in problems("test", entry))


@pytest.mark.parametrize("kind", ["weight_bearing", "resistance_band", "balance", "posture"])
def test_her_own_exercise_shows_a_neutral_symbol_of_its_kind(kind: str) -> None:
    html = str(illustration(None, kind))
    assert "pose-custom" in html and 'aria-hidden="true"' in html
