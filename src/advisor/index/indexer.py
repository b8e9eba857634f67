"""Build and update the index: incremental by content hash, crash-safe, one writer at a time.

A run (see ``store`` for the generation scheme):

1. lock, scan the corpus and hash every card (no model is loaded yet);
2. compare with the chunks the served generation G holds: new, changed, removed files;
3. add the new chunks as generation G+1 and mark the old ones removed at G+1;
4. commit by writing the manifest (G+1), then delete what G+1 retired.

A SIGKILL before 4 leaves G served untouched; the next run reuses every chunk already
embedded (same ids) and finishes. ``--rebuild`` does the same into a new collection.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from filelock import FileLock, Timeout

from advisor.corpus.documents import CorpusFile, Skipped, load, scan
from advisor.corpus.formats import CardFormatError
from advisor.errors import IndexBusyError, IndexMismatchError
from advisor.index.chunks import CHUNKER_VERSION, Chunk, chunk_document, embedding_text
from advisor.index.store import NEVER, ChromaStore, Manifest, Record, check_model

if TYPE_CHECKING:  # langchain_core costs 0.3 s to import, and a no-change run needs none of it
    from langchain_core.embeddings import Embeddings

#: Called as (chunks done, chunks to embed, files done, files to index).
ProgressCallback = Callable[[int, int, int, int], None]


@dataclass
class IndexReport:
    documents: int = 0
    chunks: int = 0
    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    seconds: float = 0.0
    embedding_model: str = ""

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Changes:
    """What a run must do to one collection, worked out before anything is written."""

    target: str
    base_generation: int
    chunks: list[Chunk]
    to_embed: list[Chunk]
    reused: list[str]
    retire: list[str]
    delete_now: list[str]
    unretire: list[str]
    documents: int  # served once committed
    served_chunks: int

    @property
    def is_empty(self) -> bool:
        return not (self.chunks or self.retire or self.delete_now or self.unretire)


def plan_changes(
    target: str,
    base_generation: int,
    served: tuple[int, int],
    records: list[Record],
    chunks: list[Chunk],
    gone: set[str],
) -> Changes:
    """Diff the collection against the chunks the corpus now gives. Pure.

    ``served`` is (documents, chunks) of the base generation; ``records`` must hold every
    chunk of the ``gone`` paths (deleted or changed files) and every chunk that is not
    plainly served (uncommitted, retired): the other chunks of the collection stay as
    they are and need not be read.
    """
    uncommitted = {r.id for r in records if r.metadata["gen_added"] > base_generation}
    wanted = {c.id for c in chunks}
    visible = [r for r in records if r.visible_at(base_generation)]
    retire = [r.id for r in visible if r.metadata["path"] in gone]
    return Changes(
        target=target,
        base_generation=base_generation,
        chunks=chunks,
        to_embed=[c for c in chunks if c.id not in uncommitted],
        reused=sorted(wanted & uncommitted),
        retire=retire,
        # Retired by a committed run, or added by a killed one and not wanted any more.
        delete_now=[
            r.id for r in records if r.metadata["gen_removed"] <= base_generation or (r.id in uncommitted - wanted)
        ],
        unretire=[r.id for r in visible if r.metadata["gen_removed"] != NEVER and r.metadata["path"] not in gone],
        documents=served[0] - len(gone) + len({c.metadata["path"] for c in chunks}),
        served_chunks=served[1] - len(retire) + len(chunks),
    )


class Indexer:
    """Keeps a ChromaStore in step with a corpus folder."""

    def __init__(
        self,
        store: ChromaStore,
        model_name: str,
        load_embeddings: Callable[[], Embeddings],
        lock_path: Path,
        chunk_max_chars: int = 800,
        max_file_bytes: int = 20_000_000,
        embed_window: int = 512,
        progress: ProgressCallback | None = None,
        before_commit: Callable[[Manifest], None] | None = None,
    ):
        """``before_commit`` gets the generation about to be committed, readable in the
        store: what is computed from the served cards is stored before any reader sees it."""
        self.store = store
        self.model_name = model_name
        self.load_embeddings = load_embeddings
        self.lock_path = lock_path
        self.chunk_max_chars = chunk_max_chars
        self.max_file_bytes = max_file_bytes
        self.embed_window = embed_window
        self.progress = progress
        self.before_commit = before_commit

    def run(self, corpus_dir: Path, rebuild: bool = False) -> IndexReport:
        self.lock_path.parent.mkdir(parents=True, exist_ok=True)
        try:
            with FileLock(self.lock_path, timeout=0):
                return self._run(corpus_dir, rebuild)
        except Timeout:
            raise IndexBusyError(
                f"another `advisor index` is updating this index (lock {self.lock_path}); "
                "wait for it to finish, then run again"
            ) from None

    def chunks(self, corpus_dir: Path) -> list[Chunk]:
        """Every chunk of the corpus, as a run cuts them, in seconds and without writing
        anything: what the web app answers from while its first build embeds them."""
        files, _ = scan(corpus_dir, self._fingerprint(), self.max_file_bytes)
        return self._chunk_changed(files, {}, IndexReport())

    def _fingerprint(self) -> str:
        return f"chunker {CHUNKER_VERSION}, {self.chunk_max_chars} chars"

    def _run(self, corpus_dir: Path, rebuild: bool) -> IndexReport:
        started = time.monotonic()
        files, skipped = scan(corpus_dir, self._fingerprint(), self.max_file_bytes)
        report = IndexReport(skipped=skipped, embedding_model=self.model_name)
        manifest = self._manifest_for_run(rebuild)
        target = manifest.pending or manifest.collection
        base = 0 if manifest.pending else manifest.generation
        clean = manifest.clean and not manifest.pending
        if clean:
            # Every chunk is served: each file's first chunk tells its hash, at a tenth
            # of the cost of reading all 16k (a no-change run must stay around 1 s).
            records = self.store.records(target, where={"position": 0})
        else:
            records = self.store.records(target)
        served_hash = {
            r.metadata["path"]: r.metadata["content_hash"]
            for r in records
            if r.visible_at(base) and r.metadata["position"] == 0
        }
        current = {f.relpath: f.content_hash for f in files}
        gone = {p for p, h in served_hash.items() if current.get(p) != h}
        changed = [f for f in files if served_hash.get(f.relpath) != f.content_hash]
        report.unchanged = len(files) - len(changed)
        if clean:
            # Only the chunks of the files that leave or change are touched.
            records = self.store.records(target, where={"path": {"$in": sorted(gone)}}) if gone else []
        chunks = self._chunk_changed(changed, served_hash, report)
        report.removed = len(gone - {c.metadata["path"] for c in chunks})
        served = (0, 0) if manifest.pending else (manifest.documents, manifest.chunks)
        changes = plan_changes(target, base, served, records, chunks, gone)
        if not changes.is_empty or not clean:
            manifest = self._apply(manifest, changes)
        report.documents, report.chunks = manifest.documents, manifest.chunks
        report.seconds = round(time.monotonic() - started, 3)
        return report

    def _chunk_changed(
        self, changed: list[CorpusFile], served_hash: dict[str, str], report: IndexReport
    ) -> list[Chunk]:
        """Chunks of the new and edited files; the unusable ones go to report.skipped."""
        chunks = []
        for file in changed:
            try:
                document = load(file)
            except (CardFormatError, OSError) as error:
                report.skipped.append(Skipped(file.relpath, str(error)))
                continue
            document_chunks = chunk_document(document, self.chunk_max_chars)
            if not document_chunks:
                report.skipped.append(Skipped(file.relpath, "no text to index in its sections"))
                continue
            chunks += document_chunks
            if file.relpath in served_hash:
                report.updated += 1
            else:
                report.added += 1
        return chunks

    def _manifest_for_run(self, rebuild: bool) -> Manifest:
        """The manifest with ``pending`` set when this run must fill a new collection."""
        manifest = self.store.manifest()
        resumable = manifest and manifest.pending and manifest.pending_model == self.model_name
        if manifest and manifest.collection and not rebuild and not resumable:
            check_model(manifest, self.model_name)
            # A dead rebuild with another model is not resumed: its collection is dropped
            # the next time this one changes.
            return replace(manifest, pending="", pending_model="")
        if resumable:
            assert manifest is not None  # implied by resumable, which mypy cannot follow
            return manifest
        pending = self.store.new_collection_name()
        empty = Manifest(
            collection="",
            generation=0,
            clean=True,
            embedding_model=self.model_name,
            dimension=0,
            built_at="",
            documents=0,
            chunks=0,
        )
        manifest = replace(manifest or empty, pending=pending, pending_model=self.model_name)
        self.store.save_manifest(manifest)
        return manifest

    def _apply(self, manifest: Manifest, changes: Changes) -> Manifest:
        store, target, generation = self.store, changes.target, changes.base_generation + 1
        if target == manifest.collection and manifest.clean:
            # Readers must filter by generation before this run writes anything.
            manifest = replace(manifest, clean=False)
            store.save_manifest(manifest)
        store.delete(target, changes.delete_now)
        store.set_generations(target, changes.unretire, gen_removed=NEVER)
        store.set_generations(target, changes.reused, gen_added=generation)
        dimension = self._embed(changes, generation, manifest)
        store.set_generations(target, changes.retire, gen_removed=generation)
        manifest = Manifest(
            collection=target,
            generation=generation,
            clean=False,
            embedding_model=self.model_name,
            dimension=dimension or self.store.dimension(target),
            built_at=datetime.now(UTC).isoformat(timespec="seconds"),
            documents=changes.documents,
            chunks=changes.served_chunks,
        )
        if self.before_commit:
            self.before_commit(manifest)
        store.save_manifest(manifest)  # the commit: readers switch to this generation now
        store.delete(target, changes.retire)
        for name in store.collection_names():
            if name != target:
                store.drop(name)  # the collection a rebuild replaced, or a dead rebuild's
        manifest = replace(manifest, clean=True)
        store.save_manifest(manifest)
        return manifest

    def _embed(self, changes: Changes, generation: int, manifest: Manifest) -> int:
        """Embed and store the new chunks window by window; returns their dimension."""
        if not changes.to_embed:
            return 0
        embeddings, dimension = self.load_embeddings(), 0
        expected = manifest.dimension if changes.target == manifest.collection else 0
        files_total = len({c.metadata["path"] for c in changes.to_embed})
        done_files: set[str] = set()
        if self.progress:
            self.progress(0, len(changes.to_embed), 0, files_total)
        for start in range(0, len(changes.to_embed), self.embed_window):
            window = changes.to_embed[start : start + self.embed_window]
            vectors = embeddings.embed_documents([embedding_text(c) for c in window])
            dimension = len(vectors[0])
            if expected and dimension != expected:
                raise IndexMismatchError(
                    f"the embedding model gives {dimension}-dimension vectors but the index "
                    f"holds {expected}: run `advisor index --rebuild` to rebuild it"
                )
            metadatas = [{**c.metadata, "gen_added": generation, "gen_removed": NEVER} for c in window]
            self.store.add(changes.target, [c.id for c in window], [c.text for c in window], metadatas, vectors)
            done_files.update(c.metadata["path"] for c in window)
            if self.progress:
                # A file counts as done once its last chunk is stored.
                remaining = {c.metadata["path"] for c in changes.to_embed[start + len(window) :]}
                self.progress(start + len(window), len(changes.to_embed), len(done_files - remaining), files_total)
        return dimension
