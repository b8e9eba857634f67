"""Does the local model read a learner's message better than the rules? (issue 21)

    python bench/model_reading.py [--index index] [--models-dir models] [--questions N]
                                  [--threads N] [--max-tokens 160] [--save out.json]

For each DEV message of eval/real_messages.yaml (never the held-out ones), the local model
(Qwen2.5-Coder-1.5B-Instruct Q4_K_M, run by xllamacpp in-process as ``advisor.answer.writers``
runs it) returns a reading constrained by a JSON schema (llama.cpp turns it into a grammar):
``{"target_jobs", "current_job", "interests", "age", "action"}``, the action being the label
of eval/README.md ("Real learner messages"): answer | compare | suggest | ask_back | not_covered.

It is compared with the gold label and with the rules:
- action: the rules' action is the kind of the answer the whole advisor gives in extractive
  mode (the planner, as ``advisor eval --real`` runs it), mapped to a label; an answer that
  carries an ``uncovered`` topic counts as not_covered unless its kind says otherwise;
- target: on the messages whose gold ``target_job`` is set, whether a model target, or a
  target of ``advisor.search.message.read``, fold-matches it (a substring either way); on
  those without one, how often each finds a target anyway;
- seconds of the model call (prompt evaluation dominates on 2 cores).

Prints counts, accuracies, confusion tables (gold rows x predicted columns), agreements,
p50/p90 seconds, the messages one gets right and the other wrong, and accuracy by the
rules' action (is the model a useful second opinion where the rules say ask_back?) as JSON.
The dev set (132 messages) takes about 25 minutes on 2 shared cores (~11 s a message).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import yaml

from advisor.answer.gguf import local_model
from advisor.apps.environment import set_environment
from advisor.compose import build_advisor
from advisor.real_messages import LABELS, SAYS_NOT_COVERED, handled, load_real_messages
from advisor.search.message import read
from advisor.settings import Settings
from advisor.text import fold_words

REPO = Path(__file__).resolve().parents[1]
#: What the advisor accepts (Settings.max_question_chars): a longer message is refused, not read.
MAX_MESSAGE_CHARS = 2000
#: The system prompt plus the longest message (~700 tokens) and the reading fit with room.
CONTEXT_TOKENS = 4096
SEED = 42

# The action comes last: the model states what it found (targets, job, likes) before it
# decides, so the decision is conditioned on its own extraction (a cheap chain of thought).
SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "target_jobs": {"type": "array", "items": {"type": "string", "maxLength": 60}, "maxItems": 3},
        "current_job": {"anyOf": [{"type": "string", "maxLength": 60}, {"type": "null"}]},
        "interests": {"type": "array", "items": {"type": "string", "maxLength": 60}, "maxItems": 4},
        "age": {"anyOf": [{"type": "integer"}, {"type": "null"}]},
        "action": {"type": "string", "enum": list(LABELS)},
    },
    "required": ["target_jobs", "current_job", "interests", "age", "action"],
    "additionalProperties": False,
}

SYSTEM = """You read messages that learners write to a careers advisor whose only knowledge is \
a set of job cards (one card per job: what the job is, its skills, training, diplomas, access \
routes, related jobs). Messages are in English or French and often tell a long personal story.

Return one JSON object:
- "target_jobs": the jobs the learner wants to do NOW or asks about, copied from the message's \
own words; never a job the message does not name. Not jobs they had, refuse, dreamed of as a \
child, or that others suggest. [] if none.
- "current_job": the learner's job now or before, as written, or null.
- "interests": what the learner says they like or are good at, in their words. [] if none stated.
- "age": the learner's age if stated as a number, else null.
- "action": the answer the message calls for, exactly one of:
  - "answer": it asks about ONE job that it names or clearly means (how to get in, training, \
whether it suits them, too old for it, ...): the advisor answers from that job's card.
  - "compare": it hesitates between TWO named jobs and wants them side by side.
  - "suggest": the learner describes themself (likes, skills, diploma, values) without one job \
in mind and wants ideas of jobs: the advisor lists fitting jobs.
  - "ask_back": no job named or meant and nothing they like stated (only "I don't know what to \
do", feelings, constraints or dislikes): the advisor must ask what they enjoy first.
  - "not_covered": what it asks is outside any job card: recognition of a foreign diploma, visas \
