"""Exercise illustrations drawn by code: a simple, friendly figure from joint angles, and the props it uses.

The pose data (data/poses.json, one entry per catalog exercise, read with the catalog) gives each exercise a
text alternative that describes the movement, its props, and two or three phases (start, middle, end). A phase
names a base posture and the joints it changes:

    {"base": "stand", "arm_n": 90, "fore_n": 90, "band": {"from": "hand_n", "to": [60, 40]}}

Angles are degrees in the picture, the figure facing right: a limb's angle is measured from straight down,
positive toward the front (90: pointing forward, 180: straight up, -90: pointing back). The trunk (`lean`, hip
to mid-back) and chest (`chest`, mid-back to shoulders) are measured from straight up, positive leaning forward;
`head` likewise. Joints ending in `_n` are the near side (drawn darker), `_f` the far side. Band anchors are
in figure units from the hip, y up. The figure is placed with its lowest point on the floor, unless `airborne`.

`problems()` checks a pose against the joint limits (no knee or elbow bending backwards, a foot on the floor
when standing, the spine neutral in every phase: the catalog holds no loaded spinal flexion or trunk rotation); a
test runs it on every entry.
"""
import json
import math
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape

POSES_FILE = Path(__file__).parent / "data" / "poses.json"

# Segment lengths, figure units (a standing figure is about 100 tall).
TRUNK, CHEST, NECK, HEAD_R = 17.0, 17.0, 4.0, 7.5
THIGH, SHIN, FOOT = 23.0, 22.0, 8.0
UPPER_ARM, FOREARM = 16.0, 16.0
HIP_HALF, SHOULDER_HALF = 5.0, 8.0   # seen from the front, the legs and arms start this far from the middle
SIZE = 130          # the square each phase is drawn in
GROUND = SIZE - 8   # the floor line
SLACK = 5           # degrees a knee or elbow may sit straight past 0 (a straight limb drawn straight)
CHAIR_SEAT = 24     # a chair's seat above the floor
SPINE_NEUTRAL = 12  # degrees between trunk and chest that still read as a neutral spine

BASES: dict[str, dict[str, float]] = {
    "stand": {"lean": 0, "chest": 0, "head": 0, "thigh_n": 0, "shin_n": 0, "thigh_f": 0, "shin_f": 0,
              "arm_n": 0, "fore_n": 0, "arm_f": 0, "fore_f": 0},
    "sit": {"lean": 0, "chest": 0, "head": 0, "thigh_n": 90, "shin_n": 0, "thigh_f": 90, "shin_f": 0,
            "arm_n": 10, "fore_n": 60, "arm_f": 10, "fore_f": 60},
    "prone": {"lean": 90, "chest": 90, "head": 90, "thigh_n": -90, "shin_n": -90, "thigh_f": -90, "shin_f": -90,
              "arm_n": -90, "fore_n": -90, "arm_f": -90, "fore_f": -90, "foot_n": -40, "foot_f": -40},
    "supine": {"lean": -90, "chest": -90, "head": -90, "thigh_n": 90, "shin_n": 90, "thigh_f": 90, "shin_f": 90,
               "arm_n": 90, "fore_n": 90, "arm_f": 90, "fore_f": 90, "foot_n": 170, "foot_f": 170},
    "kneel": {"lean": 0, "chest": 0, "head": 0, "thigh_n": 0, "shin_n": -90, "thigh_f": 0, "shin_f": -90,
              "arm_n": 0, "fore_n": 0, "arm_f": 0, "fore_f": 0, "foot_n": -50, "foot_f": -50},
}
JOINTS = {"lean", "chest", "head", "thigh_n", "shin_n", "foot_n", "thigh_f", "shin_f", "foot_f", "arm_n", "fore_n",
          "arm_f", "fore_f"}

NEAR, FAR, SKIN, PROP, BAND = "#1d4f91", "#5b85c0", "#1d4f91", "#767b84", "#c2410c"  # each 3:1 or more on white


