"""The kinds of answers a question gets, one frozen type each, carrying only what its
answer needs. Pure.

``advisor.answer.plan.route`` reads a retrieval and returns one of them; each has its
renderer in ``advisor.answer.render.RENDERERS``; a chat model writes only ``CitedLines``
(every other kind is the cards' own lines in every mode):

=============  =====================================================  ==================
kind           when                                                   answer
=============  =====================================================  ==================
Declined       not about careers, or nothing retrieved                a fixed sentence
NotCovered     the job's cards lack everything the question asks for  what they do cover
CitedLines     a job's cards hold what is asked                       cited lines, or a
                                                                      model's text
NameList       the best line lists names (related jobs, titles)       the list, whole
Comparison     two jobs named side by side                            a table
JobList        the learner describes themself                         5-8 fitting jobs
AskBack        no job named nor meant, nothing liked said             a question back
=============  =====================================================  ==================

Any kind may also carry ``uncovered``: what the message asks that no card covers (a visa,
a foreign diploma's recognition), said in one sentence before the rest.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from advisor.answer.extractive import Line
from advisor.index.store import Hit
from advisor.search.exploration import Exploration


@dataclass(frozen=True)
class Retrieved:
    """What an answer shows of its retrieval: its numbered sources, the other cards the
    question may be about (title, ROME code, path), and whether word search alone found
    them (while the first index build runs)."""

    hits: tuple[Hit, ...] = ()
    candidates: tuple[tuple[str, str, str], ...] = ()
    interim: bool = False
    titles: frozenset[str] = frozenset()  # the cards' titles the gate checks (folded)


@dataclass(frozen=True, kw_only=True)
class Kind:
    question: str
    language: str
    retrieved: Retrieved = field(default_factory=Retrieved)
    uncovered: tuple[str, ...] = ()  # advisor.search.message_words.UNCOVERED topics asked


@dataclass(frozen=True, kw_only=True)
class Declined(Kind):
    """No answer from the cards: the question is not about careers (``off_topic``), or
    retrieval found nothing. It shows no source."""

    off_topic: bool


@dataclass(frozen=True, kw_only=True)
class NotCovered(Kind):
    """The subject job's cards hold none of the asked-for sections (``missing``)."""

    missing: tuple[str, ...]


@dataclass(frozen=True, kw_only=True)
class Quoted(Kind):
    """Lines of one job's cards, each with its source number, and what frames them."""

    lines: tuple[Line, ...]
    missing: tuple[str, ...] = ()  # asked for, and not in the cards
    related: int = 0  # the source number of the related jobs' line, 0 for none
    named_surely: bool = False  # the question names the job: no "About …" line
    adult: bool = False  # an adult or a career change: the routes open to adults come first
    #: The source numbers of the key skills of the learner's own job and of the one they
    #: want, (0, 0) for none: the skills both cards list, and those the new one adds.
    change: tuple[int, int] = (0, 0)
    #: The job's specialised cards (title, ROME code), when its everyday name found it.
    variants: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, kw_only=True)
class CitedLines(Quoted):
    """The lines that answer a question on one job: quoted, or written by a model."""

    sure: bool  # the question names a job, or the asked-for sections were found
    #: What a model is asked: a long message's sentences that ask or wish, not its story
    #: (a 2,000-character message would cost the model seconds to read before its first word).
    asked: str = ""
    earlier: str = ""  # the conversation's previous question
    english_names: Mapping[str, str] = field(default_factory=dict)  # card path -> English name


@dataclass(frozen=True, kw_only=True)
class NameList(Quoted):
    """A list of names asked for (related jobs, other titles): quoted whole in every mode."""


@dataclass(frozen=True, kw_only=True)
class Figures(Quoted):
    """Key figures asked for (pay, hiring, certifications and their routes): quoted in
    every mode, each line with its source and year. A model could only reword exact
    figures, and its own opening ("Yes, there is work for truck drivers") would be the
    promise that a 2019 difficulty class is not."""


@dataclass(frozen=True, kw_only=True)
class Comparison(Kind):
    """Two jobs side by side: the retrieved hits are both cards' rows."""


@dataclass(frozen=True, kw_only=True)
class JobList(Kind):
    """The jobs suggested to a learner who described themself; ``stated``: what they said
    they like, in their words (never an interest they did not state)."""

    exploration: Exploration
    stated: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class AskBack(Kind):
    """Nothing names or means a job, and the learner says nothing of what they like: one
    question back, and no card presented as the answer. ``undecided``: the learner does
    not know what to do (asked what they like), else which job they mean."""

    undecided: bool


def kind_name(kind: Kind) -> str:
    """The kind's name in an answer (``Answer.kind``).

    >>> kind_name(NotCovered(question="q", language="fr", missing=()))
    'not_covered'
    """
    return re.sub(r"(?<!^)(?=[A-Z])", "_", type(kind).__name__).lower()
