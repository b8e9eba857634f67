"""Retrieval metrics over the golden set (eval/golden.yaml). Pure but for reading the file.

A hit is a retrieved chunk of one of the expected cards (and of an expected file,
when the item names one: the seed card shares its ROME code with a ROME card).

>>> item = GoldenItem("x", "dev", "fr", "job-fr", "q", (), ("D1102",), (), True)
>>> reciprocal_rank([{"rome_code": "A1"}, {"rome_code": "D1102"}], item)
0.5
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from advisor.answer.faithfulness import cited, gate
from advisor.search.fit import within
from advisor.text import fold


@dataclass(frozen=True)
class GoldenItem:
    id: str
    split: str
    lang: str
    category: str
    question: str
    history: tuple[str, ...]
    expected_rome: tuple[str, ...]
    expected_paths: tuple[str, ...]
    answerable: bool
    facts: tuple[str, ...] = ()
    compare: tuple[str, ...] = ()  # the two cards a comparison must cite
    acceptable: tuple[str, ...] = ()  # explore items: the cards a counsellor would accept
    max_level: str | None = None  # explore items: the highest level of study the question allows


#: Questions that describe the learner, not a job: scored by the jobs they list, not here.
EXPLORE = "explore"


def load_golden(path: Path) -> list[GoldenItem]:
    items = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [
        GoldenItem(
            id=item["id"],
            split=item["split"],
            lang=item["lang"],
            category=item["category"],
            question=item["question"],
            history=tuple(turn["question"] for turn in item.get("history") or []),
            expected_rome=tuple(item.get("expected_rome") or []),
            expected_paths=tuple(item.get("expected_paths") or []),
            answerable=bool(item["answerable"]),
            facts=tuple(item.get("facts") or []),
            compare=tuple(item.get("compare") or []),
            acceptable=tuple(item.get("acceptable") or []),
            max_level=item.get("max_level"),
        )
        for item in items
    ]


def is_hit(metadata: dict, item: GoldenItem) -> bool:
    if metadata["rome_code"] not in item.expected_rome:
        return False
    return not item.expected_paths or metadata["path"] in item.expected_paths


def reciprocal_rank(hits: list[dict], item: GoldenItem) -> float:
    """1/rank of the first hit among the retrieved chunks' metadata, 0 if none."""
    return next((1 / rank for rank, metadata in enumerate(hits, 1) if is_hit(metadata, item)), 0.0)


@dataclass
class Scores:
    questions: int = 0
    hit_at_1: float = 0.0
    hit_at_5: float = 0.0
    mrr: float = 0.0


def evaluate(
    retrieve: Callable[[GoldenItem], list[dict]], items: list[GoldenItem]
) -> tuple[dict[str, Scores], list[tuple[GoldenItem, float]]]:
    """hit@1, hit@5 and MRR (over the top 5) per language and for all, on the items that
    name a card; also each item's reciprocal rank, to find the misses."""
    ranks = [(item, reciprocal_rank(retrieve(item)[:5], item)) for item in items if item.expected_rome]
    groups: dict[str, list[float]] = {"all": []}
    for item, rank in ranks:
        groups.setdefault(item.lang, []).append(rank)
        groups["all"].append(rank)
    return {
        name: Scores(
            questions=len(values),
            hit_at_1=sum(r == 1.0 for r in values) / len(values),
            hit_at_5=sum(r > 0 for r in values) / len(values),
            mrr=sum(values) / len(values),
        )
        for name, values in groups.items()
        if values
    }, ranks


def fact_found(fact: str, answer: str) -> bool:
    """Whether an answer states a fact of the golden set: its words, or for a figure its
    digits (an English answer may write "3,800 to 7,000 euros").

    >>> fact_found("3 800 € à 7 000 € / mois", "between 3,800 and 7,000 euros a month [1]")
    True
    >>> fact_found("ESIEE", "une école d'ingénieurs [1]")
    False
    """
    if fold(fact) in fold(answer):
        return True
    digits = re.findall(r"\d[\d\s.,]*\d|\d", fact)
    answer_digits = re.sub(r"\D", " ", re.sub(r"(?<=\d)[\s.,](?=\d{3})", "", answer))
    return bool(digits) and all(re.sub(r"\D", "", d) in answer_digits.split() for d in digits)


@dataclass
class AnswerScores:
    questions: int = 0
    fact_coverage: float = 0.0  # share of the golden facts the answers state
    abstained_when_uncovered: float = 0.0  # share of unanswerable questions declined
    false_abstentions: float = 0.0  # share of answerable questions declined
    unsupported: int = 0  # answers stating a term that no source they cite holds
    repeated: int = 0  # answers saying one statement twice
    gated: int = 0  # answers the faithfulness gate took a statement out of
    comparisons: int = 0  # comparison questions
    both_cited: float = 0.0  # share of comparisons whose answer cites both cards


