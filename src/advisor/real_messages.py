"""Real learner messages (eval/real_messages.yaml) -> the share the advisor handles as
labelled. Pure but for reading the file.

Each message carries the label of the answer it calls for (see eval/README.md): ``answer``
(a job's card, cited first), ``compare`` (two cards side by side), ``suggest`` (a list of
fitting jobs), ``ask_back`` (a question back, no card) or ``not_covered`` (the cards do not
hold it, the answer says so and passes no unrelated card off).

>>> def reply(text, kind, codes, uncovered=()):  # cites cards of these codes as [1], [2], …
...     sources = [Source(n, c, c, "s", f"{c}.md", 1.0, "") for n, c in enumerate(codes, 1)]
...     return Answer("q", text, kind == "declined", sources, "extractive", kind=kind, uncovered=list(uncovered))
>>> def item(label, codes=(), compare=(), lang="en"):
...     return RealMessage("x", "dev", lang, "m", label, codes, compare)
>>> handled(item("answer", ("J1506",)), reply("Nurses need the DE [1].", "cited_lines", ["J1506"]))
True
>>> nursing = reply("Aide-soignant :\\nDEAS [2], infirmier [1].", "cited_lines", ["J1506", "J1501"])
>>> handled(item("answer", ("J1506",)), nursing), first_cited(nursing).rome_code
(False, 'J1501')
>>> miss(item("answer", ("J1506",)), nursing)["first_cited"], miss(item("answer"), nursing)["start"]
('J1501', 'Aide-soignant : DEAS [2], infirmier [1].')
>>> handled(item("compare", ("A1", "A2"), ("A1", "A2")), reply("| [1] | [2] |", "comparison", ["A1", "A2"]))
True
>>> handled(item("suggest", ("A1", "A2", "A3")), reply("- a [1]\\n- b [2]\\n- c [3]", "job_list", ["A1", "B9", "A3"]))
True
>>> handled(item("ask_back"), reply("What do you enjoy doing?", "ask_back", []))
True
>>> visa = reply("The cards do not cover visas. Nurses: DE [1].", "cited_lines", ["J1506"], ["visa"])
>>> handled(item("not_covered"), visa), handled(item("not_covered", ("J1506",)), visa)
(False, True)
>>> table, _ = evaluate_real(
...     lambda i: reply("?", "ask_back" if i.lang == "en" else "cited_lines", []),
...     [item("ask_back"), item("ask_back", lang="fr")],
... )
>>> table["ask_back"]["en"], table["all"]["fr"], table["all"]["all"].share
(Handled(messages=1, handled=1), Handled(messages=1, handled=0), 0.5)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

from advisor.answer.answers import Answer, Source
from advisor.answer.faithfulness import CITATION
from advisor.errors import ConfigError

LABELS = ("answer", "compare", "suggest", "ask_back", "not_covered")
#: The kinds of answers that say no card holds what is asked.
SAYS_NOT_COVERED = frozenset({"declined", "not_covered"})
#: A suggestion is handled when its list holds at least this many fitting cards.
MIN_SUGGESTED = 2
#: The key of every label's, and every language's, total in a ``Table``.
ALL = "all"
_CHECK = "run python eval/check_real.py"


@dataclass(frozen=True)
class RealMessage:
    id: str
    split: str  # "dev" | "heldout"; "" while the item is not split yet (then only in --split all)
    lang: str
    message: str
    label: str
    expected_rome: tuple[str, ...]
    compare: tuple[str, ...] = ()  # compare items: the two cards the answer must cite
    expected_paths: tuple[str, ...] = ()  # the seed card's file, whose code a ROME card shares


def load_real_messages(path: Path) -> list[RealMessage]:
    """The messages of a YAML list; a malformed one is a ``ConfigError`` naming the file and item."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise ConfigError(f"cannot read the real messages in {path}: {error}") from error
    if not isinstance(raw, list):
        raise ConfigError(f"{path} should hold a YAML list of messages (see eval/README.md)")
    return [_message(entry, f"{path}: item {number}") for number, entry in enumerate(raw, 1)]


