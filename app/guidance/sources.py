"""Citations shown beside the rules that use them ("Why this?")."""
from dataclasses import dataclass


@dataclass(frozen=True)
class Source:
    short: str
    full: str


WHO_1994 = Source(
    "WHO 1994",
    "WHO Study Group. Assessment of fracture risk and its application to screening for "
    "postmenopausal osteoporosis. WHO Technical Report Series 843. Geneva: WHO; 1994.",
)
NAM_2011 = Source(
    "NAM 2011",
    "Institute of Medicine. Dietary Reference Intakes for Calcium and Vitamin D. "
    "Washington DC: National Academies Press; 2011. doi:10.17226/13050.",
)
LEBOFF_2022 = Source(
    "BHOF Clinician's Guide 2022",
    "LeBoff MS, Greenspan SL, Insogna KL, et al. The clinician's guide to prevention and "
    "treatment of osteoporosis. Osteoporos Int. 2022;33:2049-2102.",
)
