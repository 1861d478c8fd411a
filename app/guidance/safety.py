"""One rule decides what is safe for her on a day: the exercise safety flags, who they apply to, and the pause
after a fall (docs/clinical-rules.md, "Exercise safety flags" and "One safety rule,
everywhere"). Every surface that suggests, prescribes, shows or logs an exercise asks `cautions_for`.

- loaded or end-range spinal flexion, and end-range spinal rotation: a caution with osteoporosis, any low-trauma
  fracture or any vertebral fracture whatever its trauma (ROS 2022; Too Fit To Fracture; NOF "moving safely");
- moderate or high impact: with a vertebral fracture, 2+ low-trauma fractures, or a fall she marked "a bone broke"
  and hasn't recorded as a fracture yet (a low-trauma fracture of unknown site): impact no more than brisk walking
  (ROS 2022);
- high impact: with osteoporosis (ROS impact ladder; NOF);
- paused after a fall: moderate and high impact for every member, with or without a therapist, until the fall is
  reviewed: by her therapist, or with none, by her own "a clinician has checked me" (product rule from ROS 2022
  "Steady": people at risk of falls start with targeted strength and balance training).

A caution means: never suggested or offered as a next step, marked wherever it is shown, and logging or
prescribing it asks to confirm.
"""
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from app.guidance.sources import NOF_MOVING_SAFELY, ROS_2022, TOO_FIT_TO_FRACTURE, Source


class Impact(StrEnum):
    """ROS impact ladder (docs/clinical-rules.md, "Weekly exercise"): only moderate and high impacts count toward the
    impact target."""
    NONE = "none"
    LOW = "low"
    MODERATE = "moderate"
    HIGH = "high"


IMPACT_LABELS = {Impact.NONE: "No impact", Impact.LOW: "Low impact", Impact.MODERATE: "Moderate impact",
                 Impact.HIGH: "High impact"}


class Flag(StrEnum):
    SPINAL_FLEXION = "spinal_flexion"
    SPINAL_ROTATION = "spinal_rotation"
    MODERATE_OR_HIGH_IMPACT = "moderate_or_high_impact"
    HIGH_IMPACT = "high_impact"
    PAUSED_AFTER_FALL = "paused_after_fall"


# Fracture counts at which the impact cautions start (docs/clinical-rules.md, "Exercise safety flags").
LOW_TRAUMA_FRACTURES_FOR_FLEXION_CAUTION = 1
LOW_TRAUMA_FRACTURES_FOR_IMPACT_CAUTION = 2


@dataclass(frozen=True)
class FlagInfo:
    label: str
    advice: str
    sources: tuple[Source, ...]


FLAG_INFO = {
    Flag.SPINAL_FLEXION: FlagInfo(
        "Loaded or end-range spinal flexion",
        "Avoid bending forward from the spine, especially with a load. Bend at the hips and knees instead "
        "(a hip hinge) and keep your back straight.",
        (ROS_2022, TOO_FIT_TO_FRACTURE, NOF_MOVING_SAFELY)),
    Flag.SPINAL_ROTATION: FlagInfo(
        "End-range spinal rotation",
        "Avoid twisting the spine as far as it goes, especially while bending. Turn with small steps instead.",
        (TOO_FIT_TO_FRACTURE, NOF_MOVING_SAFELY)),
    Flag.MODERATE_OR_HIGH_IMPACT: FlagInfo(
        "Moderate or high impact",
        "Keep impact no greater than brisk walking.",
        (ROS_2022,)),
    Flag.HIGH_IMPACT: FlagInfo(
        "High impact",
        "Avoid high-impact moves such as star jumps, tuck jumps and high jumps; moderate impact can still suit you.",
        (ROS_2022, NOF_MOVING_SAFELY)),
    # Ossify's product rule from ROS 2022 "Steady" (people at risk of falls start with targeted strength and
    # balance training): after a fall, impact waits until the fall is reviewed.
    Flag.PAUSED_AFTER_FALL: FlagInfo(
        "Paused after a fall",
        "After a fall, moderate- and high-impact exercise waits until the fall has been reviewed: by your physical "
        "therapist or, if you have none, when you confirm that a clinician has checked you. Strength and balance "
        "work come first.",
        (ROS_2022,)),
}


@dataclass(frozen=True)
class ExerciseRisk:
    """What an exercise asks of the spine and how hard it lands."""
    impact: Impact
    spinal_flexion: bool = False
    spinal_rotation: bool = False

    def flags(self) -> list[Flag]:
        flags = []
        if self.spinal_flexion:
            flags.append(Flag.SPINAL_FLEXION)
        if self.spinal_rotation:
            flags.append(Flag.SPINAL_ROTATION)
        if self.impact in (Impact.MODERATE, Impact.HIGH):
            flags.append(Flag.MODERATE_OR_HIGH_IMPACT)
        if self.impact is Impact.HIGH:
            flags.append(Flag.HIGH_IMPACT)
        return flags


