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
ROS_2022 = Source(
    "ROS 2022",
    "Brooke-Wavell K, Skelton DA, Barker KL, et al. Strong, steady and straight: UK consensus statement on "
    "physical activity and exercise for osteoporosis. Br J Sports Med. 2022;56(15):837-846. "
    "doi:10.1136/bjsports-2021-104634.",
)
TOO_FIT_TO_FRACTURE = Source(
    "Too Fit To Fracture",
    "Giangregorio LM, Papaioannou A, MacIntyre NJ, et al. Too Fit To Fracture: exercise recommendations for "
    "individuals with osteoporosis or osteoporotic vertebral fracture. Osteoporos Int. 2014;25(3):821-835; "
    "and Osteoporos Int. 2015;26(3):891-910.",
)
NOF_MOVING_SAFELY = Source(
    "NOF \"moving safely\"",
    "National Osteoporosis Foundation (now BHOF). Patient guidance on moving safely with osteoporosis.",
)
PAG_2018 = Source(
    "PAG 2018",
    "US Department of Health and Human Services. Physical Activity Guidelines for Americans, 2nd edition. 2018; "
    "Piercy KL et al. JAMA. 2018;320(19):2020-2028.",
)
THERABAND = Source(
    "TheraBand",
    "TheraBand Academy FAQ and Performance Health support articles (colour sequence of TheraBand resistance "
    "bands, light to heavy).",
)
NIH_ODS_CALCIUM = Source(
    "NIH ODS calcium fact sheet",
    "NIH Office of Dietary Supplements. Calcium - Fact Sheet for Health Professionals. "
    "https://ods.od.nih.gov/factsheets/Calcium-HealthProfessional/",
)
PROT_AGE_2013 = Source(
    "PROT-AGE 2013",
    "Bauer J, Biolo G, Cederholm T, et al. Evidence-based recommendations for optimal dietary protein intake in "
    "older people: a position paper from the PROT-AGE Study Group. J Am Med Dir Assoc. 2013;14(8):542-559.",
)
ESCEO_2014 = Source(
    "ESCEO 2014",
    "Rizzoli R, Stevenson JC, Bauer JM, et al. The role of dietary protein and vitamin D in maintaining "
    "musculoskeletal health in postmenopausal women: a consensus statement from ESCEO. Maturitas. "
    "2014;79(1):122-132.",
)
FDA_DAILY_VALUES = Source(
    "FDA 21 CFR 101.9",
    "US Food and Drug Administration. Food labeling: Revision of the Nutrition and Supplement Facts labels, "
    "21 CFR 101.9 (2016 rule): Daily Values for the Nutrition Facts label.",
)
USDA_SR28 = Source(
    "USDA SR28",
    "US Department of Agriculture, Agricultural Research Service. National Nutrient Database for Standard "
    "Reference, Release 28 (SR Legacy in FoodData Central).",
)
IOM_2005_MACRONUTRIENTS = Source(
    "IOM 2005",
    "Institute of Medicine. Dietary Reference Intakes for Energy, Carbohydrate, Fiber, Fat, Fatty Acids, "
    "Cholesterol, Protein, and Amino Acids. National Academies Press; 2002/2005. doi:10.17226/10490.",
)

USPSTF_2025 = Source(
    "USPSTF 2018, reaffirmed 2025",
    "US Preventive Services Task Force. Screening for osteoporosis to prevent fractures. JAMA. "
    "2018;319(24):2521-2531; updated final recommendation, JAMA, published 14 Jan 2025.",
)
FRAX = Source(
    "FRAX",
    "FRAX Fracture Risk Assessment Tool, University of Sheffield (https://frax.shef.ac.uk/FRAX/); Kanis JA et al. "
    "Osteoporos Int. 2008;19:385-397; Pasco JA et al. Nutrients. 2021;13(9):2955.",
)
DGA_2020 = Source(
    "Dietary Guidelines for Americans 2020-2025",
    "US Department of Agriculture and US Department of Health and Human Services. Dietary Guidelines for "
    "Americans, 2020-2025 (alcohol: women 1 drink or less a day, if they drink).",
)
LIFTMOR_2018 = Source(
    "LIFTMOR 2018",
    "Watson SL, Weeks BK, Weis LJ, et al. High-intensity resistance and impact training improves bone mineral "
    "density and physical function in postmenopausal women with osteopenia and osteoporosis: the LIFTMOR "
    "randomized controlled trial. J Bone Miner Res. 2018;33(2):211-220. doi:10.1002/jbmr.3284.",
)
NIH_ODS_VITAMIN_D = Source(
    "NIH ODS vitamin D fact sheet",
    "NIH Office of Dietary Supplements. Vitamin D - Fact Sheet for Health Professionals. "
    "https://ods.od.nih.gov/factsheets/VitaminD-HealthProfessional/",
)
BHOF_PATIENT = Source(
    "BHOF",
    "National Osteoporosis Foundation (now Bone Health & Osteoporosis Foundation). Statement on the IOM "
    "calcium and vitamin D DRIs, 30 Nov 2010 (nof.org/news/79), and patient pages on calcium, vitamin D and "
    "exercise (bonehealthandosteoporosis.org).",
)
IOF_2010_VITAMIN_D = Source(
    "IOF 2010",
    "Dawson-Hughes B, Mithal A, Bonjour JP, et al. IOF position statement: vitamin D recommendations for older "
    "adults. Osteoporos Int. 2010;21:1151-1154.",
)
CDC_STEADI = Source(
    "CDC STEADI",
    "Centers for Disease Control and Prevention. STEADI (Stopping Elderly Accidents, Deaths & Injuries): the "
    "30-Second Chair Stand, Timed Up & Go and 4-Stage Balance Test forms, and the Stay Independent brochure "
    "(Rubenstein LZ et al., J Safety Res. 2011;42(6):493-499). Timed Up and Go alone: Barry E et al., "
    "BMC Geriatr. 2014;14:14.",
)
RIKLI_JONES_1999 = Source(
    "Rikli & Jones 1999 (CDC STEADI)",
    "Rikli RE, Jones CJ. Functional fitness normative scores for community-residing older adults, ages 60-94. "
    "J Aging Phys Act. 1999;7:162-181; the below-average chair-stand scores as printed on the CDC STEADI "
    "30-Second Chair Stand form.",
)

SOURCES = {name: value for name, value in list(globals().items()) if isinstance(value, Source)}
