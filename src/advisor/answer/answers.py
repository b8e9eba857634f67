"""What the chain produces: an ``Answer`` with its numbered ``Source``s. Pure."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import asdict, dataclass, field
from typing import Any

from advisor.answer.faithfulness import cited
from advisor.errors import ConfigError
from advisor.index.store import Hit

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


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
    #: The kind of answer (``advisor.answer.kinds.kind_name``): "cited_lines", "ask_back", …
    kind: str = ""
    #: What the question asks that no card covers (a visa, a legal right, …), said in the answer.
    uncovered: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @property
    def cited_sources(self) -> list[Source]:
        """The sources its text cites with ``[n]``, in source order."""
        numbers = cited(self.answer)
        return [source for source in self.sources if source.id in numbers]


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
