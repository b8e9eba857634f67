"""Typed settings, read from ``ADVISOR_*`` environment variables (and a ``.env`` file).

Command-line flags override them: the CLI builds ``Settings(**overrides)``.

>>> Settings(corpus_dir="cards").corpus_dir
PosixPath('cards')
"""

from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

#: The one place where the default embedding model is chosen.
DEFAULT_EMBEDDING_MODEL = "all-MiniLM-L6-v2"


class Settings(BaseSettings):
    """Everything advisor can be configured with; each field is an ``ADVISOR_<NAME>`` variable."""

    model_config = SettingsConfigDict(env_prefix="ADVISOR_", env_file=".env", extra="ignore")

    corpus_dir: Path = Field(
        Path("corpus"),
        description="Folder of job cards (.md, .txt, .pdf, .html) that the index is built from.",
    )
    index_dir: Path = Field(
        Path("index"),
        description="Folder of the embedded Chroma index; also holds the lock of `advisor index`.",
    )
    chroma_url: str | None = Field(
        None,
        description="URL of a Chroma server (e.g. http://127.0.0.1:8000); when set, it replaces "
        "the embedded index in index_dir.",
    )
    collection_prefix: str = Field(
        "advisor",
        description="Prefix of the Chroma collection names, so several corpora can share a server.",
    )
    embedding_model: str = Field(
        DEFAULT_EMBEDDING_MODEL,
        description="Sentence-transformers model: a name bundled by a Python package "
        "(see `advisor.embeddings.BUNDLED_MODELS`) or the path of a model folder.",
    )
    retriever: Literal["dense", "lexical", "hybrid"] = Field(
        "hybrid",
        description="How chunks are found: embeddings alone, BM25 alone, or both fused with "
        "job linking and section intent (see advisor.retrieval).",
    )
    embedding_batch_size: int = Field(
        32, ge=1, description="Chunks encoded per forward pass of the embedding model."
    )
    chunk_max_chars: int = Field(
        800,
        ge=200,
        description="Longest chunk text, in characters; longer sections are split at sentence "
        "boundaries (about the 256-token window of MiniLM for French text).",
    )
    max_file_mb: float = Field(
        20.0, gt=0, description="Corpus files larger than this many megabytes are skipped."
    )
