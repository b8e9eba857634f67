"""Split documents into section chunks: the units that are embedded, searched and cited.

Every chunk's text starts with "Job title — Section" so that it is understood on its
own (by the embedding model, BM25 and the reader of a citation).
"""

import hashlib
from dataclasses import dataclass
from typing import Any

from advisor.corpus.documents import Document
from advisor.corpus.formats import Section
from advisor.text import CARD_SENTENCE, split_sentences
from advisor.vocabulary import (
    ALIASES,
    CERTIFICATIONS,
    CERTIFICATIONS_EN,
    DISCUSSIONS,
    ENGLISH_SECTIONS,
    HIRING,
    HIRING_EN,
    PAY,
    PAY_EN,
    RELATED,
    SKILLS,
)

#: Bumped when chunking changes, so that every card is re-indexed. 3: chunks carry the
#: card's discovery fields (``CARD_FIELDS``); 4: and its ROME parent; 5: and its key figures,
#: the figure sections embedded short.
CHUNKER_VERSION = "5"
NON_CONTENT_SECTIONS = (DISCUSSIONS.lower(),)
#: Sections that are long lists (skills, related jobs: 60% of the shipped corpus's text).
#: BM25, job linking and section intent find them; their vector is made from the heading
#: and first items only, which halves the first build (see ``embedding_text``).
LIST_SECTIONS = (SKILLS.lower(), RELATED.lower())
#: The key figures' sections (``corpus.figure_sections``), by their exact headings: a third
#: of the corpus's text, all of it figures and names. A question reaches them through the
#: card it names and the section it asks for, never by their words: searched, every pay
#: section came close to every pay question ("Spécialiste IA embarquée — Pay" before the
#: seed card's own pay). Each is one chunk, embedded by its heading alone: split and
#: embedded like lists, they made 76 % more chunks and 54 % more text to encode.
FIGURE_SECTIONS = tuple(
    section.lower() for section in (PAY, HIRING, CERTIFICATIONS, PAY_EN, HIRING_EN, CERTIFICATIONS_EN)
)
LIST_EMBEDDING_CHARS = 160
#: Front-matter fields every chunk of a card carries, so that a search can filter on
#: them (``rome_parent``: job linking tells a family's main card by it). Chroma takes
#: scalars only: a list is joined, "7,1,12", RIASEC letters "RI".
CARD_FIELDS = (
    "rome_parent",
    "domain",
    "subdomain",
    "riasec",
    "interests",
    "main_interests",
    "themes",
    "access_level",
    "pay_median",
    "difficulty",
    "apprenticeship",
)


@dataclass(frozen=True)
class Chunk:
    id: str
    text: str
    metadata: dict[str, Any]


def _fit(unit: str, budget: int) -> list[str]:
    """Pieces of one line no longer than budget: whole sentences, else whole words."""
    if len(unit) <= budget:
        return [unit]
    pieces: list[str] = []
    for sentence in split_sentences(unit, CARD_SENTENCE):
        words, current = sentence.split(), ""
        for word in words:
            if current and len(current) + 1 + len(word) > budget:
                pieces.append(current)
                current = ""
            current = f"{current} {word}".strip()
        pieces.append(current)
    return _pack(pieces, budget, joiner=" ")


def _pack(units: list[str], budget: int, joiner: str = "\n") -> list[str]:
    packed: list[str] = []
    for unit in units:
        if packed and len(packed[-1]) + len(joiner) + len(unit) <= budget:
            packed[-1] += joiner + unit
        else:
            packed.append(unit)
    return packed


def split_section(text: str, budget: int) -> list[str]:
    """Bodies of at most ``budget`` characters, cut between lines, then sentences.

    A body that starts inside a ``###`` sub-section repeats its heading, so that a
    list continued in the next chunk still says what it lists.

    >>> split_section("### Savoirs\\n- Pain\\n- Viennoiserie", 30)
    ['### Savoirs\\n- Pain', '### Savoirs\\n- Viennoiserie']
    """
    bodies: list[str] = []
    current: list[str] = []
    subheading = None
    for line in (line for line in text.splitlines() if line.strip()):
        if line.startswith("### "):
            subheading = line
        for piece in _fit(line, budget):
            if current and len("\n".join([*current, piece])) > budget:
                bodies.append("\n".join(current))
                current = [subheading] if subheading and piece != subheading else []
                if len("\n".join([*current, piece])) > budget:
                    current = []
            current.append(piece)
    if current:
        bodies.append("\n".join(current))
    return bodies


