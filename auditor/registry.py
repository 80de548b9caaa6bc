"""Finding checks through the `auditor.checks` entry-point group and choosing among them.

Built-in checks are registered through the same group as third-party ones, so a
plugin package needs only an entry point. An entry point's name is a code prefix
(`DISC`); its value is a module (every `Check` subclass defined there whose code
starts with the prefix is collected) or a single `Check` class.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib.metadata import EntryPoint, entry_points
from types import ModuleType

from auditor.check import Check
from auditor.errors import UsageError

ENTRY_POINT_GROUP = "auditor.checks"
CODE_PATTERN = re.compile(r"^[A-Z]{2,6}[0-9]{3}$")
_BUILT_IN_DISTRIBUTION = "support-auditor"


@dataclass(frozen=True, slots=True)
class RegisteredCheck:
    """A check class and where it came from."""

    check_class: type[Check]
    origin: str

    @property
    def code(self) -> str:
        """The check's code, e.g. DISC001."""
        return self.check_class.code

    @property
    def built_in(self) -> bool:
        """True for checks shipped with this package."""
        return self.origin.startswith(_BUILT_IN_DISTRIBUTION)


@dataclass(frozen=True, slots=True)
class LoadFailure:
    """A plugin whose entry point could not be loaded."""

    entry_point: str
    message: str


class Registry:
    """The checks available to an audit, in code order."""

    def __init__(
        self, checks: Iterable[RegisteredCheck], failures: Sequence[LoadFailure] = ()
    ) -> None:
        by_code: dict[str, RegisteredCheck] = {}
        for registered in checks:
            _validate(registered.check_class)
            if registered.code in by_code:
                raise UsageError(f"check code {registered.code} is registered twice "
                                 f"({by_code[registered.code].origin}, {registered.origin})")
            by_code[registered.code] = registered
        self._checks = tuple(by_code[code] for code in sorted(by_code))
        self.failures = tuple(failures)

    @classmethod
    def of(cls, *check_classes: type[Check], origin: str = "test") -> Registry:
        """A registry of the given classes, without entry points."""
        return cls(RegisteredCheck(check, origin) for check in check_classes)

    @classmethod
    def from_entry_points(cls, group: str = ENTRY_POINT_GROUP) -> Registry:
        """Every check registered by installed packages (this one included)."""
        found: list[RegisteredCheck] = []
        failures: list[LoadFailure] = []
        for entry_point in sorted(entry_points(group=group), key=lambda ep: ep.name):
            try:
                found.extend(_load(entry_point))
            except Exception as error:  # a broken plugin must not stop the audit
                failures.append(LoadFailure(f"{entry_point.name} = {entry_point.value}",
                                            f"{type(error).__name__}: {error}"))
        return cls(found, failures)

    def all(self) -> tuple[RegisteredCheck, ...]:
        """Every registered check, by code."""
        return self._checks

    def get(self, code_or_name: str) -> RegisteredCheck:
        """One check by code or name, or a UsageError listing near matches."""
        wanted = code_or_name.strip()
        for registered in self._checks:
            if wanted.upper() == registered.code or wanted == registered.check_class.name:
                return registered
        codes = ", ".join(r.code for r in self._checks)
        raise UsageError(f"no check {wanted!r}; known checks: {codes}")

    def select(
        self, select: Sequence[str] = (), ignore: Sequence[str] = ()
    ) -> tuple[RegisteredCheck, ...]:
        """Checks matching any `select` token (all when empty) and no `ignore` token.

        A token is a code, a code prefix (`DISC`, `DISC00`) or a check name.
        """
        self._require_known((*select, *ignore), where="--select/--ignore")
        chosen = [r for r in self._checks if not select or any(_matches(t, r) for t in select)]
        return tuple(r for r in chosen if not any(_matches(t, r) for t in ignore))


    def codes_matching(self, tokens: Sequence[str], *, where: str) -> frozenset[str]:
        """The codes of the checks any token names; a token naming none is an error."""
        self._require_known(tokens, where=where)
        return frozenset(r.code for r in self._checks if any(_matches(t, r) for t in tokens))

    def _require_known(self, tokens: Sequence[str], *, where: str) -> None:
        """A UsageError for the first token that names no check."""
        for token in tokens:
            if not any(_matches(token, r) for r in self._checks):
                families = sorted({re.sub(r"\d+$", "", r.code) for r in self._checks})
                raise UsageError(f"{where} {token!r} matches no check; use a code, "
                                 f"a prefix ({', '.join(families)}) or a name from "
                                 "'auditor checks'")


def _matches(token: str, registered: RegisteredCheck) -> bool:
    """Whether a select/ignore token names this check."""
    token = token.strip()
    return registered.code.startswith(token.upper()) or token == registered.check_class.name


def _load(entry_point: EntryPoint) -> list[RegisteredCheck]:
    """The checks behind one entry point."""
    target = entry_point.load()
    dist = entry_point.dist
    origin = f"{dist.name} {dist.version}" if dist else entry_point.value
    if inspect.isclass(target) and issubclass(target, Check):
        classes = [target]
    elif isinstance(target, ModuleType):
        classes = [obj for _, obj in inspect.getmembers(target, inspect.isclass)
                   if issubclass(obj, Check) and not inspect.isabstract(obj)
                   and _defined_in(obj, target)]
    else:
        raise TypeError(f"{entry_point.value} is neither a module nor a Check subclass")
    prefix = entry_point.name.upper()
    stray = [cls.__name__ for cls in classes if not cls.code.startswith(prefix)]
    if stray:
        raise ValueError(f"checks {', '.join(stray)} do not start with the entry-point "
                         f"prefix {prefix}")
    return [RegisteredCheck(cls, origin) for cls in classes]


def _defined_in(cls: type, module: ModuleType) -> bool:
    """True for classes defined in `module` or a submodule (not merely imported)."""
    return cls.__module__ == module.__name__ or cls.__module__.startswith(module.__name__ + ".")


def _validate(check_class: type[Check]) -> None:
    """Reject a check whose identity is incomplete."""
    for attribute in ("code", "name", "title", "severity", "remediation"):
        if not getattr(check_class, attribute, None):
            raise UsageError(f"check {check_class.__name__} has no {attribute}")
    if not CODE_PATTERN.match(check_class.code):
        raise UsageError(f"check {check_class.__name__}: code {check_class.code!r} must look "
                         "like ABC123 (2-6 capitals, 3 digits)")
