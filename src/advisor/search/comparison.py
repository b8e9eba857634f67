"""Questions that compare two jobs: "X vs Y", "X ou Y ?", "quelle différence entre X et Y",
"which needs more studies, X or Y". Pure.

The question is cut at its connector ("vs", "ou", "or"; "et" and "and" only after a word
that asks for a difference or a comparison), and each side must name a job by itself:
"Un CAP ou un BEP ?" names none, so it is no comparison.

>>> comparison_sides("Infirmier ou aide-soignant, quelle différence ?")
('Infirmier', 'aide-soignant')
>>> comparison_sides("Which needs more studies, a midwife or a nurse?")
('a midwife', 'a nurse')
>>> comparison_sides("whats the diffrence between a notary and a lawyer in france")
('notary', 'a lawyer in france')
>>> comparison_sides("Ne vaut-il pas mieux être une bonne infirmière plutôt qu'un mauvais médecin ?")
('Ne vaut-il pas mieux être une bonne infirmière', 'un mauvais médecin')
>>> comparison_sides("Comment devenir boulanger ?") is None
True
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Protocol

from advisor.index.store import Hit
from advisor.search.intents import section_matches
from advisor.vocabulary import ACCESS, COUNTERPART, FOCUS, HIRING, PAY, WHERE

#: Connectors that set two jobs against each other by themselves.
_EITHER = re.compile(
    r"\s+(?:(?:vs\.?|versus|ou bien|ou|or|contre|rather than|instead of)\s+|plut[oô]t qu(?:e\s+|'|’))", re.IGNORECASE
)
#: Words after which "et" / "and" joins the two jobs compared ("différentes" asks for no difference).
_ASKS_DIFFERENCE = re.compile(
    r"\b(?:(?:diff?[eé]?r[eé]nces?|diff\b|compar\w*)(?:\s+(?:between|entre))?|between|entre)\s+"
    r"(?:(?:un|une|le|la|les|a|an|the|de)\s+|[ld]')?",
    re.IGNORECASE,
)
_BOTH = re.compile(r"\s+(?:et|and|with|avec|to|à)\s+", re.IGNORECASE)
#: Where a side ends: the rest of the sentence is about the comparison, not the job.
_CLAUSE = re.compile(r"\s*[,:;?!.()]\s*|\s+-\s+")


def comparison_sides(question: str) -> tuple[str, str] | None:
    """The two pieces of the question that should each name a job, or None."""
    text = " ".join(question.split())
    asked = _ASKS_DIFFERENCE.search(text)
    if asked:
        tail = text[asked.end() :]
        both = _BOTH.search(tail) or _EITHER.search(tail)
        if both and tail[: both.start()].strip():
            return _last_clause(tail[: both.start()]), _first_clause(tail[both.end() :])
    either = _EITHER.search(text)
    if either:
        return _last_clause(text[: either.start()]), _first_clause(text[either.end() :])
    return None


def _last_clause(text: str) -> str:
    """The last clause that holds words: "Trauma nurse? or EMT?" sets "Trauma nurse" first.

    >>> _last_clause("Ok, trauma nurse?")
    'trauma nurse'
    """
    return next((part.strip() for part in reversed(_CLAUSE.split(text.strip())) if part.strip()), "")


def _first_clause(text: str) -> str:
    return next((part.strip() for part in _CLAUSE.split(text.strip()) if part.strip()), "")


class Namer(Protocol):
    """The card a piece of text names and how surely, by its names only (``sure_only``)
    or by the encoder too; None when it names none."""

    def __call__(self, text: str, sure_only: bool) -> tuple[str, float] | None: ...


def compared_jobs(question: str, best_card: Namer, threshold: float) -> tuple[str, str] | None:
    """The two cards (as the namer's keys) a question compares, each named at least at
    ``threshold`` by its own side; None when it compares nothing, or one job with itself.

    A bare "ou" / "or" joins many things that are not jobs ("Bitcoin or Nvidia shares"):
    there both sides must name their job by a name. After "vs" or "difference", the
    encoder may name one ("nurse", too common a word to be one card's English name).
    """
    sides = comparison_sides(question)
    if sides is None or not all(sides):
        return None
    sure_only = not _ASKS_DIFFERENCE.search(question) and not re.search(r"\b(?:vs|versus)\b", question, re.I)
    found = [best_card(side, sure_only) for side in sides]
    if any(match is None or match[1] < threshold for match in found):
        return None
    left, right = (match[0] for match in found if match is not None)
    return (left, right) if left != right else None


#: The rows of a comparison, in this order unless the question asks for one first.
ROWS = (ACCESS, FOCUS, PAY, HIRING, WHERE)


def comparison_hits(
    pair: tuple[str, str], chunks_of: Callable[[str], list[Hit]], asked: tuple[str, ...], english: bool
) -> list[Hit]:
    """Each card's first chunk of every row, the two cards side by side row after row;
    the asked-for rows first, and for an English question a row's English section (the
    English description for "Focus métier", "Pay" for "Revenus") where the card has one.

    >>> def hit(path, section): return Hit(f"{path}{section}", "", {"path": path, "section": section}, 0.0)
    >>> cards = {"a": [hit("a", "Focus métier"), hit("a", "Se lancer dans ce métier")], "b": [hit("b", "Focus métier")]}
    >>> [h.id for h in comparison_hits(("a", "b"), cards.__getitem__, ("Focus métier",), False)]
    ['aFocus métier', 'bFocus métier', 'aSe lancer dans ce métier']
    """
    rows = [row for row in ROWS if section_matches(row, asked)] + [
        row for row in ROWS if not section_matches(row, asked)
    ]
    hits = []
    for row in rows:
        for path in pair:
            chunks = chunks_of(path)
            wanted = (COUNTERPART[row], row) if english and row in COUNTERPART else (row,)
            found = next(
                (
                    chunk
                    for prefix in wanted
                    for chunk in chunks
                    if section_matches(chunk.metadata["section"], (prefix,))
                ),
                None,
            )
            if found is not None:
                hits.append(found)
    return hits
