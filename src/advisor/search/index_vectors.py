"""The multilingual vectors stored with the index: computed by the build before it
commits, so that no start, restart or replica computes them at its first question."""

from __future__ import annotations

from typing import TYPE_CHECKING

from advisor.index.store import ChromaStore, Manifest
from advisor.search.fit import facets_from_metadata
from advisor.search.jobs import jobs_from_chunks, profile_vectors

if TYPE_CHECKING:
    from advisor.index.embeddings import Encoder
    from advisor.search.exploration import Explorer


def store_vectors(store: ChromaStore, manifest: Manifest, encoder: Encoder, explorer: Explorer | None) -> None:
    """Encode and store what questions compare with the multilingual encoder for the cards
    a generation serves (their profiles; the explorer's topics), and forget the rest: the
    index build calls it before committing, so that no question pays for them."""
    chunks = store.served_chunks(manifest)
    jobs = jobs_from_chunks((c.text, c.metadata) for c in chunks)
    profile_vectors(jobs, encoder, store, forget_others=True)
    if explorer is not None:
        explorer.store_topics(facets_from_metadata(c.metadata for c in chunks))
