#!/usr/bin/env python3
"""Check the golden evaluation set against the corpus and print a summary.

Usage (from the repository root):
    python eval/check_golden.py [--golden eval/golden.yaml] [--corpus corpus]

Standard library, PyYAML and the section rule of advisor.corpus.formats. Exit status 0 when
every check passes, 1 otherwise (each problem is printed on one line, prefixed by the
item id). What is checked is listed in eval/README.md.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

import yaml

from advisor.corpus.formats import KNOWN_SECTION_PREFIXES

HERE = Path(__file__).resolve().parent
SEED_PATH = "ingenieur-systemes-embarques-ia.txt"
SEED_CODE = "M1873"

SPLITS = ("dev", "heldout")
LANGS = ("en", "fr")
CATEGORIES = (
    "job-fr",
    "job-en",
    "english-title",
    "typo",
    "follow-up",
    "out-of-corpus",
    "pay-not-covered",
    "seed-fact",
    "related-jobs",
    "skills",
    "workplace",
    "access",
    "comparison",
    "tempting",
    "explore",
    "pay",
    "prospects",
    "certifications",
)
# The key figures of the cards (eval/figures.yaml, written by eval/figure_items.py): a set
# of only these is a figures set, held to its own categories and not to the general ones.
FIGURE_CATEGORIES = ("pay", "prospects", "certifications")
# Categories a set may lack: no card lacks pay any more (issue 22), so no item is left.
OPTIONAL_CATEGORIES = ("pay-not-covered",)
REQUIRED = {
    "id": str,
    "split": str,
    "lang": str,
    "category": str,
    "question": str,
    "history": list,
    "expected_rome": list,
    "expected_sections": list,
    "facts": list,
    "answerable": bool,
}
OPTIONAL = {"expected_paths": list, "mixed_lang": bool, "compare": list, "acceptable": list, "max_level": str}
# explore items: the learner describes themself; `acceptable` lists every card a counsellor
# would accept as a suggestion, `max_level` the highest diploma level the question allows.
MAX_LEVELS = ("none", "cap", "bac", "bac+2", "bac+3", "bac+5")
MIN_ACCEPTABLE = 8
ID_RE = re.compile(r"^(en|fr)-[a-z0-9]+(?:-[a-z0-9]+)*-\d{3}$")
ROME_RE = re.compile(r"^[A-N]\d{4}$")

# Headings of plain-text cards: the same rule as the corpus loader's.
TEXT_SECTION_PREFIXES = KNOWN_SECTION_PREFIXES

SHINGLE = 6  # a question sharing this many consecutive words with its card copies it
DEV_SHARE = (0.55, 0.65)  # accepted overall share of dev items
MIN_ITEMS = 110
MIN_OUT_OF_CORPUS = 15


class Card:
    def __init__(self, path: str, code: str | None, text: str, sections: list[str]):
        self.path, self.code, self.text, self.sections = path, code, text, sections


def split_front_matter(raw: str) -> tuple[dict, str]:
    if raw.startswith("---\n"):
        end = raw.find("\n---\n", 4)
        if end != -1:
            return yaml.safe_load(raw[4:end]) or {}, raw[end + 5 :]
    return {}, raw


def clean_heading(line: str) -> str:
    heading = line.strip().strip("#").strip().split(" : ", 1)[0]
    return heading.rstrip(" :").strip()


def load_corpus(corpus: Path) -> tuple[dict[str, list[Card]], dict[str, Card]]:
    """Cards by ROME code and by path (relative to the corpus folder)."""
    by_code: dict[str, list[Card]] = defaultdict(list)
    by_path: dict[str, Card] = {}
    for file in sorted(corpus.rglob("*")):
        if not file.is_file() or file.name.endswith(".meta.yaml"):
            continue
        rel = file.relative_to(corpus).as_posix()
        if file.suffix == ".md":
            meta, body = split_front_matter(file.read_text(encoding="utf-8"))
            sections = [m.group(1).strip() for m in re.finditer(r"^## (.+)$", body, re.M)]
        elif file.suffix == ".txt":
            body = file.read_text(encoding="utf-8")
            sidecar = file.with_name(file.name + ".meta.yaml")
            meta = yaml.safe_load(sidecar.read_text(encoding="utf-8")) if sidecar.exists() else {}
            sections = [
                clean_heading(line)
                for line in body.splitlines()
                if line.strip().lower().startswith(TEXT_SECTION_PREFIXES)
            ]
        else:
            continue
        code = (meta or {}).get("rome_code")
        card = Card(rel, code, body, sections)
        by_path[rel] = card
        if code:
            by_code[code].append(card)
    return by_code, by_path


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def shingles(text: str, n: int = SHINGLE) -> set[tuple[str, ...]]:
    w = words(text)
    return {tuple(w[i : i + n]) for i in range(len(w) - n + 1)}


def check_item(item, by_code, by_path) -> list[str]:
    errors: list[str] = []
    if not isinstance(item, dict):
        return ["item is not a mapping"]
    for key, typ in REQUIRED.items():
        if key not in item:
            errors.append(f"missing field {key!r}")
        elif not isinstance(item[key], typ):
            errors.append(f"field {key!r} should be {typ.__name__}")
    for key, typ in OPTIONAL.items():
        if key in item and not isinstance(item[key], typ):
            errors.append(f"field {key!r} should be {typ.__name__}")
    unknown = set(item) - set(REQUIRED) - set(OPTIONAL)
    if unknown:
        errors.append(f"unknown fields {sorted(unknown)}")
    if errors:
        return errors

    iid, cat, lang = item["id"], item["category"], item["lang"]
    if not ID_RE.match(iid):
        errors.append("id should look like en-topic-001")
    elif not iid.startswith(lang + "-"):
        errors.append("id prefix does not match lang")
    if item["split"] not in SPLITS:
        errors.append(f"split {item['split']!r} not in {SPLITS}")
    if lang not in LANGS:
        errors.append(f"lang {lang!r} not in {LANGS}")
    if cat not in CATEGORIES:
        errors.append(f"category {cat!r} unknown")
    if not item["question"].strip():
        errors.append("empty question")
    for key in ("expected_rome", "expected_sections", "facts"):
        if not all(isinstance(v, str) and v.strip() for v in item[key]):
            errors.append(f"{key} must hold non-empty strings")
    paths = item.get("expected_paths", [])
    if not all(isinstance(v, str) for v in paths):
        errors.append("expected_paths must hold strings")
    if errors:
        return errors

    for turn in item["history"]:
        if not isinstance(turn, dict) or not isinstance(turn.get("question"), str):
            errors.append("history turns need a question string")
        elif set(turn) - {"question", "answer_hint"}:
            errors.append(f"history turn has unknown keys {sorted(set(turn) - {'question', 'answer_hint'})}")
        elif "answer_hint" in turn and not isinstance(turn["answer_hint"], str):
            errors.append("answer_hint should be a string")

    # Category and answerability rules.
    codes, facts, answerable = item["expected_rome"], item["facts"], item["answerable"]
    if cat == "follow-up" and not item["history"]:
        errors.append("follow-up without history")
    if cat not in ("follow-up", "explore") and item["history"]:
        errors.append("history is only for follow-up and explore items")
    if cat == "out-of-corpus" and (codes or answerable or paths):
        errors.append("out-of-corpus items need expected_rome [] and answerable false")
    if cat == "pay-not-covered" and (not codes or answerable):
        errors.append("pay-not-covered items need the job's code and answerable false")
    if cat in FIGURE_CATEGORIES and (not answerable or not facts or not item["expected_sections"]):
        errors.append(f"{cat} items need answerable true, a fact and expected_sections")
    if answerable and not codes:
        errors.append("answerable item without expected_rome")
    if not answerable and (facts or item["expected_sections"]):
        errors.append("unanswerable items take no facts and no expected_sections")
    if cat == "seed-fact" and (SEED_CODE not in codes or SEED_PATH not in paths):
        errors.append(f"seed-fact items expect {SEED_CODE} and {SEED_PATH}")
    if len(facts) > 3:
        errors.append("at most 3 facts")
    if len(set(codes)) != len(codes):
        errors.append("duplicate codes in expected_rome")
    # compare: the two jobs of a comparison, both of which a correct answer must cite.
    compare = item.get("compare")
    if cat == "comparison" and compare is None:
        errors.append("comparison items need compare: [ROME_A, ROME_B]")
    if compare is not None:
        if len(compare) != 2 or not all(isinstance(c, str) for c in compare):
            errors.append("compare must hold exactly two ROME codes")
        elif compare[0] == compare[1]:
            errors.append("compare must hold two distinct codes")
        else:
            for code in compare:
                if not ROME_RE.match(code):
                    errors.append(f"compare: {code!r} is not a ROME code")
                elif code not in by_code:
                    errors.append(f"compare: no card with rome_code {code}")
                if code not in codes:
                    errors.append(f"compare code {code} is not in expected_rome")

    # explore: acceptable (>= MIN_ACCEPTABLE distinct codes of existing cards) is also the
    # expected_rome list; no sections nor facts; optional max_level from MAX_LEVELS.
    acceptable, max_level = item.get("acceptable"), item.get("max_level")
    if cat == "explore":
        if acceptable is None:
            errors.append("explore items need acceptable: [ROME codes]")
        else:
            if not all(isinstance(c, str) for c in acceptable):
                errors.append("acceptable must hold ROME code strings")
            else:
                for code in acceptable:
                    if not ROME_RE.match(code):
                        errors.append(f"acceptable: {code!r} is not a ROME code")
                    elif code not in by_code:
                        errors.append(f"acceptable: no card with rome_code {code}")
                if len(set(acceptable)) != len(acceptable):
                    errors.append("duplicate codes in acceptable")
                if len(set(acceptable)) < MIN_ACCEPTABLE:
                    errors.append(f"acceptable holds {len(set(acceptable))} codes, at least {MIN_ACCEPTABLE} wanted")
                if list(codes) != list(acceptable):
                    errors.append("explore items need expected_rome equal to acceptable")
        if facts or item["expected_sections"] or not answerable or paths:
            errors.append("explore items take no facts, no expected_sections, no expected_paths, answerable true")
    else:
        if acceptable is not None:
            errors.append("acceptable is only for explore items")
        if max_level is not None:
            errors.append("max_level is only for explore items")
    if max_level is not None and max_level not in MAX_LEVELS:
        errors.append(f"max_level {max_level!r} not in {MAX_LEVELS}")

    # Corpus checks.
    cards: list[Card] = []
    for code in codes:
        if not ROME_RE.match(code):
            errors.append(f"{code!r} is not a ROME code")
        elif code not in by_code:
            errors.append(f"no card with rome_code {code}")
        else:
            cards.extend(by_code[code])
    path_cards: list[Card] = []
    for rel in paths:
        card = by_path.get(rel)
        if card is None:
            errors.append(f"expected_path {rel} not found under the corpus")
            continue
        path_cards.append(card)
        if card.code not in codes:
            errors.append(f"expected_path {rel} has rome_code {card.code}, not in expected_rome")
    # Facts and sections must be found where retrieval is expected to land: in the
    # expected files when they are named, otherwise in any card of the expected codes.
    sources = path_cards or cards
    where = "expected_paths" if path_cards else "expected_rome cards"
    for fact in facts:
        if sources and not any(fact in c.text for c in sources):
            errors.append(f"fact {fact!r} not found verbatim in {where}")
        if re.search(r"(?<!\w)" + re.escape(fact.lower()) + r"(?!\w)", item["question"].lower()):
            errors.append(f"fact {fact!r} is given away by the question")
    for section in item["expected_sections"]:
        if sources and not any(section in c.sections for c in sources):
            errors.append(f"section {section!r} not in {where}")
    qs = shingles(item["question"])
    for card in cards + path_cards:
        copied = qs & shingles(card.text)
        if copied:
            errors.append(f"question copies {card.path}: {' '.join(sorted(copied)[0])!r}")
            break
    return errors


def table(title: str, rows: dict[str, Counter], columns: tuple[str, ...]) -> str:
    width = max([len(title)] + [len(r) for r in rows]) + 2
    head = title.ljust(width) + "".join(c.rjust(9) for c in columns) + "total".rjust(8) + "  dev%".rjust(7)
    lines = [head, "-" * len(head)]
    totals: Counter = Counter()
    for name, counts in rows.items():
        total = sum(counts[c] for c in columns)
        totals.update(counts)
        dev = counts.get("dev", 0)
        share = f"{100 * dev / total:5.0f}%" if "dev" in columns and total else ""
        lines.append(
            name.ljust(width) + "".join(str(counts[c]).rjust(9) for c in columns) + str(total).rjust(8) + share.rjust(7)
        )
    grand = sum(totals[c] for c in columns)
    share = f"{100 * totals['dev'] / grand:5.0f}%" if "dev" in columns and grand else ""
    lines.append("-" * len(head))
    lines.append(
        "all".ljust(width) + "".join(str(totals[c]).rjust(9) for c in columns) + str(grand).rjust(8) + share.rjust(7)
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--golden", type=Path, default=HERE / "golden.yaml")
    parser.add_argument("--corpus", type=Path, default=HERE.parent / "corpus")
    args = parser.parse_args(argv)

    items = yaml.safe_load(args.golden.read_text(encoding="utf-8"))
    if not isinstance(items, list):
        print(f"{args.golden}: expected a YAML list of items", file=sys.stderr)
        return 1
    by_code, by_path = load_corpus(args.corpus)
    rome_cards = sum(1 for c in by_path.values() if c.path.startswith("rome/"))

    problems: list[str] = []
    ids: Counter = Counter()
    questions: Counter = Counter()
    for n, item in enumerate(items, 1):
        iid = item.get("id", f"#{n}") if isinstance(item, dict) else f"#{n}"
        ids[iid] += 1
        if isinstance(item, dict) and isinstance(item.get("question"), str):
            key = (" ".join(words(item["question"])), repr(item.get("history")))
            questions[key] += 1
        problems += [f"{iid}: {e}" for e in check_item(item, by_code, by_path)]
    problems += [f"{iid}: duplicate id ({k} times)" for iid, k in ids.items() if k > 1]
    problems += [f"duplicate question: {q[0]!r}" for q, k in questions.items() if k > 1]

    good = [i for i in items if isinstance(i, dict) and i.get("category") in CATEGORIES and i.get("split") in SPLITS]
    by_cat: dict[str, Counter] = {c: Counter() for c in CATEGORIES}
    by_lang: dict[str, Counter] = {}
    for item in good:
        by_cat[item["category"]][item["split"]] += 1
        kind = item["lang"] + ("+mixed" if item.get("mixed_lang") else "")
        by_lang.setdefault(kind, Counter())[item["split"]] += 1
    by_lang = dict(sorted(by_lang.items()))

    # Set-level rules.
    total = len(items)
    dev = sum(1 for i in good if i["split"] == "dev")
    if total < MIN_ITEMS:
        problems.append(f"set: {total} items, at least {MIN_ITEMS} wanted")
    if good and not DEV_SHARE[0] <= dev / len(good) <= DEV_SHARE[1]:
        problems.append(f"set: dev share {dev / len(good):.0%} outside {DEV_SHARE[0]:.0%}-{DEV_SHARE[1]:.0%}")
    figures_only = bool(good) and all(item["category"] in FIGURE_CATEGORIES for item in good)
    for cat, counts in by_cat.items():
        wanted = cat in FIGURE_CATEGORIES if figures_only else cat not in FIGURE_CATEGORIES + OPTIONAL_CATEGORIES
        if (wanted or counts.total()) and (not counts["dev"] or not counts["heldout"]):
            problems.append(f"set: category {cat} is not spread across both splits ({dict(counts)})")
    if not figures_only and sum(by_cat["out-of-corpus"].values()) < MIN_OUT_OF_CORPUS:
        problems.append(f"set: fewer than {MIN_OUT_OF_CORPUS} out-of-corpus items")

    print(f"golden set: {args.golden}  ({total} items)")
    print(f"corpus:     {args.corpus}  ({rome_cards} ROME cards, {len(by_path)} files, {len(by_code)} codes)")
    print()
    print(table("category", {cat: counts for cat, counts in by_cat.items() if counts.total()}, SPLITS))
    print()
    print(table("language", by_lang, SPLITS))
    mixed = sum(1 for i in good if i.get("mixed_lang"))
    langs = Counter(i["lang"] for i in good if not i.get("mixed_lang"))
    print(
        f"\nlanguage mix: fr {langs['fr']} ({langs['fr'] / len(good):.0%}), en {langs['en']} "
        f"({langs['en'] / len(good):.0%}), mixed fr/en {mixed} ({mixed / len(good):.0%})"
    )
    unanswerable = sum(1 for i in good if not i["answerable"])
    with_facts = sum(1 for i in good if i["facts"])
    with_paths = sum(1 for i in good if i.get("expected_paths"))
    codes = {c for i in good for c in i["expected_rome"]}
    print(
        f"answerable {len(good) - unanswerable}, unanswerable {unanswerable}; items with facts "
        f"{with_facts} ({sum(len(i['facts']) for i in good)} facts); with expected_paths {with_paths}; "
        f"distinct expected codes {len(codes)}"
    )
    explore = [i for i in good if i["category"] == "explore"]
    if explore:
        sizes = [len(i.get("acceptable") or []) for i in explore]
        print(
            f"explore {len(explore)}: with max_level {sum(1 for i in explore if i.get('max_level'))}, "
            f"with history {sum(1 for i in explore if i['history'])}; acceptable codes per item "
            f"{min(sizes)}-{max(sizes)} (median {sorted(sizes)[len(sizes) // 2]})"
        )
    return verdict(problems)


def verdict(problems: list[str]) -> int:
    """Print the problems found, or that every check passed; the exit status."""
    print()
    if problems:
        print(f"FAILED: {len(problems)} problem(s)")
        for problem in problems:
            print("  " + problem)
        return 1
    print("OK: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
