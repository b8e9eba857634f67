"""The web app over the settings' index and writer: the components come from the
composition root (``advisor.compose``), and are wired here into the page ``advisor serve``
runs (its card cache, the warm-up, the first build, the Index and Explore tabs).

Without a usable index (none yet, or one of another embedding model), the page serves at
once and the index is built behind it (``FirstBuild``).
"""

from __future__ import annotations

import contextlib
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import gradio as gr

from advisor.apps.cards import Card, cards_from_chunks
from advisor.apps.first_build import FirstBuild
from advisor.apps.webapp import build_app
from advisor.compose import build_advisor, build_encoder, build_indexer, build_store
from advisor.errors import AdvisorError
from advisor.index.indexer import IndexReport
from advisor.index.store import Hit
from advisor.search.retrieval import Retriever
from advisor.settings import Settings

#: Jobs the Explore tab lists; a ROME domain has at most ~250 cards.
EXPLORE_TAB_JOBS, DOMAIN_JOBS = 20, 1000


def served_app(settings: Settings) -> gr.Blocks:
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
    chunks = [Hit(c.id, c.text, c.metadata, 0.0) for c in build_indexer(settings).chunks(settings.corpus_dir)]
    first = FirstBuild(
        retriever,
        lambda progress: build_indexer(settings, progress),
        chunks,
        run=lambda indexer: indexer.run(settings.corpus_dir, rebuild),
        log=lambda line: print(line, file=sys.stderr, flush=True),
        # Its own encoder: the build encodes profiles while questions are linked.
        encoder=build_encoder(),
    )
    first.start()
    return first


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
