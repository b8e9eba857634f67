"""The Chroma adapter: chunk collections, the manifest that says which one is served, search.

Crash safety rests on generations. Every chunk records the generation that added it
(``gen_added``) and the one that removed it (``gen_removed``, "never" until then); the
manifest names the served collection and its committed generation G. Readers see the
chunks with ``gen_added <= G < gen_removed``, so a writer can add and retire chunks
freely and publish them all at once by writing the manifest: one atomic update.
While the manifest says ``clean`` (no retired or uncommitted chunk left) searches
skip that filter, which costs ~10x on 16k chunks.
"""

import functools
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, TypeVar
from urllib.parse import urlparse

from advisor.errors import IndexMismatchError, IndexMissingError, StoreUnavailableError

if TYPE_CHECKING:  # chromadb is imported on first use: it costs ~1 s
    from chromadb.api import ClientAPI

NEVER = 2**62  # a generation no run reaches: "not removed"
_GENERATION_FIELDS = ("gen_added", "gen_removed")


@dataclass(frozen=True)
class Manifest:
    collection: str
    generation: int
    clean: bool
    embedding_model: str
    dimension: int
    built_at: str
    documents: int
    chunks: int
    pending: str = ""  # collection of an unfinished --rebuild, resumed by the next run
    pending_model: str = ""


@dataclass(frozen=True)
class Record:
    id: str
    metadata: dict

    def visible_at(self, generation: int) -> bool:
        """Whether the index at this generation serves the chunk."""
        return self.metadata["gen_added"] <= generation < self.metadata["gen_removed"]


@dataclass(frozen=True)
class Hit:
    id: str
    text: str
    metadata: dict
    score: float


def check_model(manifest: Manifest, model_name: str) -> None:
    """Vectors of two models cannot be compared: refuse to mix them."""
    if manifest.embedding_model != model_name:
        raise IndexMismatchError(
            f"the index was built with the embedding model {manifest.embedding_model!r}, "
            f"not {model_name!r}: run `advisor index --rebuild` to rebuild it"
        )


def visible_filter(generation: int) -> dict:
    return {"$and": [{"gen_added": {"$lte": generation}}, {"gen_removed": {"$gt": generation}}]}


