"""The web app's first build: the page serves at once while the index is built behind it.

Until the build commits, questions are answered from the corpus read into memory (word
search and job linking by names, then by the multilingual profiles once they are
encoded); the build runs at a lower CPU priority so that answers keep the cores. When
it commits, the full index is loaded and the next question uses it, without a restart.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from typing import TYPE_CHECKING

from advisor.errors import AdvisorError
from advisor.index.indexer import Indexer, IndexReport, ProgressCallback
from advisor.index.store import Hit
from advisor.search.exploration import Explorer
from advisor.search.jobs import profile_vectors
from advisor.search.retrieval import Retriever
from advisor.search.served import ServedCorpus, served_manifest

if TYPE_CHECKING:
    from advisor.index.embeddings import Encoder

#: Nice value of the build thread (and of the threads its libraries start from it).
BUILD_NICENESS = 10


@dataclass
class BuildState:
    """What the page's banner says while the build runs."""

    phase: str = "reading the cards"
    done: int = 0
    total: int = 0
    error: str = ""
    ready: bool = False


class FirstBuild:
    """Builds the missing index in a thread while the retriever serves the corpus itself."""

    def __init__(
        self,
        retriever: Retriever,
        indexer: Callable[[ProgressCallback], Indexer],
        chunks: list[Hit],
        run: Callable[[Indexer], IndexReport],
        log: Callable[[str], None],
        encoder: Encoder | None = None,
    ) -> None:
        """``indexer`` makes the index builder with a progress callback, ``run`` runs it
        (an update, or a rebuild for another embedding model); ``log`` gets one line when
        the index is ready or the build failed. ``encoder`` encodes the cards' profiles:
        an instance of its own, since questions use the retriever's meanwhile."""
        self.retriever, self.indexer, self.chunks, self.run, self.log = retriever, indexer, chunks, run, log
        self.encoder = encoder
        self.state = BuildState()
        self._interim: Future[ServedCorpus] = Future()

    def start(self) -> None:
        self.retriever.serve_interim(self._interim)
        threading.Thread(target=self._build, name="advisor-first-build", daemon=True).start()

    def banner(self) -> str | None:
        """The build's progress in Markdown, or None once the full index serves."""
        state = self.state
        if state.ready:
            return None
        if state.error:
            return f"⚠️ The index could not be built ({state.error}). Answers come from word search in the cards."
        progress = f": {state.done:,} / {state.total:,} chunks ({state.done / state.total:.0%})" if state.total else ""
        return (
            f"⏳ **Building the index** ({state.phase}{progress}). Meanwhile answers come from word search "
            "in the cards; the full index takes over by itself when it is ready."
        )

    def _build(self) -> None:
        started = time.monotonic()
        try:
            interim = ServedCorpus.from_chunks(("interim", 0), self.chunks, None, None)
            self._interim.set_result(interim)
            # Only now: the first questions wait for the corpus above. Linux: a thread's
            # nice value is its own, and the threads it starts inherit it.
            with contextlib.suppress(AttributeError, OSError):
                os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), BUILD_NICENESS)
            self.state.phase = "linking the cards across languages"
            store, explorer = self.retriever.store, self.retriever.explorer
            if self.encoder is not None and self.retriever.encoder is not None:
                profiles = profile_vectors(interim.linker.jobs, self.encoder, store)
                self.retriever.serve_interim(_done(interim.linked_by(self.retriever.encoder, profiles)))
                if explorer is not None:
                    Explorer(explorer.discovery, self.encoder, store).store_topics(interim.facets)
            self.state.phase = "embedding the chunks"
            report = self.run(self.indexer(self._progress))
            self.state.phase = "loading the new index"
            self.retriever.served(served_manifest(self.retriever.store, self.retriever.model_name))
        except AdvisorError as error:
            self._failed(str(error))
            return
        except Exception as error:  # a thread's error would otherwise vanish
            self._failed(f"{error.__class__.__name__}: {error}")
            return
        self.retriever.serve_interim(None)
        self.state.ready = True
        self.log(f"advisor: index ready: {report.chunks} chunks in {time.monotonic() - started:.0f} s")

    def _failed(self, message: str) -> None:
        if not self._interim.done():
            self._interim.set_exception(AdvisorError(f"the cards could not be read: {message}"))
        self.state.error = message
        self.log(f"advisor: the index build failed: {message}")

    def _progress(self, chunks: int, chunks_total: int, files: int, files_total: int) -> None:
        self.state.done, self.state.total = chunks, chunks_total


def _done(corpus: ServedCorpus) -> Future[ServedCorpus]:
    future: Future[ServedCorpus] = Future()
    future.set_result(corpus)
    return future
