"""Soak: many questions through `/ask` of one `advisor serve` process, its memory watched.

    python bench/soak.py [--questions 300] [--users 4] [--warmup N] [--llm local] [--index DIR] [--models-dir DIR]

Starts the app (the settings come from the environment and the flags, as for `advisor
serve`), asks the golden questions in a loop (follow-ups with their conversation) from
``--users`` concurrent clients: first ``--warmup`` questions (one pass over the golden set
unless told), then ``--questions`` more.
The server's RSS is read when it is idle after the warm-up and again at the end; prints
JSON with the growth between the two, the peak, and the p50 / p95 of the measured
questions' wall times (queueing included).
"""

import argparse
import collections
import itertools
import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from gradio_client import Client

from advisor.evaluation import load_golden

REPO = Path(__file__).resolve().parents[1]


def rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status") as status:
        kilobytes = next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))
    return kilobytes / 1024


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(args) -> tuple[subprocess.Popen, str]:
    port = free_port()
    command = [sys.executable, "-m", "advisor.apps.cli", "serve", "--port", str(port)]
    options = ("--index", args.index), ("--corpus", args.corpus), ("--llm", args.llm), ("--models-dir", args.models_dir)
    for flag, value in options:
        command += [flag, str(value)] if value else []
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    url, deadline = f"http://127.0.0.1:{port}/", time.monotonic() + args.start_timeout
    while True:
        try:
            Client(url, verbose=False)
            return server, url
        except Exception:
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                raise SystemExit(f"soak: the app did not start (exit code {server.poll()})") from None
            time.sleep(1)


def ask_all(url: str, questions: list, users: int) -> list[tuple[float, str | None, str | None]]:
    """(wall seconds, error, writer) of each question, asked by ``users`` clients at once."""
    local = threading.local()

    def ask(item):
        if not hasattr(local, "client"):
            local.client = Client(url, verbose=False)
        started = time.monotonic()
        try:
            answer = local.client.predict(item.question, list(item.history) or None, api_name="/ask")
            error = None if answer["question"] == item.question else "answer to another question"
            writer = answer["llm"]
        except Exception as failure:  # counted and reported: the failures are a result
            error, writer = f"{failure.__class__.__name__}: {failure}", None
        return time.monotonic() - started, error, writer

    with ThreadPoolExecutor(users) as pool:
        return list(pool.map(ask, questions))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--questions", type=int, default=300)
    parser.add_argument("--users", type=int, default=4)
    parser.add_argument(
        "--warmup", type=int, help="questions before the first reading (default: the golden set's size)"
    )
    parser.add_argument("--llm", help="answer writer (ADVISOR_LLM otherwise)")
    parser.add_argument("--index", help="index folder (ADVISOR_INDEX_DIR otherwise)")
    parser.add_argument("--corpus", help="corpus folder (ADVISOR_CORPUS_DIR otherwise)")
    parser.add_argument("--models-dir", help="local model folder (ADVISOR_MODELS_DIR otherwise)")
    parser.add_argument("--start-timeout", type=float, default=900, help="seconds the app may take to start")
    args = parser.parse_args()

    items = load_golden(REPO / "eval" / "golden.yaml")
    golden = itertools.cycle(items)
    warmup = list(itertools.islice(golden, args.warmup or len(items)))
    measured = list(itertools.islice(golden, args.questions))
    server, url = start_server(args)
    peak, running = [0.0], True

    def watch():
        while running:
            peak[0] = max(peak[0], rss_mb(server.pid))
            time.sleep(0.2)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    try:
        warm = ask_all(url, warmup, args.users)
        after_warmup = rss_mb(server.pid)
        started = time.monotonic()
        results = ask_all(url, measured, args.users)
        seconds_taken = time.monotonic() - started
        end = rss_mb(server.pid)
    finally:
        running = False
        watcher.join()
        server.terminate()
        server.wait(timeout=60)
    walls = sorted(wall for wall, _, _ in results)
    errors = [error for _, error, _ in warm + results if error]
    print(
        json.dumps(
            {
                "questions": len(results),
                "users": args.users,
                "succeeded": sum(error is None for _, error, _ in results),
                "writers": dict(collections.Counter(writer for _, _, writer in results if writer)),
                "errors": errors[:5],
                "error_count": len(errors),
                "rss_mb": {"after_warmup": round(after_warmup), "end": round(end), "peak": round(peak[0])},
                "rss_growth_pct": round(100 * (end - after_warmup) / after_warmup, 1),
                "p50_s": round(statistics.median(walls), 3),
                "p95_s": round(walls[int(0.95 * (len(walls) - 1))], 3),
                "seconds": round(seconds_taken, 1),
                "settings": {key: os.environ[key] for key in sorted(os.environ) if key.startswith("ADVISOR_")},
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