or work permits, unemployment benefits, employment law, finding a job offer, admission chances \
to a given school, how to tell one's family, or personal life choices.
Output only the JSON object."""


def model_server(models_dir: Path, threads: int) -> Any:
    """One in-process llama.cpp server (as ``advisor.answer.writers._llama_cpp``), one slot:
    messages are read one at a time, and the system prompt stays in its KV cache."""
    import xllamacpp

    params = xllamacpp.CommonParams()
    params.model.path = str(local_model(models_dir))
    params.n_ctx = CONTEXT_TOKENS
    params.n_parallel = 1
    params.cpuparams.n_threads = threads
    params.cpuparams_batch.n_threads = threads
    params.verbosity = -1
    return xllamacpp.Server(params)


def model_reading(server: Any, message: str, max_tokens: int) -> tuple[dict[str, Any], float, dict[str, Any]]:
    """The model's reading of one message, the seconds it took, and llama.cpp's timings."""
    request = {
        "messages": [{"role": "system", "content": SYSTEM}, {"role": "user", "content": message[:MAX_MESSAGE_CHARS]}],
        "temperature": 0,
        "seed": SEED,
        "max_tokens": max_tokens,
        "response_format": {"type": "json_schema", "json_schema": {"name": "reading", "schema": SCHEMA}},
    }
    started = time.monotonic()
    reply = server.handle_chat_completions(request)
    seconds = time.monotonic() - started
    if "choices" not in reply:  # llama.cpp reports a bad request in the body, not by raising
        raise RuntimeError(f"llama.cpp: {reply}")
    content = reply["choices"][0]["message"]["content"]
    try:
        reading = json.loads(content)
    except json.JSONDecodeError:  # cut by max_tokens: the grammar guarantees the rest
        reading = {"action": None, "unparsed": content}
    return reading, seconds, reply.get("timings", {})


def rules_action(kind: str, uncovered: list[str]) -> str:
    """The label an answer of the advisor amounts to (the kinds of advisor.answer.kinds)."""
    if kind == "ask_back":
        return "ask_back"
    if kind == "comparison":
        return "compare"
    if kind in {"job_list", "name_list"}:
        return "suggest"
    if kind in SAYS_NOT_COVERED or uncovered:
        return "not_covered"
    return "answer"


def matches(found: list[str] | tuple[str, ...], gold: str) -> bool:
    """Whether one of the names found and the gold name fold-match (a substring either way):
    "nurse" matches "paediatric nurse", "infirmière" matches "infirmiere"."""
    gold = fold_words(gold)
    return any((name := fold_words(n)) and (name in gold or gold in name) for n in found)


def confusion(rows: list[dict[str, Any]], key: str) -> dict[str, dict[str, int]]:
    """Gold label -> predicted label -> messages."""
    table = {gold: dict.fromkeys([*LABELS, "none"], 0) for gold in LABELS}
    for row in rows:
        table[row["label"]][row[key] or "none"] += 1
    return {gold: {p: n for p, n in predicted.items() if n} for gold, predicted in table.items()}


def share(hits: int, total: int) -> str:
    return f"{hits}/{total} = {hits / total:.2f}" if total else "0/0"


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))], 1) if ordered else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--index", type=Path, default=REPO / "index")
    parser.add_argument("--models-dir", type=Path, default=REPO / "models")
    parser.add_argument("--real", type=Path, default=REPO / "eval" / "real_messages.yaml")
    parser.add_argument("--questions", type=int, default=0, help="the first N dev messages (default: all)")
    parser.add_argument("--threads", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--max-tokens", type=int, default=160, help="the longest reading the model may write")
    parser.add_argument("--save", type=Path, help="write every message's readings to this JSON file")
    args = parser.parse_args()
    set_environment()
    # Dev only: the held-out messages are for reporting, and a prompt tuned on them would lie.
    items = [i for i in load_real_messages(args.real) if i.split == "dev"]
    if args.questions:
        items = items[: args.questions]
    extra = {e["id"]: e for e in yaml.safe_load(args.real.read_text(encoding="utf-8"))}

    # The rules first, all of them: the advisor's encoders and the model then never share the cores.
    advisor = build_advisor(Settings(index_dir=args.index, llm="extractive", models_dir=args.models_dir))
    rows = []
    for item in items:
        answer = advisor.ask(item.message)
        gold = extra[item.id]
        rows.append(
            {
                "id": item.id,
                "lang": item.lang,
                "label": item.label,
                "gold_target": gold.get("target_job") or "",
                "gold_current": gold.get("current_job") or "",
                "gold_interests": gold.get("interests") or [],
                "gold_age": gold.get("age"),
                "rules_kind": answer.kind,
                "rules_uncovered": list(answer.uncovered),
                "rules_action": rules_action(answer.kind, list(answer.uncovered)),
                "rules_handled": handled(item, answer),
                "rules_targets": list(read(item.message).targets),
            }
        )
    server = model_server(args.models_dir, args.threads)
    for item, row in zip(items, rows, strict=True):
        reading, seconds, timings = model_reading(server, item.message, args.max_tokens)
        row |= {
            "model": reading,
            "model_action": reading.get("action"),
            "seconds": round(seconds, 2),
            "prompt_tokens": timings.get("prompt_n"),
            "cached_tokens": timings.get("cache_n"),
            "output_tokens": timings.get("predicted_n"),
        }
        progress = f"{item.id} {item.label} rules={row['rules_action']} model={row['model_action']} {seconds:.1f}s"
        print(progress, file=sys.stderr, flush=True)

    with_target = [r for r in rows if r["gold_target"]]
    without = [r for r in rows if not r["gold_target"]]
    seconds = [r["seconds"] for r in rows]
    report = {
        "messages": len(rows),
        "labels": {label: sum(r["label"] == label for r in rows) for label in LABELS},
        "threads": args.threads,
        "action_accuracy": {
            "model": share(sum(r["model_action"] == r["label"] for r in rows), len(rows)),
            "rules": share(sum(r["rules_action"] == r["label"] for r in rows), len(rows)),
            # The end-to-end figure of `advisor eval --real --split dev --llm extractive`: the action
            # and the right card.
            "rules_handled": share(sum(r["rules_handled"] for r in rows), len(rows)),
        },
        "confusion_model": confusion(rows, "model_action"),
        "confusion_rules": confusion(rows, "rules_action"),
        "target_agreement": {
            "gold_target_found_model": share(
                sum(matches(r["model"].get("target_jobs", []), r["gold_target"]) for r in with_target), len(with_target)
            ),
            "gold_target_found_rules": share(
                sum(matches(r["rules_targets"], r["gold_target"]) for r in with_target), len(with_target)
            ),
            "no_gold_target_but_one_found_model": share(
                sum(bool(r["model"].get("target_jobs")) for r in without), len(without)
            ),
            "no_gold_target_but_one_found_rules": share(sum(bool(r["rules_targets"]) for r in without), len(without)),
        },
        "seconds_per_message": {
            "p50": percentile(seconds, 0.5),
            "p90": percentile(seconds, 0.9),
            "mean": round(statistics.fmean(seconds), 1) if seconds else 0.0,
            "total": round(sum(seconds)),
        },
        "model_right_rules_wrong": [
            f"{r['id']} {r['label']}: rules {r['rules_action']}"
            for r in rows
            if r["model_action"] == r["label"] != r["rules_action"]
        ],
        "rules_right_model_wrong": [
            f"{r['id']} {r['label']}: model {r['model_action']}"
            for r in rows
            if r["rules_action"] == r["label"] != r["model_action"]
        ],
        # Where a second opinion could go: for each action the rules take, how often it is the
        # gold one, and how often the model's is.
        "by_rules_action": {
            action: {
                "messages": len(subset),
                "rules_right": sum(r["label"] == action for r in subset),
                "model_right": sum(r["model_action"] == r["label"] for r in subset),
            }
            for action in LABELS
            if (subset := [r for r in rows if r["rules_action"] == action])
        },
    }
    if args.save:
        args.save.write_text(json.dumps(rows, ensure_ascii=False, indent=2), encoding="utf-8")
    print(json.dumps(report, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
