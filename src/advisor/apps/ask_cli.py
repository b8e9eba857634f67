"""``advisor ask`` and ``advisor chat``: questions -> streamed answers with their sources, or JSON."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from advisor.compose import build_advisor
from advisor.settings import Settings

if TYPE_CHECKING:  # imported where used: LangChain is for these commands only
    from advisor.answer.answers import Answer


def add_parser(commands: Any, parents: list[argparse.ArgumentParser]) -> None:
    ask = commands.add_parser("ask", parents=parents, help="answer questions, with sources")
    ask.add_argument("question", nargs="?", help="question (else one per stdin line, each on its own)")
    chat = commands.add_parser("chat", parents=parents, help="a conversation: follow-ups use earlier turns")
    chat.set_defaults(question=None)


def questions(question: str | None) -> Iterator[str]:
    """The question given, else one per stdin line: ``advisor retrieve`` reads them so too."""
    if question is not None:
        yield question
    else:
        yield from (line.rstrip("\n") for line in sys.stdin)


def run(args: argparse.Namespace, settings: Settings) -> int:
    """``ask``: independent questions; ``chat``: one conversation, one question per line."""
    advisor = build_advisor(settings)
    conversation = args.command == "chat"
    interactive = conversation and sys.stdin.isatty() and not args.json
    if advisor.writer.notice:
        print(f"advisor: {advisor.writer.notice}", file=sys.stderr)
    history: list[str] = []
    asked = _prompted_questions() if interactive else questions(args.question)
    for question in asked:
        if interactive and not question.strip():
            continue
        stream, streamed = advisor.stream(question, tuple(history)), ""
        for piece in stream:
            if not args.json:
                streamed += piece
                print(piece, end="", flush=True)
        answer = stream.answer
        if conversation:
            history.append(answer.question)
        if args.json:
            print(json.dumps(answer.to_dict(), ensure_ascii=False), flush=True)
            continue
        _print_answer_end(answer, streamed)
    return 0


def _prompted_questions() -> Iterator[str]:
    print("Ask about a job (empty line to skip, Ctrl-D to quit).", file=sys.stderr)
    while True:
        try:
            yield input("you> ")
        except EOFError:
            print(file=sys.stderr)
            return


def _print_answer_end(answer: Answer, streamed: str) -> None:
    """After the streamed text: the final text if it changed (the model's, checked against
    the cards and put in shape), then the sources and the other cards it may be about."""
    print()
    if answer.notice:
        print(f"\nnote: {answer.notice}")
    if answer.answer != streamed:
        print(f"\nchecked against the cards:\n{answer.answer}")
    for source in answer.cited_sources:
        code = f" ({source.rome_code})" if source.rome_code else ""
        print(f"  [{source.id}] {source.title}{code} — {source.section}  {source.path}")
    if answer.candidates:
        others = ", ".join(
            f"{c['title']} ({c['rome_code']})" if c["rome_code"] else c["title"] for c in answer.candidates
        )
        print(f"  other cards it may be about: {others}")
    print(f"  ({answer.llm}, {answer.timings['total_ms']:.0f} ms)\n", flush=True)
