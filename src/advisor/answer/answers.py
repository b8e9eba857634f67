"""What the chain produces: an ``Answer`` with its numbered ``Source``s, the ``Plan`` it
follows, and the fixed sentences it says when it does not answer. Pure."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import asdict, dataclass, field
from typing import Any

from advisor.answer.extractive import Line
from advisor.answer.faithfulness import cited
from advisor.errors import ConfigError
from advisor.index.store import Hit
from advisor.search.exploration import Exploration
from advisor.search.retrieval import Retrieval

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")

OFF_TOPIC = {
    "en": "I can only answer questions about jobs, training and careers, from the job cards; "
    "this question is not one they cover. You could ask, for example: "
    "“How do I become an Edge AI engineer?” or “What skills does a baker need?”",
    "fr": "Je ne réponds qu'aux questions sur les métiers, les formations et les carrières, "
    "à partir des fiches métiers ; celle-ci n'en fait pas partie. Vous pouvez demander par "
    "exemple : « Comment devenir ingénieur Edge AI ? » ou « Quelles compétences pour être boulanger ? »",
}
NO_ANSWER = {
    "en": "The cards I retrieved do not answer this question.",
    "fr": "Les fiches que j'ai trouvées ne répondent pas à cette question.",
}
WHAT_THEY_COVER = {"en": "They do cover {}.", "fr": "Elles traitent en revanche {}."}


@dataclass
class Source:
    id: int  # the n of its [n] citations
    title: str
    rome_code: str
    section: str
    path: str
    score: float
    text: str

    @classmethod
    def of(cls, number: int, hit: Hit) -> Source:
        meta = hit.metadata
        return cls(
            number,
            meta["title"],
            meta.get("rome_code") or "",
            meta["section"],
            meta["path"],
            round(hit.score, 4),
            hit.text,
        )


@dataclass
class Answer:
    question: str
    answer: str
    abstained: bool
    sources: list[Source]
    llm: str
    notice: str | None = None
    timings: dict[str, float] = field(default_factory=dict)
    #: Other cards the question may have meant (title, rome_code, path), best first.
    candidates: list[dict[str, str]] = field(default_factory=list)
    #: What the faithfulness gate took out: unsupported terms, statements dropped, repeats.
    checks: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @property
    def cited_sources(self) -> list[Source]:
        """The sources its text cites with ``[n]``, in source order."""
        numbers = cited(self.answer)
        return [source for source in self.sources if source.id in numbers]


@dataclass
class Plan:
    """What ``prepare`` decided: the sources, the lines to cite, or why not to answer."""

    question: str
    language: str
    retrieval: Retrieval | None
    lines: list[Line] = field(default_factory=list)
    missing: tuple[str, ...] = ()
    refusal: str | None = None  # the whole answer, when the cards cannot answer
    sure: bool = False  # the question names a job, or the asked-for sections were found
    earlier: str = ""
    comparison: bool = False  # two jobs side by side, the retrieval's hits row by row
    listing: bool = False  # a list of names asked for (related jobs, other titles): quoted whole
    exploration: Exploration | None = None  # the jobs suggested to a learner who described themself
    related: int = 0  # the source number of the related jobs' line, 0 for none

    @property
    def from_cards(self) -> bool:
        """Whether the answer is the cards' own lines in every mode: a table, a list of
        names or of jobs, which a model could only retell worse."""
        return self.comparison or self.listing or self.exploration is not None


def clean_question(question: str, max_chars: int) -> str:
    """The question without control characters, or a usage error.

    >>> clean_question("  Boulanger ?\\x00 ", 100)
    'Boulanger ?'
    """
    text = _CONTROL.sub(" ", unicodedata.normalize("NFC", question or "")).strip()
    if not text:
        raise ConfigError("empty question: ask something, e.g. “Comment devenir boulanger ?”")
    if len(text) > max_chars:
        raise ConfigError(
            f"the question is {len(text):,} characters long; ask it in at most {max_chars:,} "
            "(ADVISOR_MAX_QUESTION_CHARS)"
        )
    return text