def _dir(angle_from_down: float) -> tuple[float, float]:
    """A unit vector (x right, y up) for an angle from straight down, positive toward the front (right)."""
    a = math.radians(angle_from_down)
    return math.sin(a), -math.cos(a)


def _up(angle_from_up: float) -> tuple[float, float]:
    a = math.radians(angle_from_up)
    return math.sin(a), math.cos(a)


def _add(p: tuple[float, float], d: tuple[float, float], length: float) -> tuple[float, float]:
    return p[0] + d[0] * length, p[1] + d[1] * length


@dataclass
class Figure:
    """Joint positions of one phase, figure units from the hip, y up."""
    points: dict[str, tuple[float, float]] = field(default_factory=dict)


def angles_of(phase: dict[str, Any], front: bool = False) -> dict[str, float]:
    base = dict(BASES[phase.get("base", "stand")])
    base.update({k: float(v) for k, v in phase.items() if k in JOINTS})
    if front:  # seen from the front: `_n` is her right side (on the picture's left), feet point outward
        base.setdefault("foot_n", base["shin_n"] - 90)
        base.setdefault("foot_f", base["shin_f"] + 90)
    for side in ("n", "f"):
        base.setdefault(f"foot_{side}", base[f"shin_{side}"] + 90)
    return base


def figure(phase: dict[str, Any], front: bool = False) -> Figure:
    a = angles_of(phase, front)
    p: dict[str, tuple[float, float]] = {"hip": (0.0, 0.0)}
    p["mid"] = _add(p["hip"], _up(a["lean"]), TRUNK)
    p["shoulder"] = _add(p["mid"], _up(a["chest"]), CHEST)
    p["head"] = _add(p["shoulder"], _up(a["head"]), NECK + HEAD_R)
    for side in ("n", "f"):
        hip = (p["hip"][0] + (HIP_HALF if side == "f" else -HIP_HALF) * front, p["hip"][1])
        p[f"knee_{side}"] = _add(hip, _dir(a[f"thigh_{side}"]), THIGH)
        p[f"ankle_{side}"] = _add(p[f"knee_{side}"], _dir(a[f"shin_{side}"]), SHIN)
        p[f"toe_{side}"] = _add(p[f"ankle_{side}"], _dir(a[f"foot_{side}"]), FOOT)
        p[f"heel_{side}"] = _add(p[f"ankle_{side}"], _dir(a[f"foot_{side}"]), -2.5)
        shoulder = (p["shoulder"][0] + (SHOULDER_HALF if side == "f" else -SHOULDER_HALF) * front, p["shoulder"][1])
        p[f"shoulder_{side}"] = shoulder
        p[f"hip_{side}"] = hip
        p[f"elbow_{side}"] = _add(shoulder, _dir(a[f"arm_{side}"]), UPPER_ARM)
        p[f"hand_{side}"] = _add(p[f"elbow_{side}"], _dir(a[f"fore_{side}"]), FOREARM)
    return Figure(p)


def _lowest(fig: Figure) -> float:
    ys = [y for name, (x, y) in fig.points.items() if name != "head"]
    ys.append(fig.points["head"][1] - HEAD_R)
    body = [fig.points["hip"][1] - 5, fig.points["mid"][1] - 5, fig.points["shoulder"][1] - 5]  # trunk thickness
    return min(ys + body)


@dataclass(frozen=True)
class Drawing:
    svg: Markup
    problems: list[str]


def _screen(fig: Figure, phase: dict[str, Any], dx: float) -> dict[str, tuple[float, float]]:
    floor = _lowest(fig)
    lift = 14.0 if phase.get("airborne") else float(phase.get("raised", 0))
    return {k: (x + dx, GROUND - (y - floor) - lift) for k, (x, y) in fig.points.items()}