def _message(entry: object, where: str) -> RealMessage:
    """One item, checked for what scoring needs (``eval/check_real.py`` checks the rest).

    >>> _message({"id": "x", "lang": "en", "message": "hi", "label": "compare", "compare": ["A1"]}, "f: item 1")
    Traceback (most recent call last):
    ...
    advisor.errors.ConfigError: f: item 1 (x): compare items need compare: [ROME_A, ROME_B]; run python eval/check_real.py
    """
    if not isinstance(entry, dict):
        raise ConfigError(f"{where}: not a mapping; {_CHECK}")
    where = f"{where} ({entry.get('id', 'no id')})"

    def text(key: str) -> str:
        value = entry.get(key)
        if not isinstance(value, str) or not value.strip():
            raise ConfigError(f"{where}: {key!r} should be a non-empty string; {_CHECK}")
        return value

    def codes(key: str) -> tuple[str, ...]:
        value = entry.get(key) or []
        if not isinstance(value, list) or not all(isinstance(code, str) for code in value):
            raise ConfigError(f"{where}: {key!r} should be a list of ROME codes; {_CHECK}")
        return tuple(value)

    label = text("label")
    if label not in LABELS:
        raise ConfigError(f"{where}: label {label!r} is not one of {', '.join(LABELS)}; {_CHECK}")
    compare = codes("compare")
    if label == "compare" and len(set(compare)) != 2:
        raise ConfigError(f"{where}: compare items need compare: [ROME_A, ROME_B]; {_CHECK}")
    split = entry.get("split") or ""
    if not isinstance(split, str):
        raise ConfigError(f"{where}: 'split' should be dev or heldout; {_CHECK}")
    return RealMessage(
        id=text("id"),
        split=split,
        lang=text("lang"),
        message=text("message"),
        label=label,
        expected_rome=codes("expected_rome"),
        compare=compare,
        expected_paths=codes("expected_paths"),
    )


def first_cited(answer: Answer) -> Source | None:
    """The source the answer's text cites first (in reading order), None when it cites none."""
    by_number = {source.id: source for source in answer.sources}
    return next((by_number[n] for n in map(int, CITATION.findall(answer.answer)) if n in by_number), None)


def handled(item: RealMessage, answer: Answer) -> bool:
    """Whether the answer is the one the item's label calls for (the rules: eval/README.md)."""
    cited = answer.cited_sources
    codes = {source.rome_code for source in cited}
    if item.label == "answer":
        first = first_cited(answer)
        return (
            not answer.abstained
            and first is not None
            and first.rome_code in item.expected_rome
            and (not item.expected_paths or first.path in item.expected_paths)
        )
    if item.label == "compare":
        return answer.kind == "comparison" and set(item.compare) <= codes
    if item.label == "suggest":
        return answer.kind == "job_list" and len(codes & set(item.expected_rome)) >= MIN_SUGGESTED
    if item.label == "ask_back":
        return answer.kind == "ask_back" and not cited
    says_so = answer.kind in SAYS_NOT_COVERED or bool(answer.uncovered) or answer.abstained
    return says_so and codes <= set(item.expected_rome)


@dataclass
class Handled:
    messages: int = 0
    handled: int = 0

    @property
    def share(self) -> float:
        return self.handled / self.messages if self.messages else 0.0


#: Counts by label, then language, each with an ``ALL`` total: ``table[ALL][ALL]`` is overall.
Table = dict[str, dict[str, Handled]]


def evaluate_real(
    ask: Callable[[RealMessage], Answer], items: list[RealMessage]
) -> tuple[Table, list[tuple[RealMessage, Answer, bool]]]:
    """Each item's answer and whether it is handled as labelled; the counts per label, per
    language and overall."""
    results = []
    table: Table = {}
    for item in items:
        answer = ask(item)
        ok = handled(item, answer)
        results.append((item, answer, ok))
        for label in (item.label, ALL):
            for lang in (item.lang, ALL):
                cell = table.setdefault(label, {}).setdefault(lang, Handled())
                cell.messages += 1
                cell.handled += ok
    return table, results


def miss(item: RealMessage, answer: Answer) -> dict[str, str]:
    """What the answer to a missed item did: its kind, the card it cites first, how it starts."""
    first = first_cited(answer)
    return {
        "id": item.id,
        "label": item.label,
        "kind": answer.kind,
        "first_cited": first.rome_code if first else "",
        "start": " ".join(answer.answer.split())[:100],
    }
