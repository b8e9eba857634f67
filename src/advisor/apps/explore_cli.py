"""``advisor explore``: the jobs that fit a learner's words and picks, for scripts too.

advisor explore "J'aime les animaux"                  # as the chat ranks them
advisor explore --interest 17 --max-level cap --json   # as the Explore tab does
advisor explore --sort pay --apprenticeship -n 5       # the best paid that take apprentices
advisor explore --list                                 # the interests and themes
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from advisor.errors import ConfigError
from advisor.text import fold
from advisor.vocabulary import LEVELS

if TYPE_CHECKING:  # the parser is built for every command: the search stack loads on use
    from advisor.search.retrieval import Retriever

RIASEC = "RIASEC"


def add_parser(commands: Any, parents: list[argparse.ArgumentParser]) -> None:
    explore = commands.add_parser("explore", parents=parents, help="jobs that fit interests, RIASEC letters, a level")
    explore.add_argument("question", nargs="?", default="", help="what the learner says of themself (optional)")
    explore.add_argument(
        "--interest", action="append", default=[], help="an interest, by code or words of its label (repeatable)"
    )
    explore.add_argument("--riasec", default="", help="RIASEC letters, e.g. RI")
    explore.add_argument("--max-level", choices=LEVELS, help="highest level of study")
    explore.add_argument("--domain", default="", help="a ROME domain, as the cards name it")
    explore.add_argument(
        "--sort",
        choices=("fit", "pay", "difficulty"),
        default="fit",
        help="order of the jobs that fit: by fit (default), by their family's median pay, or hardest to recruit first",
    )
    explore.add_argument("--apprenticeship", action="store_true", help="only jobs one can train for as an apprentice")
    explore.add_argument("--language", choices=("fr", "en"), help="of the quoted lines (default: the question's)")
    explore.add_argument("-n", type=int, default=10, help="jobs to list (default 10)")
    explore.add_argument("--list", action="store_true", help="list the interests and themes, with their codes")


def run(args: argparse.Namespace, build: Callable[[], Retriever]) -> int:
    retriever = build()
    discovery = retriever.explorer.discovery if retriever.explorer else None
    if args.list:
        if discovery is None:
            raise ConfigError("the corpus has no discovery.yaml: run `advisor import-rome` to write it")
        rows = [{"interest": i.code, "fr": i.label_fr, "en": i.label_en} for i in discovery.interests]
        rows += [{"theme": t.code, "fr": t.label_fr, "en": t.label_en} for t in discovery.themes]
        for row in rows:
            print(
                json.dumps(row, ensure_ascii=False)
                if args.json
                else f"{row.get('interest', row.get('theme'))!s:>4}  {row['en']} / {row['fr']}"
            )
        return 0
    letters = args.riasec.upper()
    if any(letter not in RIASEC for letter in letters):
        raise ConfigError(f"unknown RIASEC letters {args.riasec!r}: use some of {RIASEC}")
    interests = tuple(_interest(text, discovery) for text in args.interest)
    sort = "" if args.sort == "fit" else args.sort
    if not (args.question.strip() or interests or letters or args.domain or sort):
        raise ConfigError("say something of the learner, or pick --interest, --riasec, --domain or --sort (see --list)")
    from advisor.answer.exploration_answer import figure_text
    from advisor.search.exploration import Choice
    from advisor.search.language import detect_language

    language = args.language or (detect_language(args.question) if args.question.strip() else "fr")
    choice = Choice(interests, letters, args.max_level, args.domain, sort, args.apprenticeship)
    found = retriever.explore(args.question, choice, language, args.n)
    jobs = [
        {
            "rank": rank,
            "title": s.card.title,
            "rome_code": s.card.rome_code,
            "path": s.card.path,
            "score": round(s.score, 3),
            "access_level": s.card.level,
            "domain": s.card.domain,
            "subdomain": s.card.subdomain,
            "riasec": s.card.riasec,
            "pay_median": s.card.pay or None,
            "difficulty": s.card.difficulty or None,
            "apprenticeship": s.card.apprenticeship,
        }
        for rank, s in enumerate(found.suggestions, 1)
    ]
    if args.json:
        print(
            json.dumps(
                {
                    "question": args.question,
                    "level": found.level,
                    "interests": found.interests,
                    "sort": found.sort or "fit",
                    "apprenticeship": found.apprenticeship,
                    "jobs": jobs,
                },
                ensure_ascii=False,
            )
        )
        return 0
    if found.interests:
        print("interests: " + "; ".join(found.interests))
    if found.sort:
        print(f"sorted by {found.sort}, highest first")
    if found.apprenticeship:
        print("only jobs one can train for as an apprentice")
    if not jobs:
        print("no card fits: try without the level, or other interests")
    for job, suggestion in zip(jobs, found.suggestions, strict=True):
        shown = f" — {figure_text(suggestion.card, found.sort, 'en') or 'not known'}" if found.sort else ""
        print(
            f"{job['rank']:>2}. {job['title']} ({job['rome_code']}) — {job['access_level'] or 'level not stated'} — {job['subdomain']}{shown}"
        )
    return 0


def _interest(text: str, discovery: Any) -> int:
    """An interest's code from its code or words of its label, French or English."""
    if discovery is None:
        raise ConfigError("the corpus has no discovery.yaml: run `advisor import-rome` to write it")
    codes = {i.code for i in discovery.interests}
    if text.strip().isdigit() and int(text) in codes:
        return int(text)
    found = [i.code for i in discovery.interests if fold(text) in fold(f"{i.label_fr} / {i.label_en}")]
    if len(found) != 1:
        which = "no interest" if not found else f"{len(found)} interests"
        raise ConfigError(f"{which} match {text!r}: give a code from `advisor explore --list`")
    return found[0]