def open_client(index_dir: Path, chroma_url: str | None, create: bool) -> "ClientAPI":
    """A Chroma client: a server's when chroma_url is set, else the folder index_dir."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    settings = ChromaSettings(anonymized_telemetry=False)
    if chroma_url:
        url = urlparse(chroma_url)
        try:
            return chromadb.HttpClient(
                host=url.hostname or "127.0.0.1",
                port=url.port or (443 if url.scheme == "https" else 8000),
                ssl=url.scheme == "https",
                settings=settings,
            )
        except Exception as error:  # connection errors come from several HTTP layers
            raise StoreUnavailableError(
                f"cannot reach the Chroma server at {chroma_url} ({error.__class__.__name__}): "
                "start it (`chroma run --path <folder>`) or unset ADVISOR_CHROMA_URL"
            ) from None
    if not create and not index_dir.is_dir():
        raise IndexMissingError(f"no index in {index_dir}: build it with `advisor index`")
    try:
        return chromadb.PersistentClient(path=str(index_dir), settings=settings)
    except Exception as error:
        raise StoreUnavailableError(
            f"cannot open the index in {index_dir} ({error}): delete that folder and run "
            "`advisor index` to build it again"
        ) from None


_P = ParamSpec("_P")
_R = TypeVar("_R")
_T = TypeVar("_T")


def _explain_lost_server(
    method: Callable[Concatenate["ChromaStore", _P], _R],
) -> Callable[Concatenate["ChromaStore", _P], _R]:
    """A Chroma server that stops answering mid-run becomes a StoreUnavailableError.

    The writes of an unfinished run stay invisible (see the generations above), so the
    message can promise that the last complete index is intact.
    """

    @functools.wraps(method)
    def call(store: "ChromaStore", *args: _P.args, **kwargs: _P.kwargs) -> _R:
        import httpx

        try:
            return method(store, *args, **kwargs)
        except httpx.TransportError as error:
            raise StoreUnavailableError(
                f"lost the Chroma server {store.location} ({error.__class__.__name__}: {error}); "
                "the last complete index is intact: start the server again and rerun"
            ) from None

    return call


def _explained(cls: type[_T]) -> type[_T]:
    for name, member in list(vars(cls).items()):
        if callable(member) and not name.startswith("_"):
            setattr(cls, name, _explain_lost_server(member))
    return cls


@_explained
class ChromaStore:
    """Chunk collections and the manifest, in one Chroma client (embedded or server)."""

    def __init__(self, client: "ClientAPI", prefix: str = "advisor", location: str = "in this folder") -> None:
        # chromadb types every result field Optional (``include`` decides which are filled)
        # and metadata as read-only Mappings: the calls below read what they asked for.
        self._client: Any = client
        self.location = location
        self._prefix = prefix
        self._manifest_name = f"{prefix}-manifest"

    def manifest(self) -> Manifest | None:
        from chromadb.errors import NotFoundError

        try:
            metadata = self._client.get_collection(self._manifest_name).metadata or {}
        except NotFoundError:
            return None
        fields = Manifest.__dataclass_fields__
        return Manifest(**{k: v for k, v in metadata.items() if k in fields}) if metadata else None

    def save_manifest(self, manifest: Manifest) -> None:
        collection = self._client.get_or_create_collection(self._manifest_name, embedding_function=None)
        # modify() replaces the whole metadata in one write: the commit point of a run.
        collection.modify(metadata=asdict(manifest))

    def new_collection_name(self) -> str:
        taken = set(self.collection_names())
        number = 1
        while f"{self._prefix}-chunks-{number}" in taken:
            number += 1
        return f"{self._prefix}-chunks-{number}"

    def collection_names(self) -> list[str]:
        names = [getattr(c, "name", c) for c in self._client.list_collections()]
        return sorted(n for n in names if n.startswith(f"{self._prefix}-chunks-"))

    def _collection(self, name: str) -> Any:
        return self._client.get_or_create_collection(
            name, embedding_function=None, configuration={"hnsw": {"space": "cosine"}}
        )

    def _pages(self, name: str, where: dict | None, include: list[str]) -> Iterator[dict[str, Any]]:
        """collection.get in pages of the size the client accepts."""
        collection, offset = self._collection(name), 0
        page = self._client.get_max_batch_size()
        while True:
            batch = collection.get(where=where, include=include, limit=page, offset=offset)
            yield batch
            if len(batch["ids"]) < page:
                return
            offset += page

    def records(self, name: str, where: dict | None = None) -> list[Record]:
        """The chunks of a collection (those matching where) with their metadata."""
        return [
            Record(i, m)
            for batch in self._pages(name, where, ["metadatas"])
            for i, m in zip(batch["ids"], batch["metadatas"], strict=True)
        ]

    def dimension(self, name: str) -> int:
        """Length of the vectors stored in a collection (0 when it is empty)."""
        stored = self._collection(name).get(limit=1, include=["embeddings"])["embeddings"]
        return len(stored[0]) if stored is not None and len(stored) else 0

    def add(
        self, name: str, ids: list[str], texts: list[str], metadatas: list[dict], embeddings: list[list[float]]
    ) -> None:
        collection, step = self._collection(name), self._client.get_max_batch_size()
        for start in range(0, len(ids), step):
            end = start + step
            collection.upsert(
                ids=list(ids[start:end]),
                documents=list(texts[start:end]),
                metadatas=list(metadatas[start:end]),
                embeddings=embeddings[start:end],
            )

    def set_generations(self, name: str, ids: list[str], **generations: int) -> None:
        """Set gen_added and/or gen_removed of chunks; other metadata is kept (update merges)."""
        assert set(generations) <= set(_GENERATION_FIELDS)
        collection, step = self._collection(name), self._client.get_max_batch_size()
        for start in range(0, len(ids), step):
            batch = ids[start : start + step]
            collection.update(ids=batch, metadatas=[dict(generations) for _ in batch])

    def delete(self, name: str, ids: list[str]) -> None:
        collection, step = self._collection(name), self._client.get_max_batch_size()
        for start in range(0, len(ids), step):
            collection.delete(ids=ids[start : start + step])

    def drop(self, name: str) -> None:
        self._client.delete_collection(name)

    def vectors(self, kind: str, keys: list[str]) -> dict[str, Sequence[float]]:
        """The stored vectors of these content keys (those found) in the ``kind`` collection.

        Beside the chunks, vectors keyed by what they encode (the multilingual profiles of
        the cards) are kept across generations, and a replica reads them from its server.
        """
        collection, page = self._collection(f"{self._prefix}-{kind}"), self._client.get_max_batch_size()
        found: dict[str, Sequence[float]] = {}
        for start in range(0, len(keys), page):
            batch = collection.get(ids=keys[start : start + page], include=["embeddings"])
            found.update(zip(batch["ids"], batch["embeddings"], strict=True))
        return found

    def save_vectors(self, kind: str, keys: list[str], vectors: Sequence[Sequence[float]]) -> None:
        collection, step = self._collection(f"{self._prefix}-{kind}"), self._client.get_max_batch_size()
        for start in range(0, len(keys), step):
            collection.upsert(ids=keys[start : start + step], embeddings=vectors[start : start + step])

    def keep_vectors(self, kind: str, keys: set[str]) -> None:
        """Delete the ``kind`` vectors of content no longer served."""
        collection = self._collection(f"{self._prefix}-{kind}")
        stale = [key for batch in self._pages(collection.name, None, []) for key in batch["ids"] if key not in keys]
        self.delete(collection.name, stale)

    def served_chunks(self, manifest: Manifest) -> list[Hit]:
        """Every chunk the manifest's generation serves, text and metadata (score 0)."""
        where = None if manifest.clean else visible_filter(manifest.generation)
        return [
            Hit(*row, 0.0)
            for batch in self._pages(manifest.collection, where, ["documents", "metadatas"])
            for row in zip(batch["ids"], batch["documents"], batch["metadatas"], strict=True)
        ]

    def search(self, manifest: Manifest, embedding: list[float], k: int) -> list[Hit]:
        """The k chunks nearest to embedding among those the manifest's generation serves."""
        result = self._collection(manifest.collection).query(
            query_embeddings=[embedding],
            n_results=k,
            where=None if manifest.clean else visible_filter(manifest.generation),
            include=["documents", "metadatas", "distances"],
        )
        return [
            Hit(i, text, metadata, 1.0 - distance)
            for i, text, metadata, distance in zip(
                result["ids"][0], result["documents"][0], result["metadatas"][0], result["distances"][0], strict=True
            )
        ]
