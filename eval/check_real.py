#!/usr/bin/env python3
"""Check the real learner messages against the corpus and print their counts.

Usage (from the repository root):
    python eval/check_real.py [--real eval/real_messages.yaml] [--corpus corpus]

Standard library, PyYAML, the tables of check_golden.py and the labels of
advisor.real_messages. Exit status 0 when every check passes, 1 otherwise (each problem is
printed on one line, prefixed by the item id). What is checked is listed in eval/README.md.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
from collections import Counter
from pathlib import Path

import yaml
from check_golden import ROME_RE, table, verdict

from advisor.real_messages import LABELS
from advisor.settings import Settings

HERE = Path(__file__).resolve().parent
SPLITS = ("dev", "heldout")
LANGS = ("en", "fr")
SITUATIONS = (
    "age",
    "career_change",
    "disability",
    "no_diploma",
    "location",
    "money",
    "doubt",
    "diploma",
    "student",
    "parent",
)
REQUIRED = {
    "id": str,
    "split": str,
    "lang": str,
    "message": str,
    "source": str,
    "label": str,
    "expected_rome": list,
}
# Optional fields may also be left empty (null).
OPTIONAL = {
    "found_via": str,
    "compare": list,
    "not_covered": str,
    "expected_paths": list,
    "situation": list,
    "age": int,
    "current_job": str,
    "target_job": str,
    "asks": list,
    "interests": list,
    "note": str,
}
URL_RE = re.compile(r"^https?://[^\s/]+\.[^\s/]+(?:/\S*)?$")
#: The advisor refuses longer questions (ADVISOR_MAX_QUESTION_CHARS's default).
MAX_CHARS = Settings.model_fields["max_question_chars"].default
CODE_RE = re.compile(r"^rome_code:\s*(\S+)\s*$", re.M)


def split_of(item_id: str) -> str:
    """The split an id falls in, fixed before anything was built: 2 ids in 5 are held out.

    >>> split_of("en-real-002"), split_of("en-real-004")
    ('dev', 'dev')
    """
    return "heldout" if int(hashlib.sha1(item_id.encode()).hexdigest(), 16) % 5 in (1, 3) else "dev"


def card_codes(corpus: Path) -> dict[str, str]:
    """Each card's path (relative to the corpus folder) -> its ROME code: from the front
    matter of a Markdown card, from the ``.meta.yaml`` sidecar of a text card. A line
    search, not a YAML parse: the 1,585 cards' aliases would take seconds."""
    codes = {}
    for file in sorted(corpus.rglob("*")):
        if file.suffix == ".md":
            head = file.read_text(encoding="utf-8").split("\n---\n", 1)[0]
        elif file.suffix == ".txt" and file.with_name(file.name + ".meta.yaml").is_file():
            head = file.with_name(file.name + ".meta.yaml").read_text(encoding="utf-8")
        else:
            continue
        if found := CODE_RE.search(head):
            codes[file.relative_to(corpus).as_posix()] = found.group(1)
    return codes


