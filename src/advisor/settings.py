"""Typed settings, read from ``ADVISOR_*`` environment variables (and a ``.env`` file).

Command-line flags override them: the CLI builds ``Settings(**overrides)``.

>>> Settings(corpus_dir="cards").corpus_dir
PosixPath('cards')
"""

from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
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
        "(see `advisor.index.embeddings.BUNDLED_MODELS`) or the path of a model folder.",
    )
    embedding_backend: Literal["onnx-int8", "onnx", "torch"] = Field(
        "onnx-int8",
        description="What runs the embedding model: `onnx-int8` (onnxruntime, weights quantised "
        "to int8: the fastest), `onnx` (onnxruntime, the same vectors as torch) or `torch` "
        "(sentence-transformers). The ONNX file is exported once into models_dir/onnx.",
    )
    retriever: Literal["dense", "lexical", "hybrid"] = Field(
        "hybrid",
        description="How chunks are found: embeddings alone, BM25 alone, or both fused with "
        "job linking and section intent (see advisor.search.retrieval).",
    )
    embedding_batch_size: int = Field(
        32, ge=1, description="Chunks encoded per forward pass of the `torch` backend (ONNX encodes one at a time)."
    )
    chunk_max_chars: int = Field(
        800,
        ge=200,
        description="Longest chunk text, in characters; longer sections are split at sentence "
        "boundaries (about the 256-token window of MiniLM for French text).",
    )
    # A str, not a Literal: the modes are the keys of advisor.answer.writers.WRITERS, which
    # refuses any other with a ConfigError (settings may not import the answer stage).
    llm: str = Field(
        "local",
        description="Who writes answers: `local` (llama.cpp on the local GGUF model; falls back "
        "to `extractive` with a notice when the bundled one is not installed), `extractive` (the "
        "cards' own sentences, no model), `openai` (any OpenAI-compatible server) or `ollama`.",
    )
    models_dir: Path = Field(
        Path("models"),
        description="Folder where `advisor model install` puts the local GGUF model.",
    )
    local_model: Path | None = Field(
        None,
        description="GGUF file that the `local` mode runs instead of the bundled "
        "Qwen2.5-Coder-1.5B-Instruct (which `advisor model install` puts in models_dir), "
        "so that trying another model needs no code change.",
    )
    local_model_sha256: str | None = Field(
        None,
        pattern=r"^[0-9a-fA-F]{64}$",
        description="sha256 that the `local` mode's GGUF file must have, checked at every start "
        "(the whole file is read: 7 s for the bundled 1.1 GB on 2 cores); a file that differs is refused.",
    )
    llm_model: str = Field(
        "",
        description="Model name sent to an `openai` or `ollama` server (e.g. gpt-4o-mini, "
        "qwen2.5:7b); required for those modes.",
    )
    llm_base_url: str | None = Field(
        None,
        description="URL of the OpenAI-compatible API (default https://api.openai.com/v1 for "
        "`openai`, http://127.0.0.1:11434/v1 for `ollama`).",
    )
    llm_api_key: SecretStr = Field(
        SecretStr("not-needed"),
        description="API key for the `openai` mode (local servers ignore it).",
    )
    llm_max_tokens: int = Field(350, ge=16, description="Longest answer a model may write, in tokens.")
    llm_threads: int = Field(0, ge=0, description="CPU threads of the `local` model; 0 means one per core.")
    llm_timeout_s: float = Field(120.0, gt=0, description="Seconds to wait for an `openai` or `ollama` server.")
    answer_sources: int = Field(5, ge=1, le=20, description="Chunks retrieved for an answer (its numbered sources).")
    max_question_chars: int = Field(
        2000, ge=50, description="Longer questions are refused with a message, not truncated."
    )
    auth: SecretStr | None = Field(
        None,
        description="`user:password` that the web app asks for (a login page); unset, the app "
        "is open to whoever reaches its address (127.0.0.1 by default).",
    )
    max_file_mb: float = Field(20.0, gt=0, description="Corpus files larger than this many megabytes are skipped.")

    def embedding_name(self) -> str:
        """The model as the index records it: int8 vectors differ from the others.

        >>> Settings(embedding_backend="onnx-int8").embedding_name()
        'all-MiniLM-L6-v2 (int8)'
        """
        return f"{self.embedding_model} (int8)" if self.embedding_backend == "onnx-int8" else self.embedding_model
