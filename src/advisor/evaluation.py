"""Retrieval metrics over the golden set (eval/golden.yaml). Pure but for reading the file.

A hit is a retrieved chunk of one of the expected cards (and of an expected file,
when the item names one: the seed card shares its ROME code with a ROME card).

>>> item = GoldenItem("x", "dev", "fr", "job-fr", "q", (), ("D1102",), (), True)
>>> reciprocal_rank([{"rome_code": "A1"}, {"rome_code": "D1102"}], item)
0.5
"""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml


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