def check_item(item, codes_of: dict[str, str]) -> list[str]:
    if not isinstance(item, dict):
        return ["item is not a mapping"]
    errors = [f"missing field {key!r}" for key in REQUIRED if key not in item]
    for key, typ in {**REQUIRED, **OPTIONAL}.items():
        value = item.get(key)
        if key in item and not isinstance(value, typ) and not (key in OPTIONAL and value is None):
            errors.append(f"field {key!r} should be {typ.__name__}")
    unknown = set(item) - set(REQUIRED) - set(OPTIONAL)
    if unknown:
        errors.append(f"unknown fields {sorted(unknown)}")
    if errors:
        return errors

    iid, lang, label, codes = item["id"], item["lang"], item["label"], item["expected_rome"]
    if not iid.startswith(lang + "-"):
        errors.append("id prefix does not match lang")
    if item["split"] not in SPLITS:
        errors.append(f"split {item['split']!r} not in {SPLITS}")
    elif item["split"] != split_of(iid):
        errors.append(f"split {item['split']!r}, but its id puts it in {split_of(iid)!r}")
    if lang not in LANGS:
        errors.append(f"lang {lang!r} not in {LANGS}")
    if label not in LABELS:
        errors.append(f"label {label!r} not in {LABELS}")
    if not item["message"].strip():
        errors.append("empty message")
    elif len(item["message"]) > MAX_CHARS:
        errors.append(f"message of {len(item['message'])} characters: the advisor refuses more than {MAX_CHARS}")
    if not URL_RE.match(item["source"]):
        errors.append(f"source {item['source']!r} is not a URL")
    lists = {key: item.get(key) or [] for key, typ in {**REQUIRED, **OPTIONAL}.items() if typ is list}
    for key, values in lists.items():
        if not all(isinstance(v, str) and v.strip() for v in values):
            errors.append(f"{key} must hold non-empty strings")
    if errors:
        return errors

    for code in codes:
        if not ROME_RE.match(code):
            errors.append(f"expected_rome: {code!r} is not a ROME code")
        elif code not in codes_of.values():
            errors.append(f"expected_rome: no card with rome_code {code}")
    if len(set(codes)) != len(codes):
        errors.append("duplicate codes in expected_rome")
    for path in lists["expected_paths"]:
        if path not in codes_of:
            errors.append(f"expected_paths: no card {path} in the corpus")
        elif codes_of[path] not in codes:
            errors.append(f"expected_paths: {path}'s code {codes_of[path]} is not in expected_rome")
    for situation in lists["situation"]:
        if situation not in SITUATIONS:
            errors.append(f"situation {situation!r} not in {SITUATIONS}")

    # The label's rules: what a handled answer is judged on (see eval/README.md).
    compare, not_covered = item.get("compare"), item.get("not_covered")
    if label == "answer" and not codes:
        errors.append("answer items need the acceptable first cards in expected_rome")
    if label == "compare":
        if not compare or len(compare) != 2 or compare[0] == compare[1]:
            errors.append("compare items need compare: [ROME_A, ROME_B], two distinct codes")
        elif not set(compare) <= set(codes):
            errors.append("compare codes must be in expected_rome")
    elif compare:
        errors.append("compare is only for compare items")
    if label == "suggest" and len(codes) < 2:
        errors.append("suggest items need at least 2 fitting cards in expected_rome")
    if label == "ask_back" and codes:
        errors.append("ask_back items take expected_rome: []")
    if label == "not_covered" and not (not_covered or "").strip():
        errors.append("not_covered items need not_covered: what no card holds")
    elif label != "not_covered" and not_covered:
        errors.append("not_covered is only for not_covered items")
    return errors


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--real", type=Path, default=HERE / "real_messages.yaml")
    parser.add_argument("--corpus", type=Path, default=HERE.parent / "corpus")
    args = parser.parse_args(argv)

    if not args.real.is_file():
        print(f"{args.real}: no such file", file=sys.stderr)
        return 1
    items = yaml.safe_load(args.real.read_text(encoding="utf-8"))
    if not isinstance(items, list):
        print(f"{args.real}: expected a YAML list of items", file=sys.stderr)
        return 1
    codes_of = card_codes(args.corpus)

    problems: list[str] = []
    ids: Counter = Counter()
    messages: Counter = Counter()
    for n, item in enumerate(items, 1):
        iid = item.get("id", f"#{n}") if isinstance(item, dict) else f"#{n}"
        ids[iid] += 1
        if isinstance(item, dict) and isinstance(item.get("message"), str):
            messages[" ".join(item["message"].lower().split())] += 1
        problems += [f"{iid}: {e}" for e in check_item(item, codes_of)]
    problems += [f"{iid}: duplicate id ({k} times)" for iid, k in ids.items() if k > 1]
    problems += [f"duplicate message: {m[:60]!r}" for m, k in messages.items() if k > 1]

    good = [i for i in items if isinstance(i, dict) and i.get("label") in LABELS and i.get("split") in SPLITS]
    print(f"real messages: {args.real}  ({len(items)} items)")
    print(f"corpus:        {args.corpus}  ({len(codes_of)} cards, {len(set(codes_of.values()))} codes)")
    for lang in (*LANGS, "all"):
        counts: dict[str, Counter] = {label: Counter() for label in LABELS}
        for item in good:
            if lang in ("all", item["lang"]):
                counts[item["label"]][item["split"]] += 1
        print()
        print(table(f"label ({lang})", counts, SPLITS))
    return verdict(problems)


if __name__ == "__main__":
    sys.exit(main())
