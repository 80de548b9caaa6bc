"""Legal references the built-in checks cite, with the dates they apply from.

Sources and dates follow the project's rulebook; a reference with no date is in
force for every conversation. Jurisdiction codes: `EU`, `US`, `US-CA`, `US-UT`,
`US-ME`, or `*` for any. A reference that binds one sector only (HIPAA: health care)
is listed in `SECTOR_ONLY`; `auditor.jurisdiction.for_sector` drops it elsewhere.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from types import MappingProxyType

from auditor.findings import Reference

EU_AI_ACT = "https://eur-lex.europa.eu/eli/reg/2024/1689/oj"
CA_BOT_ACT = "https://leginfo.legislature.ca.gov/faces/billCompareClient.xhtml?bill_id=201720180SB1001"
UTAH_13_77 = "https://le.utah.gov/~2025/bills/static/SB0226.html"
MAINE_LD_1727 = "https://legislature.maine.gov/legis/bills/display_ps.asp?LD=1727&snum=132"
FTC_LURING_TEST = "https://www.ftc.gov/business-guidance/blog/2023/05/luring-test-ai-engineering-consumer-trust"


def _ref(law: str, provision: str, jurisdiction: str, effective: str | None,
         url: str | None) -> Reference:
    """A Reference from plain values (dates as YYYY-MM-DD)."""
    return Reference(law, provision, jurisdiction,
                     date.fromisoformat(effective) if effective else None, url)


EU_AIA_ART50_1 = _ref("EU AI Act (Reg. 2024/1689)", "Art. 50(1)", "EU", "2026-08-02", EU_AI_ACT)
EU_AIA_ART50_1_5 = _ref("EU AI Act (Reg. 2024/1689)", "Art. 50(1) and 50(5)", "EU",
                        "2026-08-02", EU_AI_ACT)
EU_AIA_ART50_5 = _ref("EU AI Act (Reg. 2024/1689)", "Art. 50(5)", "EU", "2026-08-02", EU_AI_ACT)
CA_BP_17941 = _ref("California Business and Professions Code", "§17941", "US-CA",
                   "2019-07-01", CA_BOT_ACT)
UT_13_77_103 = _ref("Utah Code (SB 226)", "§13-77-103(1)", "US-UT", "2025-05-07", UTAH_13_77)
UT_13_77_104 = _ref("Utah Code (SB 226)", "§13-77-104 (safe harbour)", "US-UT", "2025-05-07",
                    UTAH_13_77)
ME_1500_DD = _ref("Maine Revised Statutes", "10 M.R.S. §1500-DD", "US-ME", "2025-09-24",
                  MAINE_LD_1727)
FTC_ACT_5 = _ref("FTC Act", "§5 (deceptive practices)", "US", None, FTC_LURING_TEST)

PCI_DSS = "https://www.pcisecuritystandards.org/document_library/"
GDPR = "https://eur-lex.europa.eu/eli/reg/2016/679/oj"
HIPAA_164_514 = ("https://www.ecfr.gov/current/title-45/subtitle-A/subchapter-C/part-164/"
                 "subpart-E/section-164.514")
HIPAA_164_SUBPART_D = ("https://www.ecfr.gov/current/title-45/subtitle-A/subchapter-C/part-164/"
                       "subpart-D")
# GDPR Art. 99(2): applies from 25 May 2018. HIPAA Privacy Rule: compliance date
# 14 April 2003 (45 CFR 164.534). Breach Notification Rule (45 CFR 164.400-414):
# interim final rule effective 23 September 2009.
GDPR_APPLIES = "2018-05-25"
HIPAA_PRIVACY_COMPLIANCE = "2003-04-14"
HIPAA_BREACH_EFFECTIVE = "2009-09-23"
NIST_800_63B = "https://pages.nist.gov/800-63-3/sp800-63b.html"

PCI_DSS_3_4_1 = _ref("PCI DSS v4.0.1", "Req. 3.4.1 (PAN masked when displayed)", "*", None,
                     PCI_DSS)
PCI_DSS_3_5_1 = _ref("PCI DSS v4.0.1", "Req. 3.5.1 (PAN unreadable wherever stored)", "*",
                     None, PCI_DSS)
PCI_DSS_3_3_1 = _ref("PCI DSS v4.0.1", "Req. 3.3.1 (no sensitive authentication data after "
                     "authorization)", "*", None, PCI_DSS)
GDPR_ART5_32 = _ref("GDPR (Reg. 2016/679)", "Art. 5(1)(c),(e),(f) and Art. 32", "EU",
                    GDPR_APPLIES, GDPR)
GDPR_ART32 = _ref("GDPR (Reg. 2016/679)", "Art. 32 (security of processing)", "EU",
                  GDPR_APPLIES, GDPR)
GDPR_BREACH = _ref("GDPR (Reg. 2016/679)", "Art. 4(12), 33 and 34 (personal data breach)", "EU",
                   GDPR_APPLIES, GDPR)
GDPR_ART9 = _ref("GDPR (Reg. 2016/679)", "Art. 9(1) (special categories)", "EU",
                 GDPR_APPLIES, GDPR)
HIPAA_SAFE_HARBOR = _ref("HIPAA Privacy Rule", "45 CFR 164.514(b)(2) (identifiers)", "US",
                         HIPAA_PRIVACY_COMPLIANCE, HIPAA_164_514)
HIPAA_BREACH = _ref("HIPAA Breach Notification Rule", "45 CFR 164.400-414", "US",
                    HIPAA_BREACH_EFFECTIVE, HIPAA_164_SUBPART_D)
# HIPAA binds covered entities and their business associates: health care, not a shop.
HEALTH_SECTOR = "health"
SECTOR_ONLY: Mapping[Reference, str] = MappingProxyType({
    HIPAA_SAFE_HARBOR: HEALTH_SECTOR,
    HIPAA_BREACH: HEALTH_SECTOR,
})
NIST_SECRETS = _ref("NIST SP 800-63B", "§5.1.1 (memorized secrets are never disclosed)", "*",
                    None, NIST_800_63B)

CFPB_SPOTLIGHT = ("https://www.consumerfinance.gov/data-research/research-reports/"
                  "chatbots-in-consumer-finance/")
SPAIN_LEY_10_2025 = "https://www.boe.es/eli/es/l/2025/12/26/10"
CCD_2023_2225 = "https://eur-lex.europa.eu/eli/dir/2023/2225/oj"
CA_SB_243 = "https://legiscan.com/CA/text/SB243/"
NY_GBL_ART47 = "https://www.nysenate.gov/legislation/laws/GBS/1702"
REG_E_Z_ERRORS = ("https://www.consumercomplianceoutlook.org/2021/second-issue/"
                  "error-resolution-and-liability-limitations-under-regulations-e-and-z/")
CO_SB26_189_URL = ("https://www.sheppard.com/insights/blogs/"
                   "rocky-mountain-rewrite-colorados-ai-law-gets-an-overhaul")

CFPB_DOOM_LOOPS = _ref("CFPB, Chatbots in consumer finance (2023)",
                       "doom loops and no access to a human; CFPA §1034(c)", "US", None,
                       CFPB_SPOTLIGHT)
CFPA_UDAAP = _ref("Consumer Financial Protection Act", "§1031 and §1036 (UDAAP)", "US", None,
                  CFPB_SPOTLIGHT)
ES_LEY_10_2025_PERSON = _ref("Spain Ley 10/2025 (customer service)",
                             "attention by a person on request; no service by automated "
                             "systems alone", "ES", "2025-12-28", SPAIN_LEY_10_2025)
ES_LEY_10_2025_COMPLAINTS = _ref("Spain Ley 10/2025 (customer service)",
                                 "a tracking key per complaint, reply within 15 business days",
                                 "ES", "2025-12-28", SPAIN_LEY_10_2025)
ES_LEY_10_2025_WAIT = _ref("Spain Ley 10/2025 (customer service)",
                           "calls answered within 3 minutes", "ES", "2025-12-28",
                           SPAIN_LEY_10_2025)
GDPR_ART22 = _ref("GDPR (Reg. 2016/679)",
                  "Art. 22(1) and 22(3), Recital 71 (human intervention, contest, explanation)",
                  "EU", GDPR_APPLIES, GDPR)
CCD_ART18_8 = _ref("Consumer Credit Directive (Dir. 2023/2225)",
                   "Art. 18(8) (human intervention in automated creditworthiness assessment)",
                   "EU", "2026-11-20", CCD_2023_2225)
CO_SB26_189 = _ref("Colorado SB26-189", "explanation and human review after an adverse "
                   "automated decision", "US-CO", "2027-01-01", CO_SB26_189_URL)
CA_SB243_CRISIS = _ref("California Business and Professions Code (SB 243)",
                       "§22602(b) (crisis referral protocol)", "US-CA", "2026-01-01", CA_SB_243)
NY_GBL_1701 = _ref("New York General Business Law", "§1701 (crisis protocol)", "US-NY",
                   "2025-11-05", NY_GBL_ART47)
REG_E_ERRORS = _ref("Regulation E", "12 CFR 1005.11(b)(1) (oral or written notice of error)",
                    "US", None, REG_E_Z_ERRORS)
REG_Z_BILLING = _ref("Regulation Z", "12 CFR 1026.13(b) (written billing-error notice)", "US",
                     None, REG_E_Z_ERRORS)
# The UK Consumer Duty applied to open products from 31 July 2023; FG21/1 was published
# on 23 February 2021. Jurisdiction "GB", the ISO code, as for EU member states.
FCA_PRIN_2A_6_URL = "https://www.handbook.fca.org.uk/handbook/PRIN/2A/6.html"
FCA_FG21_1_URL = ("https://www.fca.org.uk/publications/finalised-guidance/"
                  "guidance-firms-fair-treatment-vulnerable-customers")
FCA_CONSUMER_SUPPORT = _ref("FCA Handbook, Consumer Duty", "PRIN 2A.6 (consumer support "
                            "outcome)", "GB", "2023-07-31", FCA_PRIN_2A_6_URL)
FCA_FG21_1_VULNERABLE = _ref("FCA FG21/1", "fair treatment of customers in vulnerable "
                             "circumstances (emotional cues, human support)", "GB",
                             "2021-02-23", FCA_FG21_1_URL)

UGESP_URL = "https://www.ecfr.gov/current/title-29/subtitle-B/chapter-XIV/part-1607/section-1607.4"
NYC_LL144_URL = "https://www.nyc.gov/site/dca/about/automated-employment-decision-tools.page"
REG_B_URL = "https://www.ecfr.gov/current/title-12/chapter-X/part-1002"

UGESP_FOUR_FIFTHS = _ref("Uniform Guidelines on Employee Selection Procedures",
                         "29 CFR 1607.4(D) (four-fifths rule; used here as a screen)", "*", None,
                         UGESP_URL)
NYC_LL144_METHOD = _ref("NYC Local Law 144", "6 RCNY §5-301 (impact ratios, intersectional "
                        "categories, unknown category; used as the reporting format)", "*",
                        "2023-07-05", NYC_LL144_URL)
REG_B_PROHIBITED_BASIS = _ref("Regulation B (ECOA)", "12 CFR 1002.4(a) (prohibited bases)", "US",
                              None, REG_B_URL)
REG_B_ADVERSE_ACTION = _ref("Regulation B (ECOA)", "12 CFR 1002.9(a)(2), (b)(2) (specific "
                            "reasons for adverse action)", "US", None, REG_B_URL)
REG_B_DISCOURAGEMENT = _ref("Regulation B (ECOA)", "12 CFR 1002.4(b) (discouraging statements)",
                            "US", None, REG_B_URL)
