"""FAIR004: a prohibited basis, or a declared proxy for one, among a decision's inputs."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from auditor.check import Check, CheckOutcome, Options
from auditor.findings import Finding, Severity
from auditor.legal import REG_B_PROHIBITED_BASIS
from auditor.model import AuditInput
from auditor.plain_words import PlainWords

from .base import text_list

INPUT_OPTIONS: Mapping[str, Any] = MappingProxyType({
    "model-inputs": MappingProxyType({}),
    "prohibited-attributes": ("race", "color", "colour", "religion", "national_origin",
                              "nationality", "sex", "gender", "marital_status", "age",
                              "public_assistance", "receives_benefits"),
    "proxy-attributes": ("language", "region", "zip", "zip_code", "postcode", "surname",
                         "first_name", "country_of_birth"),
    "age-scoring-exception": False,
})


def _normalised(name: str) -> str:
    return name.strip().casefold().replace("-", "_").replace(" ", "_")


# Input names that carry a prohibited basis under another name.
_ALIASES = {"dob": "age", "date_of_birth": "age", "birth_date": "age", "birth_year": "age",
            "birthdate": "age", "ethnicity": "race", "ethnic_origin": "race",
            "religious_affiliation": "religion", "country_of_origin": "national_origin"}


def _matches(name: str, names: set[str]) -> bool:
    """The input is one of `names`, an alias of one, or built on one ("age_band")."""
    normal = _normalised(name)
    normal = _ALIASES.get(normal, normal)
    if normal in names:
        return True
    parts = normal.split("_")
    spans = ("_".join(parts[i:j]) for i in range(len(parts))
             for j in range(i + 1, len(parts) + 1))
    return any(span in names for span in spans)


class ProhibitedInputCheck(Check):
    """What it checks
        The inputs each decision type's model or rules use, as declared in the policy
        (`model-inputs = {credit = ["income", "age", "zip"]}`), against the prohibited
        bases of Regulation B (race, colour, religion, national origin, sex, marital
        status, age, public assistance) and declared proxies (language, region, zip...).

    Why it matters
        Regulation B 1002.4(a) forbids discriminating on a prohibited basis, including
        through a proxy chosen with intent; age may be used only in an empirically
        sound scoring system (1002.6(b)(2)), never against the elderly. The EU Consumer
        Credit Directive Art. 6 bars discrimination by nationality or residence.

    Fails when
        A prohibited attribute is an input: `high` (age is allowed when
        `age-scoring-exception` is true). A proxy is an input: `medium`.

    Passes when
        No declared input is prohibited or a proxy. Without `model-inputs` the check
        has nothing to judge and does not apply.

    Options
        `model-inputs` (decision type = list of input names), `prohibited-attributes`,
        `proxy-attributes`, `age-scoring-exception` (false).

    References
        Regulation B 12 CFR 1002.4(a), 1002.6(b)(2).
    """

    code = "FAIR004"
    reads_decision_log_only = True  # the decision log alone
    plain = PlainWords(
        action="Stop using protected details in decisions",
        problem=("a decision used details such as age or postcode that can lead to unfair "
                 "treatment"),
        fix="Remove these details from the decision, or show why each one is needed.")
    name = "prohibited-input"
    title = "A prohibited basis or a proxy is an input to a decision"
    severity = Severity.HIGH
    remediation = ("Remove prohibited attributes from the decision's inputs; for a proxy, "
                   "show that it is needed and does not stand in for a protected basis, or "
                   "remove it.")
    references = (REG_B_PROHIBITED_BASIS,)
    default_options = INPUT_OPTIONS

    def run(self, audit: AuditInput, *, options: Options) -> CheckOutcome:
        """Judge the declared inputs of every decision type."""
        inputs = options["model-inputs"]
        if not isinstance(inputs, Mapping):
            raise ValueError("model-inputs must be a table of decision type = list of inputs")
        prohibited = {_normalised(n) for n in text_list(options, "prohibited-attributes")}
        proxies = {_normalised(n) for n in text_list(options, "proxy-attributes")}
        if options["age-scoring-exception"] is True:
            prohibited.discard("age")
        findings: list[Finding] = []
        for decision_type, names in sorted(inputs.items()):
            if isinstance(names, str) or not all(isinstance(n, str) for n in names):
                raise ValueError(f"model-inputs.{decision_type} must be a list of input names")
            for name in names:
                kind = ("prohibited" if _matches(name, prohibited)
                        else "proxy" if _matches(name, proxies) else None)
                if kind is not None:
                    findings.append(self._finding(str(decision_type), name, kind))
        flagged = len({f.data["decision_type"] for f in findings})
        return CheckOutcome(len(inputs), tuple(findings), flagged=flagged)

    def _finding(self, decision_type: str, name: str, kind: str) -> Finding:
        what = ("a prohibited basis" if kind == "prohibited"
                else "a possible proxy for a prohibited basis")
        return self.finding(
            None, f"{decision_type}: the input {name} is {what}.",
            severity=self.severity if kind == "prohibited" else Severity.MEDIUM,
            anchor=f"input|{decision_type}|{name}",
            data={"decision_type": decision_type, "input": name, "kind": kind},
        )
