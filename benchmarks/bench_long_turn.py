"""Time and peak memory of the PII engine on one very long message, each size in a new
process: the pieces keep both in proportion to the message, not beyond.

    python benchmarks/bench_long_turn.py [--sizes 0.25,0.5,1]   (megabytes)
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys

PROBE = """
import json, random, resource, sys, time
from auditor.pii import PiiSettings, engine_for
words = ("the order arrived late and I would like a refund for the damaged book please "
         "check my account call Maria at +1 202 555 0142 or write to maria@example.com").split()
rng = random.Random(1)
size = int(float(sys.argv[1]) * 1024 * 1024)
parts, total = [], 0
while total < size:
    sentence = " ".join(rng.choice(words) for _ in range(12)).capitalize() + ". "
    parts.append(sentence)
    total += len(sentence)
text = "".join(parts)
engine = engine_for(PiiSettings())
engine.analyze("warm up the pipeline with Maria at maria@example.com")
started = time.perf_counter()
found = engine.analyze(text)
seconds = time.perf_counter() - started
print(json.dumps({"chars": len(text), "seconds": seconds, "values": len(found),
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def main() -> int:
    """Print one line per size."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="0.25,0.5,1")
    args = parser.parse_args()
    print(f"{'message':>10} {'seconds':>9} {'s per MB':>9} {'peak MB':>8} {'values':>7}")
    for size in args.sizes.split(","):
        run = subprocess.run([sys.executable, "-c", PROBE, size], capture_output=True,
                             text=True, check=True)
        result = json.loads(run.stdout.strip().splitlines()[-1])
        megabytes = result["chars"] / 1024 / 1024
        print(f"{megabytes:>8.2f}MB {result['seconds']:>9.1f} "
              f"{result['seconds'] / megabytes:>9.1f} {result['peak_mb']:>8.0f} "
              f"{result['values']:>7}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