@dataclass(frozen=True)
class SafetyProfile:
    """What the member's record says, as the flag table needs it."""
    osteoporosis: bool = False
    low_trauma_fractures: int = 0
    vertebral_fracture: bool = False  # whatever the trauma
    fall_under_review: date | None = None  # the newest fall not reviewed yet (by her therapist, or her clinician)
    has_therapist: bool = False  # who reviews that fall: her therapist, or (with none) she confirms a clinician did
    fall_fracture_unrecorded: bool = False  # a fall she marked "a bone broke", no fracture recorded since

    @property
    def paused(self) -> bool:
        """Moderate and high impact wait for a review of her fall."""
        return self.fall_under_review is not None


@dataclass(frozen=True)
class Caution:
    flag: Flag
    reason: str            # to her: "Because you have had a vertebral (spine) fracture."
    her_reason: str = ""   # to her therapist: "Because she has had a vertebral (spine) fracture."

    @property
    def info(self) -> FlagInfo:
        return FLAG_INFO[self.flag]


# Each reason, to her and to her therapist.
_REASONS = {
    "osteoporosis": ("your latest DXA result is in the osteoporosis range",
                     "her latest DXA result is in the osteoporosis range"),
    "vertebral": ("you have had a vertebral (spine) fracture", "she has had a vertebral (spine) fracture"),
    "low_trauma": ("you have had a low-trauma fracture", "she has had a low-trauma fracture"),
    "two_low_trauma": ("you have had {n} low-trauma fractures", "she has had {n} low-trauma fractures"),
    "fall_fracture": ("a fall broke a bone and the fracture isn't recorded yet",
                      "a fall broke a bone and the fracture isn't recorded yet"),
}


def _because(profile: SafetyProfile, *, osteoporosis: bool = False, any_low_trauma: bool = False,
             vertebral: bool = False, two_low_trauma: bool = False,
             fall_fracture: bool = False) -> tuple[str, str] | None:
    keys = []
    if osteoporosis and profile.osteoporosis:
        keys.append("osteoporosis")
    if vertebral and profile.vertebral_fracture:
        keys.append("vertebral")
    if any_low_trauma and profile.low_trauma_fractures >= LOW_TRAUMA_FRACTURES_FOR_FLEXION_CAUTION:
        keys.append("low_trauma")
    if two_low_trauma and profile.low_trauma_fractures >= LOW_TRAUMA_FRACTURES_FOR_IMPACT_CAUTION:
        keys.append("two_low_trauma")
    if fall_fracture and profile.fall_fracture_unrecorded:
        keys.append("fall_fracture")
    if not keys:
        return None
    n = profile.low_trauma_fractures
    return (" and ".join(_REASONS[k][0].format(n=n) for k in keys),
            " and ".join(_REASONS[k][1].format(n=n) for k in keys))


def cautions_for(risk: ExerciseRisk, profile: SafetyProfile) -> list[Caution]:
    """The flags of this exercise that apply to this member on this day, each with her reason."""
    cautions = []
    for flag in risk.flags():
        if flag in (Flag.SPINAL_FLEXION, Flag.SPINAL_ROTATION):
            reason = _because(profile, osteoporosis=True, any_low_trauma=True, vertebral=True)
        elif flag is Flag.MODERATE_OR_HIGH_IMPACT:
            reason = _because(profile, vertebral=True, two_low_trauma=True, fall_fracture=True)
        else:
            reason = _because(profile, osteoporosis=True)
        if reason:
            cautions.append(Caution(flag, f"Because {reason[0]}.", f"Because {reason[1]}."))
    if profile.fall_under_review is not None and risk.impact in (Impact.MODERATE, Impact.HIGH):
        day = f"{profile.fall_under_review:%-d %B %Y}"
        if profile.has_therapist:
            cautions.append(Caution(Flag.PAUSED_AFTER_FALL,
                                    f"You recorded a fall on {day}, and your physical therapist has not reviewed "
                                    "it yet.",
                                    f"She recorded a fall on {day}: it goes on once you review the fall (mark its "
                                    "flag seen or handled)."))
        else:
            cautions.append(Caution(Flag.PAUSED_AFTER_FALL,
                                    f"You recorded a fall on {day}. Once a clinician has checked you, say so on "
                                    "your bone-health page and it goes on.",
                                    f"She recorded a fall on {day} and hasn't confirmed that a clinician has "
                                    "checked her."))
    return cautions


def is_paused(cautions: list[Caution]) -> bool:
    return any(c.flag is Flag.PAUSED_AFTER_FALL for c in cautions)


def caution_words(exercise_name: str, cautions: list[Caution]) -> list[str]:
    """Each caution of one exercise, as her therapist reads it where she prescribes."""
    return [f"{exercise_name}: {c.info.label.lower()}. {c.her_reason}" for c in cautions]
