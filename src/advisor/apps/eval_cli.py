"""``advisor eval``: retrieval, answer and explore metrics on the golden set; with ``--real``,
how the advisor handles real learner messages."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from advisor.compose import build_advisor, build_retriever
from advisor.errors import ConfigError
from advisor.settings import Settings

if TYPE_CHECKING:  # YAML and the evaluation sets' types are for this command only
    from advisor.answer.answers import Answer
    from advisor.evaluation import GoldenItem
    from advisor.real_messages import RealMessage


def add_parser(commands: Any, parents: list[argparse.ArgumentParser]) -> None:
    evaluate = commands.add_parser(
        "eval", parents=parents, help="metrics on the golden set, or (--real) on real learner messages"
    )
    evaluate.add_argument("--golden", type=Path, default=Path("eval/golden.yaml"), help="golden set")
    evaluate.add_argument("--split", choices=["dev", "heldout", "all"], default="all")
    evaluate.add_argument("--retrievers", default="dense,lexical,hybrid", help="comma-separated modes")
    evaluate.add_argument("--misses", action="store_true", help="list the questions each one misses")
    evaluate.add_argument(
        "--answers", action="store_true", help="also answer each question (--llm): facts, abstentions"
    )
    evaluate.add_argument(
        "--real",
        type=Path,
        metavar="PATH",
        help="instead, answer real learner messages (eval/real_messages.yaml, --llm): the share handled as labelled",
    )


def run(args: argparse.Namespace, settings: Settings) -> int:
    from advisor.evaluation import EXPLORE, evaluate, evaluate_answers, load_golden

    if args.real:
        return _evaluate_real(args, settings)
    if not args.golden.is_file():
        raise ConfigError(f"no golden set at {args.golden}: pass --golden PATH")
    golden = [i for i in load_golden(args.golden) if args.split in ("all", i.split)]
    # Explore questions have no card to find nor facts to state: they have metrics of their own.
    items = [i for i in golden if i.category != EXPLORE]
    explored = [i for i in golden if i.category == EXPLORE]
    results = {}
    for mode in args.retrievers.split(","):
        retriever = build_retriever(settings, mode.strip())
        scores, ranks = evaluate(
            # evaluate() calls it within this iteration, so the loop's retriever is the one meant.
            lambda item: [h.metadata for h in retriever.retrieve(item.question, 5, item.history)],  # noqa: B023
            items,
        )
        results[mode] = {group: vars(score) for group, score in scores.items()}
        if args.misses and not args.json:
            for item, rank in ranks:
                if rank < 1:
                    print(f"  {mode} rr={rank:.2f} {item.id}: {item.question}")
    answers = _evaluate_answers(args, settings, items, evaluate_answers) if args.answers else None
    explore = _evaluate_explore(settings, explored) if explored else None
    if args.json:
        print(
            json.dumps(
                {"split": args.split, "results": results, "answers": answers, "explore": explore}, ensure_ascii=False
            )
        )
        return 0
    print(f"split {args.split}: hit@1 / hit@5 / MRR@5 (questions)")
    for mode, groups in results.items():
        cells = [
            f"{group} {g['hit_at_1']:.2f} / {g['hit_at_5']:.2f} / {g['mrr']:.2f} ({g['questions']})"
            for group, g in sorted(groups.items())
        ]
        print(f"{mode:8} " + "   ".join(cells))
    if answers:
        print(
            f"answers ({answers['llm']}): fact coverage / uncovered abstained / false abstentions (questions); "
            "answers with an unsupported term, with a repeat, gated; comparisons citing both cards"
        )
        for group, g in sorted(answers["scores"].items()):
            print(
                f"  {group:4} {g['fact_coverage']:.2f} / {g['abstained_when_uncovered']:.2f} / "
                f"{g['false_abstentions']:.2f} ({g['questions']}); {g['unsupported']}, {g['repeated']}, "
                f"{g['gated']}; {g['both_cited']:.2f} ({g['comparisons']})"
            )
    if explore:
        print("explore: answered with jobs / an acceptable one in the first 5 / 3+ acceptable / level kept (questions)")
        for group, g in sorted(explore.items()):
            print(
                f"  {group:4} {g['recognised']:.2f} / {g['one_in_five']:.2f} / {g['three_listed']:.2f} / "
                f"{g['level_kept']:.2f} of {g['with_level']} ({g['questions']})"
            )
    return 0


def _evaluate_explore(settings: Settings, items: list[GoldenItem]) -> dict[str, Any]:
    from advisor.evaluation import evaluate_explore

    retriever = build_retriever(settings, "hybrid")

    def listed(item: GoldenItem) -> list[tuple[str, str | None]] | None:
        found = retriever.search(item.question, 5, item.history).exploration
        return None if found is None else [(s.card.rome_code, s.card.level) for s in found.suggestions]

    return {group: vars(score) for group, score in evaluate_explore(listed, items).items()}


def _evaluate_answers(
    args: argparse.Namespace, settings: Settings, items: list[GoldenItem], evaluate_answers: Callable[..., Any]
) -> dict[str, Any]:
    from advisor.answer.faithfulness import source_text
    from advisor.evaluation import Reply

    advisor = build_advisor(settings)

    def ask(item: GoldenItem) -> Reply:
        answer = advisor.ask(item.question, item.history)
        sources = {s.id: (s.rome_code, source_text(s.title, s.rome_code, s.text)) for s in answer.sources}
        gated = bool(answer.checks.get("dropped") or answer.checks.get("repeated"))
        return Reply(answer.answer, answer.abstained, sources, gated)

    scores, results = evaluate_answers(ask, items, advisor.retriever.job_titles())
    if args.misses and not args.json:
        for item, reply in results:
            if reply.abstained == item.answerable:
                print(f"  answer {'abstained' if reply.abstained else 'answered'} {item.id}: {item.question}")
    return {"llm": advisor.writer.mode, "scores": {group: vars(s) for group, s in scores.items()}}


def _evaluate_real(args: argparse.Namespace, settings: Settings) -> int:
    """``--real PATH``: each message answered as a learner would get it, judged by its label."""
    from advisor.real_messages import ALL, LABELS, evaluate_real, load_real_messages, miss

    if not args.real.is_file():
        raise ConfigError(f"no real messages at {args.real}: pass --real PATH")
    items = [i for i in load_real_messages(args.real) if args.split in ("all", i.split)]
    if not items:
        raise ConfigError(f"no message of split {args.split} in {args.real}: pass --split all, or split the items")
    advisor = build_advisor(settings)

    def ask(item: RealMessage) -> Answer:
        try:
            return advisor.ask(item.message)
        except ConfigError as error:  # a message the advisor refuses (too long): the item must change
            raise ConfigError(f"{args.real}: {item.id}: {error}") from error

    table, results = evaluate_real(ask, items)
    misses = [miss(item, answer) for item, answer, ok in results if not ok]
    if args.json:
        scores = {label: {lang: {**vars(h), "share": h.share} for lang, h in r.items()} for label, r in table.items()}
        report = {"real": str(args.real), "split": args.split, "llm": advisor.writer.mode, "scores": scores}
        print(json.dumps({**report, "misses": misses}, ensure_ascii=False))
        return 0
    langs = [*sorted({item.lang for item in items}), ALL]
    print(f"real messages {args.real}, split {args.split}, answers by {advisor.writer.mode}: share handled as labelled")
    print(f"{'':12}" + "".join(f"{lang:>18}" for lang in langs))
    for label in [*LABELS, ALL]:
        row = table.get(label, {})
        cells = [f"{h.share:.2f} ({h.handled}/{h.messages})" if (h := row.get(lang)) else "-" for lang in langs]
        print(f"{label:12}" + "".join(f"{cell:>18}" for cell in cells))
    if args.misses:
        for m in misses:
            print(f"  {m['id']} [{m['label']}] {m['kind']} {m['first_cited'] or '-'}: {m['start']}")
    return 0