def _line(a: tuple[float, float], b: tuple[float, float], colour: str, width: float) -> str:
    return (f'<line x1="{a[0]:.1f}" y1="{a[1]:.1f}" x2="{b[0]:.1f}" y2="{b[1]:.1f}" stroke="{colour}" '
            f'stroke-width="{width}" stroke-linecap="round"/>')


def _props(entry: dict[str, Any], phase: dict[str, Any], s: dict[str, tuple[float, float]], floor_y: float,
           dx: float, fig: Figure) -> tuple[list[str], list[str]]:
    """Props drawn behind the figure, and the band in front of it."""
    behind, front = [], []
    props = set(entry.get("props", [])) | set(phase.get("props", []))
    if "mat" in props:
        xs = [x for x, _ in s.values()]
        behind.append(f'<rect x="{min(xs) - 4:.1f}" y="{GROUND:.1f}" width="{max(xs) - min(xs) + 8:.1f}" height="3" '
                      f'rx="1.5" fill="{FAR}" opacity=".5"/>')
    if "chair" in props:  # a seat of fixed height behind her heels: under her when she sits, behind her standing
        hx = s["heel_n"][0] - 6
        seat = GROUND - CHAIR_SEAT
        behind.append(_line((hx - 24, seat), (hx, seat), PROP, 3))
        behind.append(_line((hx - 24, seat), (hx - 24, GROUND), PROP, 2.5))
        behind.append(_line((hx, seat), (hx, GROUND), PROP, 2.5))
        behind.append(_line((hx - 24, seat), (hx - 27, seat - 26), PROP, 2.5))
    if "wall" in props:
        x = min(x for x, _ in s.values()) - 3
        behind.append(_line((x, 10), (x, GROUND), PROP, 3))
    if "counter" in props:
        hx, hy = s["hand_n"]
        behind.append(_line((hx - 2, hy + 3), (hx + 24, hy + 3), PROP, 3))
        behind.append(_line((hx + 20, hy + 3), (hx + 20, GROUND), PROP, 2.5))
    if "step" in props:  # under the near foot when it is off the floor
        for side in ("n",):
            (tx, ty), (hx2, hy2) = s[f"toe_{side}"], s[f"heel_{side}"]
            bottom = max(ty, hy2)
            if GROUND - bottom > 4:
                left = min(tx, hx2) - 4
                behind.append(f'<rect x="{left:.1f}" y="{bottom + 1.5:.1f}" width="{abs(tx - hx2) + 8:.1f}" '
                              f'height="{GROUND - bottom - 1.5:.1f}" rx="1.5" fill="none" stroke="{PROP}" '
                              f'stroke-width="2.5"/>')
    band = phase.get("band") or entry.get("band")
    if band:
        start = s[band["from"]]
        to = band["to"]
        if isinstance(to, str):
            end = s[to]
        else:
            floor = _lowest(fig)
            end = (to[0] + dx, GROUND - (to[1] - floor))
            front.append(f'<circle cx="{end[0]:.1f}" cy="{end[1]:.1f}" r="2.5" fill="{PROP}"/>')
            if band.get("post", True):  # the door or post it is fixed to (none when it is beside her)
                behind.append(_line((end[0] + 2.5, 8), (end[0] + 2.5, GROUND), PROP, 2.5))
        front.append(_line(start, end, BAND, 2.5))
    return behind, front


