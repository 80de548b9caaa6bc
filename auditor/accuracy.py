"""What the detectors can do: the precision and recall their evaluation scripts measured.

Each evaluation script in `benchmarks/` can `--publish` its figures into
`detector_accuracy.json`, kept beside this module and committed with the code it
measured; reports show them in a "Detector accuracy" section so a reader weighs a
finding by the detector that made it, and the README quotes the same figures. A
figure is only ever written by the script that measured it, with the dataset and the
command named.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

__all__ = [
    "ACCURACY_FILE",
    "Confusion",
    "DetectorAccuracy",
    "add_publish_options",
    "markdown_row",
    "markdown_table",
    "publish",
    "published_accuracy",
    "write_accuracy",
]

ACCURACY_FILE = "detector_accuracy.json"


@dataclass(frozen=True, slots=True)
class Confusion:
    """Confusion counts of a yes/no detector over labelled cases, with the derived rates.

    The evaluation scripts count with it; rates are 0.0 when undefined.
    """

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    @classmethod
    def of(cls, truths_and_guesses: Iterable[tuple[bool, bool]]) -> Confusion:
        """Count (label, prediction) pairs."""
        pairs = list(truths_and_guesses)
        return cls(tp=sum(truth and guess for truth, guess in pairs),
                   fp=sum(guess and not truth for truth, guess in pairs),
                   fn=sum(truth and not guess for truth, guess in pairs),
                   tn=sum(not truth and not guess for truth, guess in pairs))

    @property
    def n(self) -> int:
        """Cases scored."""
        return self.tp + self.fp + self.fn + self.tn

    @property
    def positives(self) -> int:
        """Cases labelled positive."""
        return self.tp + self.fn

    @property
    def precision(self) -> float:
        """TP / (TP + FP); 0.0 when nothing was predicted positive."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        """TP / (TP + FN); 0.0 when there are no positives."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


@dataclass(frozen=True, slots=True)
class DetectorAccuracy:
    """One detector's measured precision and recall on one dataset.

    `key` identifies the figure (one script may publish several); `checks` are the
    check codes that rely on the detector; `support` is the number of positive
    cases (or gold spans) scored; `dataset` says what was measured on and `command`
    how to measure it again.
    """

    key: str
    detector: str
    checks: tuple[str, ...]
    precision: float | None
    recall: float | None
    support: int
    dataset: str
    command: str

    @classmethod
    def from_json(cls, item: Mapping[str, Any]) -> DetectorAccuracy:
        """Read one entry of the accuracy file."""
        return cls(key=str(item["key"]), detector=str(item["detector"]),
                   checks=tuple(str(code) for code in item.get("checks", ())),
                   precision=_rate(item.get("precision")), recall=_rate(item.get("recall")),
                   support=int(item["support"]), dataset=str(item["dataset"]),
                   command=str(item["command"]))


def _rate(value: object) -> float | None:
    """A rate rounded to three decimals, or None when undefined."""
    return None if value is None else round(float(value), 3)  # type: ignore[arg-type]


@lru_cache(maxsize=1)
def published_accuracy() -> tuple[DetectorAccuracy, ...]:
    """The published figures, in the order of the file; empty when it is missing."""
    source = resources.files("auditor").joinpath(ACCURACY_FILE)
    if not source.is_file():
        return ()
    items = json.loads(source.read_text(encoding="utf-8"))
    return tuple(DetectorAccuracy.from_json(item) for item in items)


def write_accuracy(figures: Sequence[DetectorAccuracy], path: Path | None = None) -> Path:
    """Replace the figures with the same keys in the accuracy file, keep the others.

    New keys are added at the end; the file stays sorted as first published so
    reports list detectors in a stable order.
    """
    target = path if path is not None else Path(__file__).with_name(ACCURACY_FILE)
    existing = (json.loads(target.read_text(encoding="utf-8"))
                if target.is_file() else [])
    replacing = {figure.key: figure for figure in figures}
    merged = [_as_json(replacing.pop(item["key"])) if item["key"] in replacing else item
              for item in existing]
    merged.extend(_as_json(figure) for figure in figures if figure.key in replacing)
    target.write_text(json.dumps(merged, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    published_accuracy.cache_clear()
    return target


def _as_json(figure: DetectorAccuracy) -> dict[str, Any]:
    """One entry of the accuracy file."""
    entry = asdict(figure)
    entry["checks"] = list(figure.checks)
    entry["precision"] = _rate(figure.precision)
    entry["recall"] = _rate(figure.recall)
    return entry


def add_publish_options(parser: argparse.ArgumentParser, measured: str) -> None:
    """An evaluation script's `--publish` (write the `measured` figures) and
    `--accuracy-file` (where to; by default the file reports read)."""
    parser.add_argument("--publish", action="store_true",
                        help=f"write the {measured} figures into the reports' detector "
                             "accuracy file")
    parser.add_argument("--accuracy-file", type=Path,
                        default=Path(__file__).with_name(ACCURACY_FILE),
                        help="the detector accuracy file to write (default: %(default)s)")


def publish(args: argparse.Namespace, figures: Sequence[DetectorAccuracy]) -> None:
    """Write `figures` when the script was given `--publish`, and say where."""
    if args.publish:
        print(f"\npublished: {write_accuracy(figures, args.accuracy_file)}")


def markdown_row(figure: DetectorAccuracy) -> str:
    """The README's table row for one published figure."""
    def rate(value: float | None) -> str:
        return "-" if value is None else f"{value:.3f}"
    return (f"| {figure.detector} | {', '.join(figure.checks)} | {rate(figure.precision)} | "
            f"{rate(figure.recall)} | {figure.support} | {figure.dataset} |")


def markdown_table(figures: Sequence[DetectorAccuracy]) -> str:
    """The README's table of published figures."""
    header = ("| detector | checks | precision | recall | cases | measured on |\n"
              "|---|---|---:|---:|---:|---|")
    return "\n".join([header, *(markdown_row(figure) for figure in figures)])
