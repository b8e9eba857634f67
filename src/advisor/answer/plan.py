"""The router: what kind of answer a retrieval calls for, decided before any model writes
a word. Pure.

The rules, in order (the first that holds decides):
1. the learner describes themself -> ``JobList``;
2. not about careers, or nothing retrieved -> ``Declined``;
3. two jobs named side by side -> ``Comparison``;
4. the subject job's cards hold none of what is asked -> ``NotCovered``;
5. the best line lists names -> ``NameList``;
6. else -> ``CitedLines``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from advisor.answer.extractive import occupation, select
from advisor.answer.kinds import CitedLines, Comparison, Declined, JobList, Kind, NameList, NotCovered, Retrieved
from advisor.answer.scope import about_careers, coverage
from advisor.search.intents import section_matches
from advisor.search.retrieval import Retrieval
from advisor.vocabulary import CERTAIN, NAME_SECTIONS, NAMED


def route(
    retrieval: Retrieval,
    language: str,
    analyze: Callable[[str], list[str]],
    earlier: str = "",
    line_limits: tuple[int, int] | None = None,
) -> Kind:
    """The kind of answer for ``retrieval``; ``analyze`` is the lexical analyzer that picks
    the lines worth citing, ``line_limits`` (lines, characters) the shorter context a
    model gets, and ``earlier`` the conversation's previous question."""
    question = retrieval.question
    retrieved = Retrieved(tuple(retrieval.hits), tuple(retrieval.candidates), retrieval.interim, retrieval.titles)
    if retrieval.exploration is not None:
        return JobList(question=question, language=language, retrieved=retrieved, exploration=retrieval.exploration)
    # Two jobs set against each other, each named by its side: that is about careers.
    named = retrieval.named >= CERTAIN or retrieval.compared is not None
    if not about_careers(question, named, follow_up=bool(earlier)) or not retrieval.hits:
        return Declined(question=question, language=language, off_topic=bool(retrieval.hits))
    if retrieval.compared:
        return Comparison(question=question, language=language, retrieved=retrieved)
    hits = list(retrieval.hits)
    subject = occupation(hits[0])
    found = coverage(retrieval.sections, [hit.metadata["section"] for hit in hits if occupation(hit) == subject])
    related = 0
    if retrieval.related is not None and not section_matches(retrieval.related.metadata["section"], retrieval.sections):
        ids = [hit.id for hit in hits]
        if retrieval.related.id not in ids:
            hits.append(retrieval.related)
        related = [hit.id for hit in hits].index(retrieval.related.id) + 1
    retrieved = replace(retrieved, hits=tuple(hits))
    if found.nothing_covered:
        return NotCovered(question=question, language=language, retrieved=retrieved, missing=found.missing)
    lines = tuple(select(set(analyze(retrieval.query)), hits, found.covered, analyze, *(line_limits or ())))
    # What both kinds of quoted lines carry (the lines, and what frames them).
    quoted: dict[str, Any] = {
        "question": question,
        "language": language,
        "retrieved": retrieved,
        "lines": lines,
        "missing": found.missing,
        "related": related,
        "named_surely": retrieval.named >= CERTAIN,
    }
    # A list of names has nothing for a model to write: every mode quotes it whole.
    if lines and section_matches(hits[lines[0].source - 1].metadata["section"], NAME_SECTIONS):
        return NameList(**quoted)
    return CitedLines(
        **quoted,
        sure=retrieval.named >= NAMED or bool(found.covered),
        earlier=earlier,
        english_names=retrieval.english_names,
    )
