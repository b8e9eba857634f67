"""Threads of the local model against a competing load: first-token time and generation speed.

    python bench/thread_bench.py [--runs 3] [--load-nice 10] [--max-tokens 120]

For each n_threads in 1..os.cpu_count(), the `local` writer is built as the app builds it
(``WRITERS["local"]`` with ``Settings(llm_threads=N)``) and its llama.cpp server is asked, by
streaming, a realistic answer: the fixed system prompt (cached after a warm-up, as in the app)
and a ~2,300-character user message holding ~1,500 characters of a real card (J1506). Each
is timed with no load, with a process spinning a busy loop (one core, plain priority), and
with `--load-nice N` also with that loop at nice N (the app's first index build runs at
nice 10). Runs are interleaved; the medians of the first-token time (ms, wall clock) and of
the generation speed (tokens/s, llama.cpp's own timing) are printed as JSON and as a table.
Generation ignores the end-of-sequence token so that every answer is `--max-tokens` long.
"""

import argparse
import json
import multiprocessing
import os
import statistics
import time
from pathlib import Path
from typing import Any

import httpx

from advisor.answer.extractive import Line
from advisor.answer.prompts import PROMPT, SYSTEM, extracts
from advisor.answer.writers import WRITERS, ChatWriter
from advisor.apps.environment import set_environment
from advisor.index.store import Hit
from advisor.settings import Settings

REPO = Path(__file__).resolve().parents[1]
CARD = REPO / "corpus/rome/J1506-infirmier-infirmiere-en-soins-generaux-ide.md"
SECTIONS = ("Se lancer dans ce métier", "Où et comment exercer ?", "Focus métier")
QUESTION = (
    "I am 24, I finished a bachelor's degree in biology last year and I have been working as a care "
    "assistant in a nursing home since September. I would like to become a nurse in a hospital, "
    "ideally in the Lyon area, but I cannot stop working for three years. What diploma do I need, "
    "can I keep working while I study, and what are the working hours and conditions like?"
)


def user_message(nonce: int, budget: int = 1500) -> str:
    """The app's user message: card lines under their headings, then the question; ``nonce``
    makes each prompt new after the cached system prompt, as each real question is."""
    lines: list[Line] = []
    hits: list[Hit] = []
    used = 0
    for number, section in enumerate(SECTIONS, 1):
        body = CARD.read_text(encoding="utf-8").split(f"## {section}\n", 1)[1].split("\n## ", 1)[0]
        meta = {"title": "Infirmier / Infirmière en soins généraux (IDE)", "rome_code": "J1506", "section": section}
        hits.append(Hit(f"j{number}", body, meta | {"path": "j1506"}, 1.0))
        for position, text in enumerate(t.lstrip("- ") for t in body.splitlines() if t and t[0] not in "#"):
            if used + len(text) <= budget:
                lines.append(Line(number, position, text))
                used += len(text)
    values = {"extracts": f"(question {nonce})\n" + extracts(lines, hits, {"j1506": "nurse"}), "language": "English"}
    values |= {"earlier": "Earlier question in this conversation: Is nursing a regulated profession?\n"}
    return PROMPT.format_messages(**values, question=QUESTION)[1].content  # type: ignore[return-value]


def spin(nice: int) -> None:
    os.nice(nice)
    while True:
        pass


def ask(writer: ChatWriter, nonce: int, max_tokens: int) -> tuple[float, float, int]:
    """(first-token ms, generation tokens/s, prompt tokens processed) of one streamed answer."""
    chat = writer.chat
    body = {
        "model": "local",
        "stream": True,
        "temperature": 0,
        "max_tokens": max_tokens,
        "ignore_eos": True,
        "messages": [{"role": "system", "content": SYSTEM}, {"role": "user", "content": user_message(nonce)}],
    }
    headers = {"Authorization": f"Bearer {chat.openai_api_key.get_secret_value()}"}  # type: ignore[attr-defined]
    start, first, timings = time.perf_counter(), 0.0, dict[str, float]()
    url = f"{chat.openai_api_base}/chat/completions"  # type: ignore[attr-defined]
    with httpx.stream("POST", url, json=body, headers=headers, timeout=600) as response:
        response.raise_for_status()
        for line in response.iter_lines():
            if not line.startswith("data: ") or line == "data: [DONE]":
                continue
            chunk = json.loads(line[6:])
            if not first and any(c.get("delta", {}).get("content") for c in chunk.get("choices", [])):
                first = time.perf_counter()
            timings = chunk.get("timings", timings)
    return (first - start) * 1000, timings["predicted_per_second"], int(timings["prompt_n"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--load-nice", type=int, default=None, help="also time a busy loop at this niceness")
    parser.add_argument("--max-tokens", type=int, default=120)
    args = parser.parse_args()
    set_environment()
    cores = os.cpu_count() or 1
    loads: dict[str, int | None] = {"none": None, "busy": 0}
    if args.load_nice is not None:
        loads[f"busy-nice{args.load_nice}"] = args.load_nice
    writers: dict[int, ChatWriter] = {}
    for threads in range(1, cores + 1):
        overrides: dict[str, Any] = {"llm": "local", "llm_threads": threads, "models_dir": REPO / "models"}
        writer = WRITERS["local"](Settings(**overrides))
        assert isinstance(writer, ChatWriter), writer.notice
        writers[threads] = writer
        ask(writer, 0, 8)  # warm-up: the system prompt into the slot's cache
    print(f"user message: {len(user_message(0))} characters; system prompt cached", flush=True)
    samples: dict[tuple[int, str], list[tuple[float, float]]] = {}
    nonce = 0
    for run in range(args.runs):
        for threads, writer in writers.items():
            for load, nice in loads.items():
                where = f"run {run + 1} threads {threads} load {load}"
                print(f"{where}: load avg {os.getloadavg()[0]:.2f}", end=" ", flush=True)
                spinner = None
                if nice is not None:
                    spinner = multiprocessing.Process(target=spin, args=(nice,), daemon=True)
                    spinner.start()
                    time.sleep(0.5)
                nonce += 1
                try:
                    first_ms, speed, prompt_n = ask(writer, nonce, args.max_tokens)
                finally:
                    if spinner is not None:
                        spinner.terminate()
                        spinner.join()
                samples.setdefault((threads, load), []).append((first_ms, speed))
                print(f"-> first token {first_ms:.0f} ms ({prompt_n} prompt tokens), {speed:.1f} tokens/s", flush=True)
                time.sleep(1)
    medians = [
        {"threads": threads, "load": load, "first_token_ms": round(statistics.median(s[0] for s in runs))}
        | {"tokens_per_s": round(statistics.median(s[1] for s in runs), 2)}
        for (threads, load), runs in samples.items()
    ]
    print(json.dumps({"cores": cores, "runs": args.runs, "max_tokens": args.max_tokens, "medians": medians}, indent=2))
    print(f"\n{'threads':>7} {'load':>12} {'first token ms':>15} {'tokens/s':>9}")
    for row in medians:
        print(f"{row['threads']:>7} {row['load']:>12} {row['first_token_ms']:>15} {row['tokens_per_s']:>9}")


if __name__ == "__main__":
    main()
