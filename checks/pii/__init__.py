"""The PII pack: card data, identifiers, over-disclosure, cross-customer leaks, secrets.

Detection runs on presidio-analyzer (with a spaCy English pipeline for names when
one is installed) through `auditor.pii`; every check of the pack shares one engine
and its cache, so each distinct text is analysed once per run.
"""

from auditor.checks.pii.cards import (
    CardNumberDisplayedCheck,
    CardNumberStoredCheck,
    SensitiveAuthenticationDataCheck,
)
from auditor.checks.pii.cross_customer import CrossCustomerLeakCheck
from auditor.checks.pii.identifiers import IdentifiersUnredactedCheck, OwnDataOverDisclosedCheck
from auditor.checks.pii.sensitive import CredentialsCheck, SpecialCategorySolicitedCheck

__all__ = [
    "CardNumberDisplayedCheck",
    "CardNumberStoredCheck",
    "CredentialsCheck",
    "CrossCustomerLeakCheck",
    "IdentifiersUnredactedCheck",
    "OwnDataOverDisclosedCheck",
    "SensitiveAuthenticationDataCheck",
    "SpecialCategorySolicitedCheck",
]
