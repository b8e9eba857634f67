"""Latency of answers: golden questions through `advisor ask`'s chain, warm.

    python bench/answer_bench.py [--index index] [--llm local] [--questions 20] [--long]

Prints the model's load time, then p50 / p95 of the first-token and total times per
answer (abstentions decided before the model runs are counted apart: they cost ~retrieval).
"""

import argparse
import json
import statistics
import time
from pathlib import Path

from advisor.apps.environment import set_environment
from advisor.compose import build_advisor
from advisor.evaluation import load_golden
from advisor.real_messages import load_real_messages
from advisor.settings import Settings

REPO = Path(__file__).resolve().parents[1]
LONG_CHARS = 1000


def percentiles(values: list[float]) -> dict:
    values = sorted(values)
    if not values:
        return {}
    return {"p50_ms": round(statistics.median(values)), "p95_ms": round(values[int(0.95 * (len(values) - 1))])}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--index", type=Path, default=REPO / "index")
    parser.add_argument("--models-dir", type=Path, default=REPO / "models")
    parser.add_argument("--llm", default="local")
    parser.add_argument("--questions", type=int, default=20)
    parser.add_argument("--long", action="store_true", help="long real messages instead of golden questions")
    args = parser.parse_args()
    set_environment()
    started = time.monotonic()
    advisor = build_advisor(Settings(index_dir=args.index, llm=args.llm, models_dir=args.models_dir))
    advisor.ask("Comment devenir boulanger ?")  # loads the served corpus and warms the prompt cache
    warm_up_s = time.monotonic() - started
    answered, declined = [], []
    if args.long:
        messages = load_real_messages(REPO / "eval" / "real_messages.yaml")
        asked = [(m.message, ()) for m in messages if m.split == "dev" and len(m.message) >= LONG_CHARS]
    else:
        asked = [(i.question, i.history) for i in load_golden(REPO / "eval" / "golden.yaml") if i.answerable]
    for question, history in asked[: args.questions]:
        answer = advisor.ask(question, history)
        (declined if answer.llm == "none" else answered).append(answer.timings)
    print(
        json.dumps(
            {
                "llm": advisor.writer.mode,
                "warm_up_s": round(warm_up_s, 1),
                "answered": len(answered),
                "first_token": percentiles([t["first_token_ms"] for t in answered]),
                "total": percentiles([t["total_ms"] for t in answered]),
                "retrieve": percentiles([t["retrieve_ms"] for t in answered]),
                "declined_before_the_model": len(declined),
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
