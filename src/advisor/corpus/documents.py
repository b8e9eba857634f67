"""The corpus: which files are job cards, what changed (by content hash), and their documents.

A card may have a sidecar ``<file>.meta.yaml`` that gives its metadata (title,
rome_code, aliases, source) without touching its text: the hand-written seed card
keeps its text as published that way. YAML files hold data about cards (sidecars,
the ROME interests and themes of ``discovery.yaml``), never cards: the corpus passes
over them without a word.
"""

import hashlib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

from advisor.corpus.formats import (
    CardFormatError,
    ParsedCard,
    Section,
    load_yaml,
    parse_html,
    parse_markdown,
    parse_pdf,
    parse_plain_text,
)
from advisor.errors import CorpusError

PARSERS = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".txt": "text",
    ".pdf": "pdf",
    ".html": "html",
    ".htm": "html",
}
SIDECAR_SUFFIX = ".meta.yaml"
#: Files of data about the cards, not cards, and not worth a "skipped" line.
DATA_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class Skipped:
    path: str
    reason: str


@dataclass(frozen=True)
class CorpusFile:
    """A card file found in the corpus, with the hash that decides whether to re-index it."""

    path: Path
    relpath: str
    content_hash: str


@dataclass(frozen=True)
class Document:
    relpath: str
    content_hash: str
    title: str
    rome_code: str
    aliases: tuple[str, ...]
    sections: tuple[Section, ...]
    metadata: dict


def _sidecar(path: Path) -> Path:
    return path.with_name(path.name + SIDECAR_SUFFIX)


def _walk(corpus_dir: Path) -> Iterator[Path]:
    # os.walk does not follow directory symlinks, so a symlink loop cannot trap it.
    for root, dirs, files in os.walk(corpus_dir):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and not name.lower().endswith(DATA_SUFFIXES):
                yield Path(root) / name


def scan(corpus_dir: Path, fingerprint: str, max_bytes: int) -> tuple[list[CorpusFile], list[Skipped]]:
    """Every card file under corpus_dir with its content hash, and the files passed over.

    The hash covers the file, its sidecar and ``fingerprint`` (the chunking settings),
    so changing any of them re-indexes the card.
    """
    if not corpus_dir.is_dir():
        raise CorpusError(
            f"corpus folder {corpus_dir} does not exist: create it, or point "
            "ADVISOR_CORPUS_DIR (or --corpus) at your job cards"
        )
    found, skipped = [], []
    for path in _walk(corpus_dir):
        relpath = path.relative_to(corpus_dir).as_posix()
        reason = _unreadable_reason(path, max_bytes)
        if reason:
            skipped.append(Skipped(relpath, reason))
            continue
        digest = hashlib.sha256(fingerprint.encode())
        try:
            digest.update(path.read_bytes())
            if _sidecar(path).is_file():
                digest.update(b"\0sidecar\0" + _sidecar(path).read_bytes())
        except OSError as error:
            skipped.append(Skipped(relpath, f"cannot be read ({error.strerror or error})"))
            continue
        found.append(CorpusFile(path, relpath, digest.hexdigest()))
    return found, skipped


def _unreadable_reason(path: Path, max_bytes: int) -> str | None:
    if path.suffix.lower() not in PARSERS:
        return f"unsupported file type '{path.suffix or path.name}' (use .md, .txt, .pdf or .html)"
    if path.is_symlink() and not path.exists():
        return "broken or looping symbolic link"
    if not path.is_file():
        return "not a regular file"
    size = path.stat().st_size
    if size == 0:
        return "empty file"
    if size > max_bytes:
        return f"larger than the {max_bytes / 1e6:.0f} MB limit (ADVISOR_MAX_FILE_MB)"
    if not os.access(path, os.R_OK):
        return "cannot be read (permission denied)"
    return None


def _decode(data: bytes) -> str:
    if b"\0" in data:
        raise CardFormatError("binary content, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise CardFormatError(f"not valid UTF-8 text (byte {error.start}); save the file as UTF-8") from None


def _parse(path: Path, data: bytes) -> ParsedCard:
    kind = PARSERS[path.suffix.lower()]
    if kind == "pdf":
        return parse_pdf(data)
    text = _decode(data)
    return {"markdown": parse_markdown, "text": parse_plain_text, "html": parse_html}[kind](text)


def _as_strings(value: object) -> tuple[str, ...]:
    if value is None:
        return ()
    items = value if isinstance(value, list) else str(value).split(",")
    return tuple(dict.fromkeys(str(item).strip() for item in items if str(item).strip()))


def load(file: CorpusFile) -> Document:
    """Parse one card; raises CardFormatError with the reason when it is not a usable card."""
    data = file.path.read_bytes()
    card = _parse(file.path, data)
    metadata = dict(card.metadata)
    sidecar = _sidecar(file.path)
    if sidecar.is_file():
        try:
            extra = load_yaml(sidecar.read_text(encoding="utf-8")) or {}
        except (yaml.YAMLError, UnicodeDecodeError):
            raise CardFormatError(f"its sidecar {sidecar.name} is not valid UTF-8 YAML") from None
        if not isinstance(extra, dict):
            raise CardFormatError(f"its sidecar {sidecar.name} is not a YAML mapping")
        metadata.update(extra)
    if not card.sections:
        raise CardFormatError("no text found in the file")
    title = str(metadata.get("title") or card.title or file.path.stem.replace("-", " ").capitalize())
    return Document(
        relpath=file.relpath,
        content_hash=file.content_hash,
        title=" ".join(title.split()),
        rome_code=str(metadata.get("rome_code") or ""),
        aliases=_as_strings(metadata.get("aliases")),
        sections=card.sections,
        metadata=metadata,
    )
