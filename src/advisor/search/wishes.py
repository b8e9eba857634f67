"""The jobs a message wishes for, and those it takes back or puts in the past. Pure.

"I came here to become a doctor… Becoming a doctor no longer interests me. Perhaps as a
professor": a learner's story names jobs it wished for as a child, refuses, or compares
to the one it wants; only the one wanted now is a target.

>>> wishes("I want to work with children but I don't want to be a teacher.")
((), ('teacher',))
"""

from __future__ import annotations

import re

from advisor.search.message_words import (
    CLAUSE_START,
    NEGATING,
    NOT_TARGETS,
    PAST,
    PRACTITIONERS,
    RETRACTED_AFTER,
    TARGET,
    WISHED_FOR_ME,
    WISHING,
)
from advisor.text import fold

_WISHING = re.compile(WISHING)
_TARGET = re.compile(TARGET)
_FIELDS = re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(PRACTITIONERS, key=len, reverse=True))) + r")\b")
_NEGATING, _PAST = re.compile(NEGATING), re.compile(PAST)
_SENTENCE_MARK = re.compile(r"[.!?…\n]")
_RETRACTED_AFTER = re.compile(RETRACTED_AFTER)
_CLAUSE_START = re.compile(CLAUSE_START)
_WISHED_FOR_ME = re.compile(WISHED_FOR_ME)
_EITHER = re.compile(r"\s(?:ou|or|vs\.?|versus)\s")
#: Words a target's words do not end on, and the fewest characters of a target.
_TRAILING = frozenset(
    ["de", "des", "du", "la", "le", "l", "d'", "d", "en", "a", "au", "aux", "of", "the", "in", "to", "an"]
)
MIN_TARGET_CHARS = 3


def starts_a_wish(folded: str, at: int) -> bool:
    """Whether a wish's words start at ``at`` ("I'm a … want to become" is no job had)."""
    return bool(_WISHING.match(folded, at))


def states_a_wish(folded: str) -> bool:
    """Whether a sentence states a wish it does not take back.

    >>> states_a_wish("je voudrais devenir infirmiere"), states_a_wish("quand j'etais petite je voulais etre styliste")
    (True, False)
    """
    return any(not _retracted(folded, found.start(), found.end()) for found in _WISHING.finditer(folded))


def _retracted(folded: str, start: int, end: int) -> bool:
    """Whether the wish at ``start:end`` of a folded text (its words, up to what is wished
    for) is taken back or past: by the words of its clause before it, or by those after it;
    a question only by putting it in the past. A wish someone has for the learner is not theirs.

    >>> text = "je ne me lance pas dans une carriere de medecine, mais je veux devenir infirmiere"
    >>> _retracted(text, text.index("carriere de"), text.index(", mais")), _retracted(text, text.index("devenir"), len(text))
    (True, False)
    >>> text = "my mom wants me to become a teacher. should i?"
    >>> _retracted(text, text.index("become"), text.index(". should"))
    True
    """
    before = folded[:start]
    if _WISHED_FOR_ME.search(before):
        return True
    clause = folded[max((found.end() for found in _CLAUSE_START.finditer(before)), default=0) : end]
    mark = _SENTENCE_MARK.search(folded, end)
    if mark and mark.group() == "?":  # "N'est-ce pas trop tard pour devenir infirmière ?" asks about it
        return bool(_PAST.search(clause))
    return bool(_PAST.search(clause) or _NEGATING.search(clause) or _RETRACTED_AFTER.search(folded[end:]))


def compares_now(sentence: str) -> bool:
    """Whether the sentence's "or" sets wishes of now against each other, not past or
    refused ones.

    >>> compares_now("Électricien ou mécanicien ?"), compares_now("Je voulais être styliste ou architecte.")
    (True, False)
    """
    folded = aligned(sentence)
    found = _EITHER.search(folded)
    return found is None or not _retracted(folded, found.start(), found.end())


def with_fields_named(text: str) -> str:
    """The text, with after each field it names the job of those who practise it, as
    written (only the words added are folded).

    >>> with_fields_named("Que faire avec un master de Psycho ?")
    'Que faire avec un master de Psycho psychologue ?'
    """
    folded = aligned(text)
    added = [(found.end(), PRACTITIONERS[found.group(0)]) for found in _FIELDS.finditer(folded)]
    for end, name in reversed(added):
        text = f"{text[:end]} {name}{text[end:]}"
    return text


def aligned(text: str) -> str:
    """:func:`fold`, one character for one, so that a match's offsets are the text's.

    >>> aligned("Œuvre… été")
    'ouvre. ete'
    """
    return "".join((fold(char) or char)[0] for char in text)


def targets(text: str) -> tuple[str, ...]:
    """The words naming the job a learner wants, wherever they say it, folded.

    >>> targets("I've been a chef for years. I'd like to go into nursing at 50.")
    ('nursing nurse',)
    >>> targets("Je voudrais me reconvertir en boulangerie, et devenir boulangère.")
    ('boulangerie boulanger', 'boulangere')
    >>> targets("I want to get into a new career")
    ()
    """
    return wishes(text)[0]


def wishes(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The targets, and the words of the wishes taken back ("I don't want to be a teacher").

    >>> wishes("I want to work with children but I don't want to be a teacher.")
    ((), ('teacher',))
    """
    folded = fold(text)
    found, refused = [], []
    at = 0
    while match := _TARGET.search(folded, at):
        # From the target's first word on: "inscrite au concours de recrutement des professeurs
        # des écoles" holds a second, longer target after "concours de".
        at = match.start("target")
        words = match.group("target").split()
        while words and words[-1] in _TRAILING:
            words.pop()  # "professeur des" cut short of "écoles" still names the teacher
        if not set(words) - NOT_TARGETS or len(" ".join(words)) < MIN_TARGET_CHARS:
            continue
        if _retracted(folded, match.start(), match.start("target")):
            refused.append(with_fields_named(" ".join(words)))
        else:
            found.append(with_fields_named(" ".join(words)))
    # "I came here to become a doctor… Becoming a doctor no longer interests me."
    taken_back = {target.split()[0] for target in refused}
    wanted = tuple(dict.fromkeys(target for target in found if target.split()[0] not in taken_back))
    return wanted, tuple(dict.fromkeys(refused))
