"""Concurrent askers against a running app's `/ask` endpoint.

    python app.py &                      # or: advisor serve
    python bench/ask_load.py [--url http://127.0.0.1:7860/] [--users 20]

Each user asks one golden question at the same moment; prints how many succeeded and
the p50 / p95 / max of their wall times (queueing included).
"""

import argparse
import json
import statistics
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from gradio_client import Client

from advisor.evaluation import load_golden

REPO = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", default="http://127.0.0.1:7860/")
    parser.add_argument("--users", type=int, default=20)
    args = parser.parse_args()
    questions = [item for item in load_golden(REPO / "eval" / "golden.yaml") if item.answerable][: args.users]

    def ask(item):
        client = Client(args.url, verbose=False)
        started = time.monotonic()
        try:
            answer = client.predict(item.question, list(item.history) or None, api_name="/ask")
        except Exception as error:  # reported, not raised: the count of failures is the result
            return None, time.monotonic() - started, f"{error.__class__.__name__}: {error}"
        return answer, time.monotonic() - started, None

    started = time.monotonic()
    with ThreadPoolExecutor(args.users) as pool:
        results = list(pool.map(ask, questions))
    seconds = sorted(wall for _, wall, _ in results)
    print(
        json.dumps(
            {
                "users": args.users,
                "succeeded": sum(
                    answer is not None and answer["question"] == item.question
                    for item, (answer, _, _) in zip(questions, results, strict=True)
                ),
                "errors": [error for _, _, error in results if error],
                "writers": sorted({answer["llm"] for answer, _, _ in results if answer}),
                "p50_s": round(statistics.median(seconds), 1),
                "p95_s": round(seconds[int(0.95 * (len(seconds) - 1))], 1),
                "max_s": round(seconds[-1], 1),
                "all_done_s": round(time.monotonic() - started, 1),
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
