"""Whole cards for reading and comparing, rebuilt from the served chunks. Pure.

The web app's Jobs tab shows what the index serves, so a card reads exactly as the
chat cites it; its key figures (:mod:`advisor.apps.key_figures`) head it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from advisor.apps.key_figures import KeyFigures, comparison_rows, figures_markdown, key_figures
from advisor.index.store import Hit
from advisor.search.intents import section_matches
from advisor.text import fold
from advisor.vocabulary import ACCESS, PAY, RELATED, SKILLS, WHERE

#: Rows of a comparison: the section prefix, and the row's label.
COMPARED = ((ACCESS, "Access and training"), (SKILLS, "Core skills"), (WHERE, "Workplaces"), (PAY, "Pay"))
CELL_CHARS = 420
ABSENT = "*not in this card*"
_RELATED = re.compile(r"\(([A-Z]\d{4})\)")


@dataclass(frozen=True)
class Card:
    path: str
    title: str
    rome_code: str
    sections: tuple[tuple[str, str], ...]  # (section, text) in card order

    def section(self, prefix: str) -> tuple[str, str] | None:
        """The first section whose name starts with prefix, and its text."""
        return next(((name, text) for name, text in self.sections if section_matches(name, (prefix,))), None)

    def figures(self) -> KeyFigures | None:
        """What its figure sections say (pay, recruitment difficulty, certifications)."""
        return key_figures(dict(self.sections))

    def related_codes(self) -> list[str]:
        """ROME codes of the "Métiers proches" section (the mobility links)."""
        found = self.section(RELATED)
        return _RELATED.findall(found[1]) if found else []


def cards_from_chunks(chunks: list[Hit]) -> dict[str, Card]:
    """Cards by path; a section split over several chunks is joined again."""
    by_path: dict[str, list[Hit]] = {}
    for chunk in chunks:
        by_path.setdefault(chunk.metadata["path"], []).append(chunk)
    cards = {}
    for path, parts in by_path.items():
        parts.sort(key=lambda chunk: chunk.metadata["position"])
        sections: dict[str, list[str]] = {}
        for chunk in parts:
            sections.setdefault(chunk.metadata["section"], []).append(chunk.text.split("\n", 1)[-1])
        meta = parts[0].metadata
        cards[path] = Card(
            path,
            meta["title"],
            meta.get("rome_code") or "",
            tuple((name, "\n".join(texts)) for name, texts in sections.items()),
        )
    return cards


def search(cards: dict[str, Card], query: str, limit: int = 30) -> list[Card]:
    """Cards whose title, ROME code, aliases or text contain every word of the query,
    titles first.

    >>> card = Card("b.md", "Boulanger / Boulangère", "D1102", (("Autres intitulés", "Mitron"),))
    >>> [c.title for c in search({"b.md": card}, "mitron")]
    ['Boulanger / Boulangère']
    """
    words = fold(query).split()
    if not words:
        return sorted(cards.values(), key=lambda card: fold(card.title))[:limit]
    scored = []
    for card in cards.values():
        head = fold(f"{card.title} {card.rome_code}")
        body = fold(" ".join(text for _, text in card.sections))
        if all(word in head or word in body for word in words):
            scored.append((0 if all(word in head for word in words) else 1, fold(card.title), card))
    return [card for *_, card in sorted(scored, key=lambda row: row[:2])][:limit]


def card_markdown(card: Card) -> str:
    """The card as Markdown: its key figures first, when it has some, then its sections."""
    code = f" · ROME {card.rome_code}" if card.rome_code else ""
    parts = [f"## {card.title}{code}", f"*Source: `{card.path}`*"]
    figures = card.figures()
    if figures:
        parts.append(figures_markdown(figures))
    parts += [f"### {name}\n{text}" for name, text in card.sections]
    return "\n\n".join(parts)


def comparison_markdown(left: Card, right: Card) -> str:
    """A side-by-side table; each cell quotes its card and names its source section, then
    the key figures either card has, each with its source."""
    rows = [f"| | **{left.title}** | **{right.title}** |", "|---|---|---|"]
    for prefix, label in COMPARED:
        cells = [_cell(card, prefix) for card in (left, right)]
        rows.append(f"| {label} | {cells[0]} | {cells[1]} |")
    for label, *cells in comparison_rows(left.figures(), right.figures()):
        rows.append(f"| {label} | {cells[0] or ABSENT} | {cells[1] or ABSENT} |")
    return "\n".join(rows)


def _cell(card: Card, prefix: str) -> str:
    found = card.section(prefix)
    if not found:
        return ABSENT
    name, text = found
    short = text if len(text) <= CELL_CHARS else text[:CELL_CHARS].rsplit(" ", 1)[0] + " …"
    flat = " ".join(line.strip().lstrip("-#* ").strip() for line in short.splitlines() if line.strip())
    return f"{flat.replace('|', '/')}<br><sub>{card.path} — {name}</sub>"
