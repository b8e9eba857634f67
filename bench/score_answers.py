"""Answers of any commit, scored by today's checks: how "before" rows of docs/answers.md are made.

    # the answers of an older checkout, one JSON object a line (it needs only its own advisor):
    git worktree add /tmp/before 55c0e4e
    PYTHONPATH=/tmp/before/src python bench/score_answers.py dump --llm local --split heldout --out before.jsonl
    # scored with today's golden set and faithfulness gate:
    python bench/score_answers.py score before.jsonl

``dump`` uses the corpus, index and models of this checkout (the index must match the
dumping code's chunks: the shipped cards did not change between the two).
"""

import argparse
import json
from pathlib import Path

from advisor.apps.environment import set_environment
from advisor.compose import build_advisor, build_retriever
from advisor.evaluation import load_golden
from advisor.settings import Settings

REPO = Path(__file__).resolve().parents[1]
GOLDEN = REPO / "eval" / "golden.yaml"


def settings(llm: str) -> Settings:
    return Settings(llm=llm, corpus_dir=REPO / "corpus", index_dir=REPO / "index", models_dir=REPO / "models")


def dump(llm: str, split: str, out: Path) -> None:
    advisor = build_advisor(settings(llm))
    with out.open("w", encoding="utf-8") as lines:
        for item in load_golden(GOLDEN):
            if item.split != split:
                continue
            answer = advisor.ask(item.question, item.history)
            sources = [{"id": s.id, "rome_code": s.rome_code, "title": s.title, "text": s.text} for s in answer.sources]
            record = {"id": item.id, "answer": answer.answer, "abstained": answer.abstained, "sources": sources}
            lines.write(json.dumps(record, ensure_ascii=False) + "\n")


def score(paths: list[Path]) -> None:
    from advisor.answer.faithfulness import source_text
    from advisor.evaluation import Reply, evaluate_answers

    titles = build_retriever(settings("extractive")).job_titles()
    items = {item.id: item for item in load_golden(GOLDEN)}
    for path in paths:
        rows = {row["id"]: row for row in map(json.loads, path.read_text(encoding="utf-8").splitlines())}

        def reply(item, rows=rows):
            row = rows[item.id]
            cited = {
                s["id"]: (s["rome_code"], source_text(s["title"], s["rome_code"], s["text"])) for s in row["sources"]
            }
            return Reply(row["answer"], row["abstained"], cited)

        scores, _ = evaluate_answers(reply, [items[name] for name in rows], titles)
        print(json.dumps({"answers": str(path), "scores": {g: vars(s) for g, s in scores.items()}}, indent=1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    dumping = commands.add_parser("dump")
    dumping.add_argument("--llm", default="extractive")
    dumping.add_argument("--split", default="heldout")
    dumping.add_argument("--out", type=Path, required=True)
    scoring = commands.add_parser("score")
    scoring.add_argument("answers", type=Path, nargs="+")
    args = parser.parse_args()
    set_environment()
    if args.command == "dump":
        dump(args.llm, args.split, args.out)
    else:
        score(args.answers)


if __name__ == "__main__":
    main()