def render_phase(entry: dict[str, Any], phase: dict[str, Any]) -> str:
    """One phase as an SVG (no text in it; the caption and the text alternative are the page's)."""
    front = entry.get("view") == "front"
    fig = figure(phase, front)
    xs = [x for x, _ in fig.points.values()]
    anchor = (phase.get("band") or entry.get("band") or {}).get("to")
    if isinstance(anchor, list):
        xs.append(anchor[0] + 4)
    dx = SIZE / 2 - (min(xs) + max(xs)) / 2
    s = _screen(fig, phase, dx)
    behind, overlay = _props(entry, phase, s, GROUND, dx, fig)
    parts = [f'<line x1="2" y1="{GROUND + 1.5}" x2="{SIZE - 2}" y2="{GROUND + 1.5}" stroke="{PROP}" '
             f'stroke-width="2"/>', *behind]
    for side, colour in (("f", NEAR if front else FAR), ("n", NEAR)):  # the far side first, the near over it
        if side == "n":
            width = 16 if front else 10
            parts.append(_line(s["hip"], s["mid"], NEAR, width))
            parts.append(_line(s["mid"], s["shoulder"], NEAR, width))
            hx, hy = s["head"]
            parts.append(f'<circle cx="{hx:.1f}" cy="{hy:.1f}" r="{HEAD_R}" fill="{SKIN}"/>')
        parts.append(_line(s[f"hip_{side}"], s[f"knee_{side}"], colour, 6.5))
        parts.append(_line(s[f"knee_{side}"], s[f"ankle_{side}"], colour, 6))
        parts.append(_line(s[f"heel_{side}"] if not front else s[f"ankle_{side}"], s[f"toe_{side}"], colour, 5))
        parts.append(_line(s[f"shoulder_{side}"], s[f"elbow_{side}"], colour, 5.5))
        parts.append(_line(s[f"elbow_{side}"], s[f"hand_{side}"], colour, 5))
    parts += overlay
    # width and height: a sensible size even before (or without) the style sheet, which makes it fluid.
    return (f'<svg viewBox="0 0 {SIZE} {SIZE}" width="100" height="100" xmlns="http://www.w3.org/2000/svg" '
            f'aria-hidden="true" focusable="false" class="pose">' + "".join(parts) + "</svg>")


PHASE_NAMES = {"start": "Start", "middle": "Then", "end": "End"}


@lru_cache(maxsize=1)
def load_poses(path: Path = POSES_FILE) -> dict[str, dict[str, Any]]:
    """Every catalog exercise's pose entry, by slug."""
    return json.loads(path.read_text(encoding="utf-8"))


@lru_cache(maxsize=256)
def illustration(slug: str | None, kind: str | None = None) -> Markup:
    """The figure of a catalog exercise (its phases in a row, with the text alternative), or a neutral symbol of
    its kind for her own exercise."""
    entry = load_poses().get(slug or "")
    if entry is None:
        return _kind_symbol(kind)
    cells = "".join(f'<span class="pose-phase">{render_phase(entry, entry["phases"][name])}'
                    f'<span class="pose-caption" aria-hidden="true">{PHASE_NAMES[name]}</span></span>'
                    for name in ("start", "middle", "end") if name in entry["phases"])
    return Markup(f'<span class="pose-strip" role="img" aria-label="{escape(entry["alt"])}">{cells}</span>')


KIND_SYMBOLS = {
    "weight_bearing": '<path d="M20 44 L32 20 L44 44" fill="none" stroke="{c}" stroke-width="5" stroke-linecap="round"'
                      ' stroke-linejoin="round"/>',
    "resistance_band": '<path d="M14 32 C24 16, 40 48, 50 32" fill="none" stroke="{c}" stroke-width="5" '
                       'stroke-linecap="round"/>',
    "balance": '<circle cx="32" cy="22" r="7" fill="{c}"/><line x1="32" y1="30" x2="32" y2="50" stroke="{c}" '
               'stroke-width="5" stroke-linecap="round"/><line x1="16" y1="36" x2="48" y2="36" stroke="{c}" '
               'stroke-width="5" stroke-linecap="round"/>',
    "posture": '<line x1="32" y1="12" x2="32" y2="52" stroke="{c}" stroke-width="5" stroke-linecap="round"/>'
               '<circle cx="32" cy="12" r="6" fill="{c}"/>',
}


