"""How often does a certification listed on a job card really lead to that job?

Every ROME 4.0 card ends with ``## Certifications et voies d'accès``: the Certif Info
certifications filed under its ROME v3 code (``rome_parent``). A card is *own* when its code
is that v3 code, *inherited* when it was split from it and kept only the parent's
certifications whose title words fit its names. This measures the precision of that list on
hand-labelled (card, certification) pairs, own and inherited apart, and counts the cards
left with no certification at all.

    python bench/certification_precision.py sample   # draw eval/certification_pairs.yaml (50 own + 50 inherited)
    python bench/certification_precision.py score    # precision of the labelled pairs (the default)
    python bench/certification_precision.py score --json
    python bench/certification_precision.py sample --pairs eval/certification_pairs_heldout.yaml \
        --seed 4020 --exclude eval/certification_pairs.yaml   # a held-out draw on other cards
    python bench/certification_precision.py score --pairs eval/certification_pairs_heldout.yaml

``sample`` draws one pair per card at most, with ``--seed`` (fixed by default), skips the
cards of the labelled file given with ``--exclude``, and refuses to overwrite a labelled
file unless given ``--force``. Label each pair ``fits: true`` when the certification
genuinely prepares for or leads to the job as the card describes it, ``false`` otherwise,
with a short ``why``; ``score`` counts ``true`` over the labelled (non-null) pairs whose
certification (by title) the card still lists, and reports the others as no longer listed (the cards
were regenerated since they were labelled).
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

from advisor.vocabulary import CERTIFICATIONS

REPO = Path(__file__).resolve().parents[1]
CARDS = REPO / "corpus" / "rome"
PAIRS = REPO / "eval" / "certification_pairs.yaml"
HEADING = f"## {CERTIFICATIONS}"
SEED = 20240
PER_GROUP = 50


@dataclass(frozen=True)
class Card:
    code: str
    title: str
    parent: str
    certifications: tuple[str, ...]

    @property
    def inherited(self) -> bool:
        return self.code != self.parent


def _certifications(body: str) -> tuple[str, ...]:
    """The bullets of the certification section, without the count of others and the source."""
    found: list[str] = []
    inside = False
    for line in body.splitlines():
        if line.startswith("## "):
            inside = line.strip() == HEADING
            continue
        if inside and line.startswith("- "):
            item = line[2:].strip()
            if item.startswith(("Et ", "Source :")):
                continue
            found.append(item)
    return tuple(found)


def title(line: str) -> str:
    """A certification line's title: what is left without its routes and its facts in
    parentheses, so that a pair labelled before the line changed still finds it.

    >>> title("Boulanger (BM) (titre RNCP, niveau 5 (bac+2)) : par VAE (Certif Info, 2024).")
    'Boulanger (BM)'
    """
    line = line.split(" (Certif Info")[0].split(" : par ")[0]
    depth = 0
    for index in range(len(line) - 1, -1, -1):
        depth += {")": 1, "(": -1}.get(line[index], 0)
        if depth == 0:
            return line[:index].strip()
    return line


def read_cards(folder: Path = CARDS) -> list[Card]:
    cards = []
    for path in sorted(folder.glob("*.md")):
        text = path.read_text(encoding="utf-8")
        _, front, body = text.split("---\n", 2)
        meta = yaml.safe_load(front)
        code = str(meta["rome_code"])
        cards.append(Card(code, str(meta["title"]), str(meta.get("rome_parent") or code), _certifications(body)))
    return cards


def sample(
    cards: list[Card], seed: int = SEED, per_group: int = PER_GROUP, exclude: frozenset[str] = frozenset()
) -> list[dict]:
    """``per_group`` own and ``per_group`` inherited pairs, one per card not in ``exclude``, drawn with ``seed``."""
    rng = random.Random(seed)
    pairs = []
    for inherited in (False, True):
        group = [
            card for card in cards if card.certifications and card.inherited == inherited and card.code not in exclude
        ]
        for card in sorted(rng.sample(group, min(per_group, len(group))), key=lambda card: card.code):
            pairs.append(
                {
                    "card": card.code,
                    "card_title": card.title,
                    "parent": card.parent,
                    "through_parent": inherited,
                    "certification": rng.choice(card.certifications),
                    "fits": None,
                    "why": "",
                }
            )
    return pairs


def wilson(hits: int, total: int, z: float = 1.96) -> tuple[float, float]:
    """The 95 % Wilson interval of a proportion: on 50 pairs it is about ±14 points.

    >>> wilson(25, 50)
    (0.366, 0.634)
    """
    if not total:
        return (0.0, 1.0)
    share = hits / total
    centre = (share + z * z / (2 * total)) / (1 + z * z / total)
    half = z * math.sqrt(share * (1 - share) / total + z * z / (4 * total * total)) / (1 + z * z / total)
    return (round(centre - half, 3), round(centre + half, 3))


def _precision(pairs: list[dict]) -> dict:
    labelled = [pair for pair in pairs if pair.get("fits") is not None]
    fitting = sum(1 for pair in labelled if pair["fits"] is True)
    return {
        "pairs": len(pairs),
        "labelled": len(labelled),
        "fits": fitting,
        "precision": round(fitting / len(labelled), 3) if labelled else None,
        "interval_95": list(wilson(fitting, len(labelled))) if labelled else None,
    }


def score(pairs: list[dict], cards: list[Card]) -> dict:
    listed = {card.code: {title(line) for line in card.certifications} for card in cards}
    still = [pair for pair in pairs if title(pair["certification"]) in listed.get(pair["card"], ())]
    gone = len(pairs) - len(still)
    pairs = still
    without = {
        "own": sum(1 for card in cards if not card.inherited and not card.certifications),
        "inherited": sum(1 for card in cards if card.inherited and not card.certifications),
    }
    return {
        "overall": _precision(pairs),
        "own": _precision([pair for pair in pairs if not pair["through_parent"]]),
        "inherited": _precision([pair for pair in pairs if pair["through_parent"]]),
        "cards": {
            "total": len(cards),
            "own": sum(1 for card in cards if not card.inherited),
            "inherited": sum(1 for card in cards if card.inherited),
        },
        "cards_without_certification": {**without, "total": without["own"] + without["inherited"]},
        "no_longer_listed": gone,
    }


def _print(result: dict) -> None:
    print("Precision of the certifications listed (fits ÷ labelled pairs):")
    for group in ("overall", "own", "inherited"):
        figures = result[group]
        shown = f"{figures['precision']:.1%}" if figures["precision"] is not None else "n/a"
        unlabelled = figures["pairs"] - figures["labelled"]
        extra = f", {unlabelled} unlabelled" if unlabelled else ""
        interval = figures["interval_95"]
        bounds = f"  95 % interval {interval[0]:.0%}-{interval[1]:.0%}" if interval else ""
        print(f"  {group:<10} {shown:>6}  ({figures['fits']}/{figures['labelled']}{extra}){bounds}")
    if result["no_longer_listed"]:
        print(f"  ({result['no_longer_listed']} labelled pairs left out: the card no longer lists the certification)")
    cards, without = result["cards"], result["cards_without_certification"]
    print("Cards with no certification listed:")
    for group in ("own", "inherited", "total"):
        print(f"  {group:<10} {without[group]:>4} of {cards[group]}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", nargs="?", choices=("sample", "score"), default="score")
    parser.add_argument("--pairs", type=Path, default=PAIRS)
    parser.add_argument("--cards", type=Path, default=CARDS)
    parser.add_argument("--seed", type=int, default=SEED, help="sample: the random seed")
    parser.add_argument("--exclude", type=Path, help="sample: skip the cards of this labelled file")
    parser.add_argument("--force", action="store_true", help="sample: overwrite a file that holds labels")
    parser.add_argument("--json", action="store_true", help="score: print JSON")
    args = parser.parse_args(argv)
    cards = read_cards(args.cards)
    if args.command == "sample":
        if args.pairs.exists() and not args.force:
            old = yaml.safe_load(args.pairs.read_text(encoding="utf-8")) or []
            if any(pair.get("fits") is not None for pair in old):
                print(f"{args.pairs} holds labels: pass --force to overwrite it.", file=sys.stderr)
                return 1
        excluded = (yaml.safe_load(args.exclude.read_text(encoding="utf-8")) or []) if args.exclude else []
        pairs = sample(cards, args.seed, exclude=frozenset(str(pair["card"]) for pair in excluded))
        text = yaml.safe_dump(pairs, allow_unicode=True, sort_keys=False, width=120)
        args.pairs.write_text(text, encoding="utf-8")
        print(f"{len(pairs)} pairs written to {args.pairs}")
        return 0
    pairs = yaml.safe_load(args.pairs.read_text(encoding="utf-8")) or []
    result = score(pairs, cards)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        _print(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
