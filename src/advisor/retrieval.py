"""Find the chunks that answer a question, from the generation the index serves."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from advisor.errors import IndexMissingError
from advisor.store import ChromaStore, Hit, Manifest, check_model

if TYPE_CHECKING:  # langchain_core costs 0.3 s to import, and a no-change run needs none of it
    from langchain_core.embeddings import Embeddings


def served_manifest(store: ChromaStore, model_name: str) -> Manifest:
    """The manifest of a complete index built with model_name, or an error saying what to run."""
    manifest = store.manifest()
    if manifest is None or not manifest.collection:
        raise IndexMissingError("the index has not been built yet: run `advisor index`")
    check_model(manifest, model_name)
    return manifest


@dataclass
class Retriever:
    store: ChromaStore
    model_name: str
    embeddings: Embeddings

    def retrieve(self, question: str, k: int = 5) -> list[Hit]:
        # The manifest is read on every call: a rebuild may have switched collections.
        manifest = served_manifest(self.store, self.model_name)
        return self.store.search(manifest, self.embeddings.embed_query(question), k)
