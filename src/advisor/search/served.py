"""The generation the index serves, held in memory: its chunks with their lexical, job
and discovery indexes, rebuilt when an index run commits a new generation."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from advisor.errors import IndexMissingError
from advisor.index.chunks import is_figure
from advisor.index.store import ChromaStore, Hit, Manifest, check_model
from advisor.search.fit import Facets, facets_from_metadata
from advisor.search.jobs import JobLinker, jobs_from_chunks, profile_vectors
from advisor.search.lexical import Analyzer, LexicalIndex
from advisor.text import fold_words, gender_forms

if TYPE_CHECKING:
    import numpy as np

    from advisor.index.embeddings import Encoder


def served_manifest(store: ChromaStore, model_name: str) -> Manifest:
    """The manifest of a complete index built with model_name, or an error saying what to run."""
    manifest = store.manifest()
    if manifest is None or not manifest.collection:
        raise IndexMissingError("the index has not been built yet: run `advisor index`")
    check_model(manifest, model_name)
    return manifest


@dataclass
class ServedCorpus:
    """The served chunks held in memory with their lexical and job indexes."""

    key: tuple[str, int]
    chunks: list[Hit]
    lexical: LexicalIndex
    #: The same chunks under English stemming: the English sections read as English, and
    #: every chunk's heading carries the card's English name.
    english: LexicalIndex
    linker: JobLinker
    by_path: dict[str, list[int]] = field(default_factory=dict)
    titles: frozenset[str] = frozenset()
    english_names: dict[str, str] = field(default_factory=dict)
    #: What each card's front matter says for discovery, in the linker's order of cards.
    facets: list[Facets] = field(default_factory=list)

    @classmethod
    def load(cls, store: ChromaStore, manifest: Manifest, encoder: Encoder | None) -> ServedCorpus:
        """The generation the manifest serves, with the profile vectors the store holds."""
        return cls.from_chunks(
            (manifest.collection, manifest.generation), store.served_chunks(manifest), encoder, store
        )

    @classmethod
    def from_chunks(
        cls,
        key: tuple[str, int],
        chunks: list[Hit],
        encoder: Encoder | None,
        store: ChromaStore | None,
    ) -> ServedCorpus:
        """The corpus of these chunks; ``encoder`` None links by names only (no profiles)."""
        by_path: dict[str, list[int]] = {}
        for number, chunk in enumerate(chunks):
            by_path.setdefault(chunk.metadata["path"], []).append(number)
        jobs = jobs_from_chunks((c.text, c.metadata) for c in chunks)
        facets = {card.path: card for card in facets_from_metadata(c.metadata for c in chunks)}
        profiles = profile_vectors(jobs, encoder, store) if encoder else None
        # The figures are found through their card, never by their words (``is_figure``).
        texts = [None if is_figure(chunk.metadata["section"]) else chunk.text for chunk in chunks]
        return cls(
            key=key,
            chunks=chunks,
            lexical=LexicalIndex(texts),
            linker=JobLinker(jobs, encoder, profiles),
            by_path=by_path,
            english=LexicalIndex(texts, Analyzer("english")),
            english_names={job.path: job.english[0] for job in jobs if job.english},
            titles=frozenset(
                name for job in jobs for form in gender_forms(job.title, " / ") if " " in (name := fold_words(form))
            ),
            facets=[facets[job.path] for job in jobs],
        )

    def linked_by(self, encoder: Encoder, profiles: np.ndarray) -> ServedCorpus:
        """The same corpus, its jobs linked across languages by the encoder's profiles."""
        return replace(self, linker=JobLinker(self.linker.jobs, encoder, profiles))

    def cards_with_words(self, text: str, k: int = 50) -> list[str]:
        """The cards of the chunks BM25 finds for the text, French and English, best first."""
        found = self.lexical.search(text, k) + self.english.search(text, k)
        return [self.chunks[i].metadata["path"] for i, _ in sorted(found, key=lambda pair: -pair[1])]

    def chunks_of(self, path: str) -> list[Hit]:
        return [self.chunks[i] for i in self.by_path.get(path, [])]

    def same_occupation(self, linked: dict[str, float]) -> dict[str, float]:
        """Link scores spread to every card of a linked card's ROME code: two cards of one
        occupation (the seed card and its ROME card) answer the same questions."""
        by_code: dict[str, float] = {}
        for job in self.linker.jobs:
            if job.path in linked and job.rome_code:
                by_code[job.rome_code] = max(by_code.get(job.rome_code, 0.0), linked[job.path])
        spread = {job.path: by_code[job.rome_code] for job in self.linker.jobs if job.rome_code in by_code}
        return {**spread, **linked}
