"""Scale of the FAIR pack: a million decisions, three segments and their pairwise intersections.

Generates a seeded synthetic decision log (refund, discount and credit decisions with
a ground-truth label; segments language, region and age band, with a built-in gap),
then times:

* the FAIR pack as an audit runs it (FAIR001 and FAIR002 through `run_audit`'s check
  code, on decisions already loaded): columns, fairlearn rates for every decision
  type × attribute and pair, Wilson intervals, Fisher tests, verdicts;
* the naive baseline: fairlearn's `MetricFrame` on the raw rows with bootstrap
  confidence intervals (`n_boot=100`) for one attribute, on the first
  `--baseline-rows` rows (the whole log with `--baseline-rows 0`, which takes
  minutes);

and checks that the pack's point estimates equal fairlearn's on the raw rows. Prints
seconds and peak memory. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from collections.abc import Sequence
from types import MappingProxyType

import numpy as np
import pandas as pd
from auditor.checks.fairness import EqualizedOddsCheck, FourFifthsCheck
from fairlearn.metrics import MetricFrame, selection_rate

from auditor.model import AuditInput, Decision

LANGUAGES = ("en", "es", "fr", "de", "it")
REGIONS = ("EU", "US", "UK", "CA", "AU", "unknown")
AGE_BANDS = ("18-29", "30-44", "45-59", "60-74", "75+")
TYPES = ("refund", "discount", "credit")


def synthetic_log(rows: int, seed: int) -> pd.DataFrame:
    """Decisions as columns; Spanish speakers and the oldest band get fewer approvals."""
    rng = np.random.default_rng(seed)
    frame = pd.DataFrame({
        "decision_type": rng.choice(TYPES, rows, p=[0.5, 0.3, 0.2]),
        "language": rng.choice(LANGUAGES, rows, p=[0.55, 0.2, 0.1, 0.1, 0.05]),
        "region": rng.choice(REGIONS, rows, p=[0.3, 0.3, 0.15, 0.1, 0.1, 0.05]),
        "age_band": rng.choice(AGE_BANDS, rows, p=[0.2, 0.3, 0.25, 0.15, 0.1]),
        "label": rng.random(rows) < 0.6,
    })
    chance = np.where(frame["label"], 0.85, 0.2)
    chance = chance - np.where(frame["language"] == "es", 0.2, 0.0)
    chance = chance - np.where(frame["age_band"] == "75+", 0.15, 0.0)
    frame["favourable"] = rng.random(rows) < chance
    return frame


def as_decisions(frame: pd.DataFrame) -> tuple[Decision, ...]:
    """The canonical decisions a loader would produce for the log."""
    return tuple(
        Decision(f"d-{i}", None, dtype, "approved" if fav else "denied", favourable=bool(fav),
                 segments=MappingProxyType({"language": lang, "region": region,
                                            "age_band": age}),
                 label="1" if label else "0")
        for i, (dtype, lang, region, age, label, fav) in enumerate(zip(
            frame["decision_type"], frame["language"], frame["region"], frame["age_band"],
            frame["label"], frame["favourable"], strict=True)))


def peak_mb() -> float:
    """The process's peak resident memory so far, in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: Sequence[str] | None = None) -> int:
    """Generate, time the pack and the baseline, compare, print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--baseline-rows", type=int, default=100_000,
                        help="rows for the bootstrap baseline (0 = all; default %(default)s)")
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args(argv)

    frame = synthetic_log(args.rows, args.seed)
    audit = AuditInput(decisions=as_decisions(frame))
    before = peak_mb()
    started = time.perf_counter()
    options = FourFifthsCheck.default_options
    four_fifths = FourFifthsCheck().run(audit, options=options)
    odds = EqualizedOddsCheck().run(audit, options=EqualizedOddsCheck.default_options)
    pack_seconds = time.perf_counter() - started
    tables = four_fifths.metrics["tables"]
    groups = sum(len(t["groups"]) for t in tables)
    print(f"decisions {args.rows:,}; tables {len(tables)} (3 types x 3 attributes and 3 pairs); "
          f"groups {groups}; findings FAIR001 {len(four_fifths.findings)}, "
          f"FAIR002 {len(odds.findings)}")
    print(f"FAIR pack: {pack_seconds:.2f} s, peak memory {peak_mb():.0f} MB "
          f"({before:.0f} MB before the pack, with the decisions loaded)")

    refunds = frame[frame["decision_type"] == "refund"]
    expected = MetricFrame(metrics=selection_rate, y_true=refunds["label"].astype(int),
                           y_pred=refunds["favourable"].astype(int),
                           sensitive_features=refunds["language"]).by_group
    table = next(t for t in tables if t["decision_type"] == "refund"
                 and t["attribute"] == "language")
    worst = max(abs(g["rate"] - expected[g["group"]]) for g in table["groups"])
    print(f"largest difference from fairlearn on the raw rows (refund by language): {worst:.1e}")

    sample = frame if args.baseline_rows <= 0 else frame.head(args.baseline_rows)
    started = time.perf_counter()
    MetricFrame(metrics=selection_rate, y_true=sample["label"].astype(int),
                y_pred=sample["favourable"].astype(int), sensitive_features=sample["language"],
                n_boot=100, ci_quantiles=[0.025, 0.975], random_state=0)
    baseline = time.perf_counter() - started
    print(f"baseline: fairlearn MetricFrame with n_boot=100, one attribute (language), "
          f"{len(sample):,} rows: {baseline:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