def _kind_symbol(kind: str | None) -> Markup:
    shape = KIND_SYMBOLS.get(kind or "", KIND_SYMBOLS["posture"]).format(c=FAR)
    return Markup(f'<span class="pose-strip pose-custom"><svg viewBox="0 0 64 64" width="56" height="56" '
                  f'aria-hidden="true" focusable="false" class="pose">{shape}</svg></span>')


# --- Joint limits -------------------------------------------------------------------------------------------------

STANDING_BASES = {"stand"}


def problems(slug: str, entry: dict[str, Any]) -> list[str]:
    """What in an entry would look unsafe or impossible; empty when every phase is within the limits. The spine stays
    neutral in every phase of every offered exercise: the catalog holds no loaded spinal flexion or trunk rotation
    (docs/clinical-rules.md, "One safety rule, everywhere": catalog content)."""
    found = []
    if not entry.get("alt") or len(entry["alt"]) < 20:
        found.append(f"{slug}: no text alternative describing the movement")
    if not {"start", "end"} <= set(entry.get("phases", {})):
        found.append(f"{slug}: needs a start and an end")
    for name, phase in entry.get("phases", {}).items():
        where = f"{slug} {name}"
        unknown = set(phase) - JOINTS - {"base", "band", "props", "airborne", "raised"}
        if unknown:
            found.append(f"{where}: unknown keys {sorted(unknown)}")
        if phase.get("base", "stand") not in BASES:
            found.append(f"{where}: unknown base {phase.get('base')}")
            continue
        front = entry.get("view") == "front"
        a = angles_of(phase, front)
        for side in ("n", "f") if front else ():
            if abs(a[f"thigh_{side}"] - a[f"shin_{side}"]) > SLACK + 5:  # seen from the front a knee doesn't bend
                found.append(f"{where}: the {side} knee bends sideways")
            if abs(a[f"fore_{side}"] - a[f"arm_{side}"]) > 170:
                found.append(f"{where}: the {side} elbow folds past 170°")
        for side in ("n", "f") if not front else ():
            knee = a[f"thigh_{side}"] - a[f"shin_{side}"]
            if knee < -SLACK:
                found.append(f"{where}: the {side} knee bends backwards ({knee:.0f}°)")
            if knee > 160:
                found.append(f"{where}: the {side} knee bends past 160° ({knee:.0f}°)")
            elbow = a[f"fore_{side}"] - a[f"arm_{side}"]
            if elbow < -SLACK:
                found.append(f"{where}: the {side} elbow bends backwards ({elbow:.0f}°)")
            if elbow > 160:
                found.append(f"{where}: the {side} elbow bends past 160° ({elbow:.0f}°)")
            hip = a[f"thigh_{side}"] + a["lean"]  # the thigh against the trunk's line: 0 standing straight
            if hip < -40:
                found.append(f"{where}: the {side} hip extends past 40° ({hip:.0f}°)")
            ankle = a[f"foot_{side}"] - a[f"shin_{side}"]
            if not 35 <= ankle <= 115:  # 90 neutral; toes pointed down to 35, pulled up to 115
                found.append(f"{where}: the {side} ankle at {ankle:.0f}° (35–115)")
        spine = a["chest"] - a["lean"]
        if spine > SPINE_NEUTRAL:
            found.append(f"{where}: the spine flexes beyond neutral ({spine:.0f}°)")
        elif spine < -SPINE_NEUTRAL:
            found.append(f"{where}: the spine is not neutral ({spine:.0f}°)")
        if abs(a["head"] - a["chest"]) > 35:
            found.append(f"{where}: the head turns {a['head'] - a['chest']:.0f}° from the chest")
        if phase.get("base", "stand") in STANDING_BASES and not phase.get("airborne"):
            fig = figure(phase, front)
            floor = _lowest(fig)
            feet = min(min(fig.points[f"toe_{s}"][1], fig.points[f"heel_{s}"][1]) for s in ("n", "f"))
            if feet - floor > 0.5:
                found.append(f"{where}: standing, but no foot is on the floor")
    return found