@dataclass(frozen=True)
class Reply:
    """What an answer is judged on: its text, whether it declined, what it cites."""

    text: str
    abstained: bool
    #: Each ``[n]`` -> (the card's ROME code, the text the answer may draw on: see faithfulness.source_text).
    sources: dict[int, tuple[str, str]] = field(default_factory=dict)
    gated: bool = False  # the gate took a statement out of it


def cited_codes(reply: Reply) -> set[str]:
    """ROME codes of the sources the reply's text cites.

    >>> sorted(cited_codes(Reply("A [1] B [3]", False, {1: ("J1104", ""), 2: ("X", ""), 3: ("J1506", "")})))
    ['J1104', 'J1506']
    """
    numbers = cited(reply.text)
    return {code for number, (code, _) in reply.sources.items() if number in numbers and code}


def evaluate_answers(
    ask: Callable[[GoldenItem], Reply], items: list[GoldenItem], titles: frozenset[str] = frozenset()
) -> tuple[dict[str, AnswerScores], list[tuple[GoldenItem, Reply]]]:
    """Answer metrics per language and for all. Every final answer is checked again by
    the faithfulness gate, against the sources it cites (``titles``: the corpus's job titles)."""
    results = [(item, ask(item)) for item in items]
    groups: dict[str, list[tuple[GoldenItem, Reply]]] = {"all": []}
    for result in results:
        groups.setdefault(result[0].lang, []).append(result)
        groups["all"].append(result)
    scores = {}
    for name, group in groups.items():
        facts = [fact_found(f, reply.text) for item, reply in group if item.answerable for f in item.facts]
        uncovered = [reply.abstained for item, reply in group if not item.answerable]
        answerable = [reply.abstained for item, reply in group if item.answerable]
        checked = [
            gate(reply.text, {n: text for n, (_, text) in reply.sources.items()}, item.question, titles)
            for item, reply in group
        ]
        compared = [set(item.compare) <= cited_codes(reply) for item, reply in group if item.compare]
        scores[name] = AnswerScores(
            questions=len(group),
            fact_coverage=sum(facts) / len(facts) if facts else 0.0,
            abstained_when_uncovered=sum(uncovered) / len(uncovered) if uncovered else 0.0,
            false_abstentions=sum(answerable) / len(answerable) if answerable else 0.0,
            unsupported=sum(bool(check.unsupported) for check in checked),
            repeated=sum(bool(check.repeated) for check in checked),
            gated=sum(reply.gated for _, reply in group),
            comparisons=len(compared),
            both_cited=sum(compared) / len(compared) if compared else 0.0,
        )
    return scores, results


@dataclass
class ExploreScores:
    questions: int = 0
    recognised: float = 0.0  # share answered with a list of jobs
    one_in_five: float = 0.0  # share with an acceptable job among the first five listed
    three_listed: float = 0.0  # share with at least three acceptable jobs listed
    level_kept: float = 0.0  # share of items stating a level whose listed jobs all keep it
    with_level: int = 0  # items stating a level


def evaluate_explore(
    explore: Callable[[GoldenItem], list[tuple[str, str | None]] | None], items: list[GoldenItem]
) -> dict[str, ExploreScores]:
    """Explore metrics per language and for all; ``explore`` gives the listed jobs as
    (ROME code, access level), best first, or None when no list was given.

    >>> item = GoldenItem("x", "dev", "en", "explore", "q", (), ("A1",), (), True, acceptable=("A1", "A2", "A3"), max_level="cap")
    >>> scores = evaluate_explore(lambda _: [("B1", "cap"), ("A1", "none"), ("A2", "bac")], [item])
    >>> s = scores["all"]; (s.one_in_five, s.three_listed, s.level_kept)
    (1.0, 0.0, 0.0)
    """
    results = [(item, explore(item)) for item in items if item.category == EXPLORE]
    groups: dict[str, list[tuple[GoldenItem, list[tuple[str, str | None]] | None]]] = {"all": []}
    for result in results:
        groups.setdefault(result[0].lang, []).append(result)
        groups["all"].append(result)
    scores = {}
    for name, group in groups.items():
        if not group:
            continue
        listed = [(item, jobs or []) for item, jobs in group]
        levelled = [(item, jobs) for item, jobs in listed if item.max_level]
        scores[name] = ExploreScores(
            questions=len(group),
            recognised=sum(jobs is not None for _, jobs in group) / len(group),
            one_in_five=sum(any(code in item.acceptable for code, _ in jobs[:5]) for item, jobs in listed) / len(group),
            three_listed=sum(sum(code in item.acceptable for code, _ in jobs) >= 3 for item, jobs in listed)
            / len(group),
            level_kept=sum(
                bool(jobs) and all(within(level, item.max_level) for _, level in jobs) for item, jobs in levelled
            )
            / len(levelled)
            if levelled
            else 0.0,
            with_level=len(levelled),
        )
    return scores
