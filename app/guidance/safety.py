"""Exercise safety flags and who they apply to (guidance README, "Exercise safety flags").

| flag                               | caution for                                    | source                       |
| loaded or end-range spinal flexion | osteoporosis, or any low-trauma fracture       | ROS 2022; TFTF; NOF          |
| end-range spinal rotation          | osteoporosis, or any low-trauma fracture       | Too Fit To Fracture; NOF     |
| moderate or high impact            | vertebral fracture, or 2+ low-trauma fractures | ROS 2022                     |
| high impact                        | osteoporosis                                   | ROS impact ladder; NOF       |

One more caution is Ossify's own rule, not a guideline's: after she records a fall, moderate- and high-impact
exercises are paused until her physical therapist has reviewed the fall (seen or handled its flag).
"""
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from app.guidance.sources import NOF_MOVING_SAFELY, ROS_2022, TOO_FIT_TO_FRACTURE, Source


class Impact(StrEnum):
    """ROS impact ladder (guidance README): only moderate and high impacts count toward the impact target."""
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


# Fracture counts at which the impact cautions start (guidance README, "Exercise safety flags").
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
    # Ossify's rule (no source): a fall is reviewed by her therapist before impact work goes on.
    Flag.PAUSED_AFTER_FALL: FlagInfo(
        "Paused for review",
        "Your physical therapist reviews a fall before moderate- or high-impact exercise goes on. "
        "This pause is Ossify's rule, not a guideline: if you do it anyway, confirm it when you log it.",
        ()),
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
    vertebral_fracture: bool = False
    fall_under_review: date | None = None  # the newest fall her therapist has not reviewed yet


@dataclass(frozen=True)
class Caution:
    flag: Flag
    reason: str

    @property
    def info(self) -> FlagInfo:
        return FLAG_INFO[self.flag]


def _because(profile: SafetyProfile, *, osteoporosis: bool = False, any_low_trauma: bool = False,
             vertebral: bool = False, two_low_trauma: bool = False) -> str | None:
    reasons = []
    if osteoporosis and profile.osteoporosis:
        reasons.append("your latest DXA result is in the osteoporosis range")
    if vertebral and profile.vertebral_fracture:
        reasons.append("you have had a vertebral (spine) fracture")
    if any_low_trauma and profile.low_trauma_fractures >= LOW_TRAUMA_FRACTURES_FOR_FLEXION_CAUTION:
        reasons.append("you have had a low-trauma fracture")
    if two_low_trauma and profile.low_trauma_fractures >= LOW_TRAUMA_FRACTURES_FOR_IMPACT_CAUTION:
        reasons.append(f"you have had {profile.low_trauma_fractures} low-trauma fractures")
    return " and ".join(reasons) if reasons else None


def cautions_for(risk: ExerciseRisk, profile: SafetyProfile) -> list[Caution]:
    """The flags of this exercise that apply to this member, each with her reason."""
    cautions = []
    for flag in risk.flags():
        if flag in (Flag.SPINAL_FLEXION, Flag.SPINAL_ROTATION):
            reason = _because(profile, osteoporosis=True, any_low_trauma=True)
        elif flag is Flag.MODERATE_OR_HIGH_IMPACT:
            reason = _because(profile, vertebral=True, two_low_trauma=True)
        else:
            reason = _because(profile, osteoporosis=True)
        if reason:
            cautions.append(Caution(flag, f"Because {reason}."))
    if profile.fall_under_review is not None and risk.impact in (Impact.MODERATE, Impact.HIGH):
        cautions.append(Caution(Flag.PAUSED_AFTER_FALL,
                                f"You recorded a fall on {profile.fall_under_review:%-d %B %Y}, and your "
                                "physical therapist has not reviewed it yet."))
    return cautions
