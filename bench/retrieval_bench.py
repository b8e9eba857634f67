"""Latency of warm retrieval: every golden question through each retriever, after a warm-up.

    python bench/retrieval_bench.py [--index index] [--retrievers dense,lexical,hybrid]

Prints, per retriever, the time to load the served corpus (BM25, job linking, profile
vectors: a cold start) and p50 / p95 / max of the per-question time once warm.
"""

import argparse
import json
import statistics
import time
from pathlib import Path

from advisor.apps.environment import set_environment
from advisor.compose import build_retriever
from advisor.evaluation import load_golden
from advisor.settings import Settings

REPO = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--index", type=Path, default=REPO / "index")
    parser.add_argument("--retrievers", default="dense,lexical,hybrid")
    args = parser.parse_args()
    set_environment()
    items = load_golden(REPO / "eval" / "golden.yaml")
    results = {}
    for mode in args.retrievers.split(","):
        retriever = build_retriever(Settings(index_dir=args.index), mode)
        started = time.monotonic()
        retriever.retrieve("warm-up: comment devenir boulanger ?", 5)
        cold = time.monotonic() - started
        times = []
        for item in items:
            started = time.monotonic()
            retriever.retrieve(item.question, 5, item.history)
            times.append((time.monotonic() - started) * 1000)
        times.sort()
        results[mode] = {
            "cold_start_s": round(cold, 2),
            "p50_ms": round(statistics.median(times), 1),
            "p95_ms": round(times[int(0.95 * (len(times) - 1))], 1),
            "max_ms": round(times[-1], 1),
            "questions": len(times),
        }
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
