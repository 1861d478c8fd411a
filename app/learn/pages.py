"""The Learn pages: written for Ossify in plain language, each citing its sources from the guidance folder.

A page's words live in templates/learn/pages/<slug>.html; this list gives each its title, a one-line summary
for the index and the sources it cites, so the citation list is rendered from the same Source objects the
targets use.
"""
from dataclasses import dataclass

from app.guidance.sources import (
    BHOF_PATIENT,
    DGA_2020,
    ESCEO_2014,
    FRAX,
    IOM_2005_MACRONUTRIENTS,
    LEBOFF_2022,
    LIFTMOR_2018,
    NAM_2011,
    NIH_ODS_CALCIUM,
    NIH_ODS_VITAMIN_D,
    NOF_MOVING_SAFELY,
    PAG_2018,
    PROT_AGE_2013,
    ROS_2022,
    TOO_FIT_TO_FRACTURE,
    USDA_SR28,
    USPSTF_2025,
    WHO_1994,
    Source,
)


@dataclass(frozen=True)
class LearnPage:
    slug: str
    title: str
    summary: str
    sources: tuple[Source, ...]

    @property
    def template(self) -> str:
        return f"learn/pages/{self.slug}.html"


PAGES = (
    LearnPage("how-bone-renews", "How bone renews itself",
              "Bone is alive. It is broken down and built up all through life.", (LEBOFF_2022, WHO_1994)),
    LearnPage("t-scores", "What a T-score means",
              "How to read the number on your DXA report, and what osteopenia and osteoporosis mean.",
              (WHO_1994, LEBOFF_2022)),
    LearnPage("exercise", "Why impact and strength exercise",
              "The two kinds of exercise that help bone, and how much to aim for.",
              (ROS_2022, PAG_2018, LIFTMOR_2018, TOO_FIT_TO_FRACTURE, BHOF_PATIENT)),
    LearnPage("moving-safely", "Moving safely with osteoporosis",
              "Which movements to change, and how to bend, lift and twist with less strain on your spine.",
              (ROS_2022, TOO_FIT_TO_FRACTURE, NOF_MOVING_SAFELY, BHOF_PATIENT)),
    LearnPage("calcium-and-vitamin-d", "Calcium and vitamin D from food",
              "How much you need, the foods with the most, and when a supplement helps.",
              (NAM_2011, NIH_ODS_CALCIUM, NIH_ODS_VITAMIN_D, BHOF_PATIENT, PROT_AGE_2013, ESCEO_2014,
               IOM_2005_MACRONUTRIENTS, USDA_SR28)),
    LearnPage("medicines", "Bone medicines in two groups",
              "Medicines that slow bone loss, and medicines that build new bone.", (LEBOFF_2022,)),
    LearnPage("risk-factors", "Risk factors and bone density tests",
              "What raises the chance of weak bones, which of these you can change, and when to get a DXA scan.",
              (FRAX, LEBOFF_2022, USPSTF_2025, DGA_2020)),
    LearnPage("talk-to-your-doctor", "When to talk to your doctor",
              "Signs and questions worth a call or a visit.",
              (LEBOFF_2022, USPSTF_2025, ROS_2022, TOO_FIT_TO_FRACTURE, NAM_2011)),
)
PAGES_BY_SLUG = {page.slug: page for page in PAGES}