def _with_aliases(document: Document) -> list[Section]:
    sections = [s for s in document.sections if not s.heading.lower().startswith(NON_CONTENT_SECTIONS)]
    has_alias_section = any(s.heading.lower().startswith(ALIASES.lower()) for s in sections)
    if document.aliases and not has_alias_section:
        # Learners name a job by its aliases, so they must be in some chunk's text.
        sections.append(Section(ALIASES, "\n".join(f"- {a}" for a in document.aliases)))
    return sections


def is_english(section: str) -> bool:
    """Whether a section holds English text (its heading is one of ``ENGLISH_SECTIONS``).

    >>> is_english("In English"), is_english("Focus métier")
    (True, False)
    """
    return section.lower().startswith(tuple(s.lower() for s in ENGLISH_SECTIONS))


def is_figure(section: str) -> bool:
    """Whether a section holds a card's key figures (:data:`FIGURE_SECTIONS`).

    >>> is_figure("Revenus"), is_figure("Revenus & Opportunités")
    (True, False)
    """
    return section.lower() in FIGURE_SECTIONS


def embedding_text(chunk: Chunk) -> str:
    """The text the embedding model encodes: the whole chunk, or the start of a list.

    >>> chunk = Chunk("x", "Boulanger — Compétences clés " + "Pétrir. " * 30, {"section": "Compétences clés"})
    >>> len(embedding_text(chunk)) <= LIST_EMBEDDING_CHARS
    True
    """
    section = chunk.metadata["section"].lower()
    if is_figure(section):
        return chunk.text.split("\n", 1)[0]
    if section.startswith(LIST_SECTIONS):
        return chunk.text[:LIST_EMBEDDING_CHARS]
    return chunk.text


def card_metadata(metadata: dict[str, Any]) -> dict[str, str]:
    """The :data:`CARD_FIELDS` a card's front matter has, as strings; absent or empty ones are left out.

    >>> card_metadata({"riasec": ["R", "I"], "interests": [7, 1, 12], "main_interests": [], "domain": "Santé"})
    {'domain': 'Santé', 'riasec': 'RI', 'interests': '7,1,12'}
    """
    fields = {}
    for key in CARD_FIELDS:
        value = metadata.get(key)
        items = value if isinstance(value, list) else [value]
        # A mapping (in a hand-written card) or None says nothing to filter on.
        text = ("" if key == "riasec" else ",").join(str(i) for i in items if isinstance(i, str | int | float))
        if text.strip(", "):
            fields[key] = text
    return fields


def chunk_id(relpath: str, content_hash: str, position: int) -> str:
    return hashlib.sha256(f"{relpath}\0{content_hash}\0{position}".encode()).hexdigest()[:32]


def chunk_document(document: Document, max_chars: int) -> list[Chunk]:
    """The chunks of one document, in reading order."""
    fields = card_metadata(document.metadata)
    chunks: list[Chunk] = []
    for section in _with_aliases(document):
        prefix = f"{document.title} — {section.heading}\n"
        whole = is_figure(section.heading)
        for body in [section.text] if whole else split_section(section.text, max(max_chars - len(prefix), 80)):
            position = len(chunks)
            chunks.append(
                Chunk(
                    id=chunk_id(document.relpath, document.content_hash, position),
                    text=prefix + body,
                    metadata={
                        "title": document.title,
                        "rome_code": document.rome_code,
                        "section": section.heading,
                        "path": document.relpath,
                        "position": position,
                        "content_hash": document.content_hash,
                        **fields,
                    },
                )
            )
    return chunks
