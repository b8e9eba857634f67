"""Turn the text of a job card (Markdown, plain text, HTML, PDF) into titled sections.

The Markdown and plain-text parsers are pure; HTML and PDF are first turned into
text (Markdown-like for HTML, plain for PDF) and then go through the same parsers.
"""

import io
import logging
import re
from dataclasses import dataclass, field

import yaml

from advisor.vocabulary import ACCESS, ALIASES, DISCUSSIONS, FOCUS, PAY, RELATED, SKILLS, WHERE


class CardFormatError(ValueError):
    """The file is not a readable job card; the message is the reason shown to the user."""


@dataclass(frozen=True)
class Section:
    heading: str
    text: str


@dataclass(frozen=True)
class ParsedCard:
    """What a parser found: a title if the file names one, front matter, sections in order."""

    title: str | None
    metadata: dict = field(default_factory=dict)
    sections: tuple[Section, ...] = ()


#: Sections of the hand-written cards whose headings do not look like headings to the
#: generic rule (they hold " : "), or that must win over it; "Pourquoi un métier" starts
#: ``PROSPECTS`` whatever its apostrophe.
KNOWN_SECTION_PREFIXES = tuple(
    heading.lower()
    for heading in (
        FOCUS,
        "Pourquoi un métier",
        PAY,
        ACCESS,
        SKILLS,
        "Un métier qui a du sens",
        "Quel impact",
        WHERE,
        ALIASES,
        RELATED,
        DISCUSSIONS,
    )
)

_BULLET = re.compile(r"^\s*(?:[-•*]|\d+[.)])\s+")
_HEADING_MD = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")
_INTRO_SECTION = "Présentation"


def load_yaml(text: str) -> object:
    """YAML by libyaml's parser where PyYAML has it: seven times faster than the pure
    Python one (the 1,585 cards' front matter took 5 s of every corpus scan).

    >>> load_yaml("title: Boulanger")
    {'title': 'Boulanger'}
    """
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def clean_heading(line: str) -> str:
    """A heading line without its Markdown marks, trailing colon, or ": value" part.

    >>> clean_heading("Focus métier : Ingénieur systèmes embarqués & IA")
    'Focus métier'
    >>> clean_heading("Compétences clés :")
    'Compétences clés'
    """
    heading = line.strip().strip("#").strip()
    heading = heading.split(" : ", 1)[0]
    return heading.rstrip(" :").strip()


def _is_known_heading(line: str) -> bool:
    return line.strip().lower().startswith(KNOWN_SECTION_PREFIXES)


def _looks_like_heading(line: str, next_line: str | None, is_first: bool) -> bool:
    """The generic rule for plain-text headings: a short line that is not a sentence."""
    text = line.strip()
    if _is_known_heading(text):
        return True
    if not text or len(text) > 80 or _BULLET.match(text) or not text[0].isupper():
        return False
    if text[-1] in ".;,!" or "," in text:
        return False
    if text.endswith(":"):
        # "Ils recrutent :" introduces the list below it; a heading is not followed by one.
        return next_line is None or not _BULLET.match(next_line)
    # "Salaire : 2 000 €" is a field, not a heading, except as the card's opening line.
    return " : " not in text or is_first


def _sections(pairs: list[tuple[str, list[str]]]) -> tuple[Section, ...]:
    sections = []
    for heading, lines in pairs:
        text = "\n".join(lines).strip()
        text = re.sub(r"\n{3,}", "\n\n", text)
        if text:
            sections.append(Section(heading, text))
    return tuple(sections)


def parse_plain_text(text: str) -> ParsedCard:
    """Split a plain-text card at its heading lines (the seed card is the model).

    >>> card = parse_plain_text("Revenus & Opportunités\\n- Revenus : 3 800 €\\nIls recrutent :\\n- Airbus")
    >>> [(s.heading, s.text) for s in card.sections]
    [('Revenus & Opportunités', '- Revenus : 3 800 €\\nIls recrutent :\\n- Airbus')]
    """
    lines = [line.rstrip() for line in text.splitlines()]
    non_empty = [i for i, line in enumerate(lines) if line.strip()]
    pairs: list[tuple[str, list[str]]] = [(_INTRO_SECTION, [])]
    title = None
    for rank, i in enumerate(non_empty):
        following = lines[non_empty[rank + 1]] if rank + 1 < len(non_empty) else None
        if _looks_like_heading(lines[i], following, is_first=rank == 0):
            pairs.append((clean_heading(lines[i]), []))
            if rank == 0:
                title = lines[i].strip().split(" : ", 1)[-1]
        else:
            pairs[-1][1].append(lines[i].strip())
    return ParsedCard(title=title, sections=_sections(pairs))


