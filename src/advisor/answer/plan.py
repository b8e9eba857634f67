"""The router: what kind of answer a retrieval calls for, decided before any model writes
a word. Pure.

The rules, in order (the first that holds decides):
1. asks what no card covers (a visa, a foreign diploma's recognition), naming no job for
   sure -> ``Declined`` that says so and who answers it;
2. the learner describes themself -> ``JobList`` (a learner who does not know what to do
   and says nothing of what they like -> ``AskBack``);
3. no earlier turn, no job named for sure, and a job referred to but not named ("ce
   métier"), a learner who does not know what to do, or a long story that names none,
   with no interest stated -> ``AskBack``;
4. not about careers, or nothing retrieved -> ``Declined``;
5. two jobs named side by side -> ``Comparison``;
6. the subject job's cards hold none of what is asked -> ``NotCovered``;
7. the best line is a key figure -> ``Figures``; it lists names -> ``NameList``;
8. else -> ``CitedLines``; for an adult or a career change, the access lines that concern
   adults (VAE, continuing education, apprenticeship, experience) come first.
Every kind carries what the message asks that no card covers, said first.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from advisor.answer.extractive import FIGURE_LINE_CHARS, MAX_LINES, Line, occupation, select
from advisor.answer.kinds import (
    AskBack,
    CitedLines,
    Comparison,
    Declined,
    Figures,
    JobList,
    Kind,
    NameList,
    NotCovered,
    Retrieved,
)
from advisor.answer.scope import about_careers, coverage
from advisor.index.chunks import is_figure
from advisor.search.intents import levels_asked, routes_asked, section_matches
from advisor.search.message import Message, read
from advisor.search.retrieval import Retrieval
from advisor.text import fold
from advisor.vocabulary import CERTAIN, NAME_SECTIONS, NAMED, RELATED, TRANSLATED

#: Words of the access routes open to adults, folded: lines holding one come first for an
#: adult or a career change, and these words help pick them.
ADULT_ROUTES = re.compile(
    r"\b(?:vae|validation des acquis|formation continue|apprentissage|alternance|"
    r"contrat de professionnalisation|experience|reconversion|adultes?|titre professionnel|"
    r"cqp|certificat de qualification)"
)
#: The most of a long message's asking sentences a model reads: each 50 tokens cost about a
#: second before the first word on 2 cores (bench/answer_bench.py --long: 400 characters
#: gave a p50 first token of 4.1 s).
MODEL_QUESTION_CHARS = 200
_ADULT_ROUTE_WORDS = "VAE validation des acquis formation continue apprentissage expérience reconversion"


def shortened(text: str, limit: int) -> str:
    """The text cut to ``limit`` characters at a word's end.

    >>> shortened("Is it too late? I would like to become a midwife.", 30)
    'Is it too late? I would like…'
    """
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "…"


def adult_first(lines: tuple[Line, ...]) -> tuple[Line, ...]:
    """The lines on the routes open to adults first, the others after, each in their order.

    >>> adult_first((Line(1, 0, "Un DE est exigé."), Line(1, 1, "Accessible par la VAE.")))[0].text
    'Accessible par la VAE.'
    """
    return tuple(sorted(lines, key=lambda line: not ADULT_ROUTES.search(fold(line.text))))


def _asks_back(message: Message, named: float) -> bool:
    """Whether nothing names or means a job, and nothing the learner likes is said.

    A name read loosely ("ce métier est difficile": the rope-access worker's "accès
    difficile") is no job meant; in a long message that tells a story, neither is a name
    half-read in passing.
    """
    if message.interests:
        return False
    return message.unnamed_job or message.undecided or (message.long and named < NAMED)


def _leaves_for_nothing_named(message: Message, sections: tuple[str, ...]) -> bool:
    """Whether the learner leaves their job and says neither for what nor what they like:
    "Je suis infirmière depuis 15 ans, je voudrais changer de métier mais je ne sais pas
    vers quoi" is no question about the nurse's card (its related jobs, asked, would be)."""
    situation = message.situation
    leaving = situation.career_change or message.undecided
    asked_related = any(section_matches(section, (RELATED,)) for section in sections)
    return bool(situation.current_job) and leaving and not (message.targets or message.interests or asked_related)


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
    message = retrieval.message or read(question)
    retrieved = Retrieved(tuple(retrieval.hits), tuple(retrieval.candidates), retrieval.interim, retrieval.titles)
    basis: dict[str, Any] = {"question": question, "language": language, "uncovered": message.uncovered}
    # Two jobs set against each other, each named by its side: that is about careers.
    named = retrieval.named >= CERTAIN or retrieval.compared is not None
    if message.uncovered and not named:
        return Declined(**basis, off_topic=False)  # says what no card covers, and who does
    if retrieval.exploration is not None:
        lost = message.undecided and not message.interests and "diploma_leads_to" not in message.asks
        if lost and retrieval.exploration.level is None and not earlier:
            return AskBack(**basis, undecided=True)
        return JobList(**basis, retrieved=retrieved, exploration=retrieval.exploration, stated=message.interests)
    if not earlier and _leaves_for_nothing_named(message, retrieval.sections):
        return AskBack(**basis, undecided=True)
    if not earlier and not named and about_careers(question, True, False) and _asks_back(message, retrieval.named):
        return AskBack(**basis, undecided=not message.unnamed_job)
    if not about_careers(question, named, follow_up=bool(earlier)) or not retrieval.hits:
        return Declined(**basis, off_topic=bool(retrieval.hits))
    if retrieval.compared:
        return Comparison(**basis, retrieved=retrieved)
    hits = list(retrieval.hits)
    subject = occupation(hits[0])
    found = coverage(retrieval.sections, [hit.metadata["section"] for hit in hits if occupation(hit) == subject])
    if language == "en":
        # The English pay and hiring lines say what the French ones say: quoted once.
        found = replace(found, covered=tuple(s for s in found.covered if TRANSLATED.get(s) not in found.covered))
    related = 0
    if retrieval.related is not None and not section_matches(retrieval.related.metadata["section"], retrieval.sections):
        ids = [hit.id for hit in hits]
        if retrieval.related.id not in ids:
            hits.append(retrieval.related)
        related = [hit.id for hit in hits].index(retrieval.related.id) + 1
    change = (0, 0)
    if retrieval.leaving is not None and retrieval.joining is not None:
        for hit in (retrieval.leaving, retrieval.joining):
            if hit.id not in [h.id for h in hits]:
                hits.append(hit)
        ids = [hit.id for hit in hits]
        change = (ids.index(retrieval.leaving.id) + 1, ids.index(retrieval.joining.id) + 1)
    retrieved = replace(retrieved, hits=tuple(hits))
    if found.nothing_covered:
        return NotCovered(**basis, retrieved=retrieved, missing=found.missing)
    adult = message.adult
    terms = set(analyze(retrieval.query)) | (set(analyze(_ADULT_ROUTE_WORDS)) if adult else set())
    routes, levels = routes_asked(question), levels_asked(question)
    lines = tuple(select(terms, hits, found.covered, analyze, routes=routes, levels=levels))
    # Figures are quoted whole in every mode (``Figures``): only other lines go to a model, shorter.
    figures = bool(lines) and is_figure(hits[lines[0].source - 1].metadata["section"])
    if figures:
        lines = tuple(select(terms, hits, found.covered, analyze, MAX_LINES, FIGURE_LINE_CHARS, routes, levels))
    elif line_limits:
        lines = tuple(select(terms, hits, found.covered, analyze, *line_limits, routes=routes, levels=levels))
    if adult:
        lines = adult_first(lines)
    # What both kinds of quoted lines carry (the lines, and what frames them).
    quoted: dict[str, Any] = {
        **basis,
        "retrieved": retrieved,
        "lines": lines,
        "missing": found.missing,
        "related": related,
        "named_surely": retrieval.named >= CERTAIN,
        "adult": adult and any(ADULT_ROUTES.search(fold(line.text)) for line in lines),
        "change": change,
        "variants": retrieval.variants,
    }
    if figures:
        return Figures(**quoted)
    # A list of names has nothing for a model to write: every mode quotes it whole.
    if lines and section_matches(hits[lines[0].source - 1].metadata["section"], NAME_SECTIONS):
        return NameList(**quoted)
    return CitedLines(
        **quoted,
        sure=retrieval.named >= NAMED or bool(found.covered),
        asked=shortened(message.focus, MODEL_QUESTION_CHARS) if message.long else question,
        earlier=earlier,
        english_names=retrieval.english_names,
    )
