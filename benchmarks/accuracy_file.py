"""The evaluation scripts' `--publish` option: their figures into the reports' accuracy file.

`add_publish_options` adds `--publish` and `--accuracy-file` to a script's parser;
`publish` writes the figures when asked. The default file is the one reports read
(`auditor/detector_accuracy.json`); tests publish into a temporary file and compare.
Run as a script, it prints the published figures as the README's table.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from auditor.accuracy import ACCURACY_FILE, DetectorAccuracy, published_accuracy, write_accuracy

DEFAULT_ACCURACY_FILE = Path(__file__).resolve().parents[1] / "auditor" / ACCURACY_FILE


def add_publish_options(parser: argparse.ArgumentParser, measured: str) -> None:
    """`--publish` (write the `measured` figures) and `--accuracy-file` (where to)."""
    parser.add_argument("--publish", action="store_true",
                        help=f"write the {measured} figures into the reports' detector "
                             "accuracy file")
    parser.add_argument("--accuracy-file", type=Path, default=DEFAULT_ACCURACY_FILE,
                        help="the detector accuracy file to write (default: %(default)s)")


def publish(args: argparse.Namespace, figures: Sequence[DetectorAccuracy]) -> None:
    """Write `figures` when `--publish` was given, and say where."""
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


if __name__ == "__main__":
    print(markdown_table(published_accuracy()))
    sys.exit(0)