def split_front_matter(text: str) -> tuple[dict, str]:
    """YAML front matter (between two ``---`` lines at the top) and the body after it.

    >>> split_front_matter("---\\ntitle: Boulanger\\n---\\n# Boulanger\\n")
    ({'title': 'Boulanger'}, '# Boulanger\\n')
    """
    if not text.startswith("---"):
        return {}, text
    match = re.match(r"^---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)", text, re.S)
    if not match:
        raise CardFormatError("front matter opened with '---' is never closed by a '---' line")
    try:
        metadata = load_yaml(match.group(1)) or {}
    except yaml.YAMLError as error:
        raise CardFormatError(f"front matter is not valid YAML ({error.__class__.__name__})") from None
    if not isinstance(metadata, dict):
        raise CardFormatError("front matter is not a YAML mapping of 'key: value' lines")
    return metadata, text[match.end() :]


def parse_markdown(text: str) -> ParsedCard:
    """Sections at ``##`` headings (``#`` when a card has no ``##``); ``###`` stay inside.

    >>> card = parse_markdown("# Boulanger\\nIntro.\\n## Accès\\nCAP.\\n### Diplômes\\n- CAP\\n")
    >>> card.title, [(s.heading, s.text) for s in card.sections]
    ('Boulanger', [('Présentation', 'Intro.'), ('Accès', 'CAP.\\n### Diplômes\\n- CAP')])
    """
    metadata, body = split_front_matter(text)
    lines = body.splitlines()
    headings: list[tuple[int, int, str]] = []
    in_fence = False
    for i, line in enumerate(lines):
        if _FENCE.match(line):
            in_fence = not in_fence
        elif not in_fence and (match := _HEADING_MD.match(line)):
            headings.append((i, len(match.group(1)), match.group(2).strip()))
    levels = {level for _, level, _ in headings}
    section_level = 2 if 2 in levels else 1
    title = next((name for _, level, name in headings if level == 1), None)
    starts = {i: name for i, level, name in headings if level == section_level}
    pairs: list[tuple[str, list[str]]] = [(_INTRO_SECTION, [])]
    for i, line in enumerate(lines):
        if i in starts:
            pairs.append((clean_heading(starts[i]), []))
        elif not (section_level == 2 and _HEADING_MD.match(line) and line.startswith("# ")):
            pairs[-1][1].append(line.rstrip())
    return ParsedCard(title=title, metadata=metadata, sections=_sections(pairs))


def html_to_markdown(html: str) -> tuple[str | None, str]:
    """The page's title and its text with headings and list items kept as Markdown marks."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(["script", "style", "noscript", "template", "nav", "svg"]):
        tag.decompose()
    page_title = soup.title.get_text(" ", strip=True) if soup.title else None
    if soup.title:
        soup.title.decompose()
    for tag in soup.find_all(re.compile(r"^h[1-6]$")):
        marks = "#" * int(tag.name[1])
        tag.replace_with(f"\n\n{marks} {tag.get_text(' ', strip=True)}\n\n")
    for tag in soup.find_all("li"):
        tag.insert_before("\n- ")
    for tag in soup.find_all(["p", "div", "section", "article", "tr", "br", "ul", "ol", "table"]):
        tag.insert_before("\n")
        tag.insert_after("\n")
    lines = [" ".join(line.split()) for line in soup.get_text().splitlines()]
    return page_title, "\n".join(lines)


def parse_html(html: str) -> ParsedCard:
    page_title, markdown = html_to_markdown(html)
    card = parse_markdown(markdown)
    return ParsedCard(title=card.title or page_title, sections=card.sections)


def parse_pdf(data: bytes) -> ParsedCard:
    """Text of every page, then the plain-text rules; a scanned PDF has no text to find."""
    from pypdf import PdfReader

    # A damaged file's problem reaches the user as its skip reason; pypdf's own warnings
    # ("EOF marker not found") would only be stray lines on stderr.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data))
        text = "\n".join(page.extract_text() or "" for page in reader.pages)
    except Exception as error:  # pypdf raises many unrelated types on damaged files
        raise CardFormatError(f"unreadable PDF ({error.__class__.__name__}: {error})") from None
    if not text.strip():
        raise CardFormatError("the PDF has no extractable text (a scan? export it with text)")
    return parse_plain_text(text)
