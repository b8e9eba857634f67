"""The answering models, chosen by ``ADVISOR_LLM``: the only module that talks to one.

``WRITERS`` maps each mode to the factory of its writer; every mode but ``extractive``
is a LangChain chat model speaking the OpenAI API:
- ``local``: llama.cpp (xllamacpp) runs a GGUF model (``ADVISOR_LOCAL_MODEL``, the bundled
  one by default) in this process and serves it on a random loopback port, guarded by a
  random key;
- ``openai``: any OpenAI-compatible server (OpenAI, vLLM, a llama.cpp server, LM Studio);
- ``ollama``: Ollama's OpenAI-compatible endpoint.
A bundled ``local`` model that is not installed falls back to ``extractive`` with a notice.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from pydantic import SecretStr

from advisor.answer.gguf import local_model
from advisor.errors import ConfigError, LLMUnavailableError, ModelMissingError

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

    from advisor.settings import Settings

LOCAL_CONTEXT_TOKENS = 4096
LOCAL_SLOTS = 2  # answers generated side by side; the rest wait in llama.cpp's queue
#: llama.cpp keeps past prompts' KV states in RAM, 8 GiB by default: ~20 MB an answer here,
#: so a served app grew by 232 MB over 300 questions and would have gone on to 8 GiB. The
#: prefix worth reusing, the fixed system prompt, stays in each slot's own cache anyway.
LOCAL_PROMPT_CACHE_MIB = 64


@runtime_checkable
class Writer(Protocol):
    """Who writes the answers: ``chat``, a chat model, or nobody (None: the cards' own lines).

    ``mode`` is what answers report as their writer; ``notice`` tells the user when the
    configured mode could not be used.
    """

    @property
    def mode(self) -> str: ...

    @property
    def chat(self) -> BaseChatModel | None: ...

    @property
    def notice(self) -> str | None: ...


@dataclass(frozen=True)
class ExtractiveWriter:
    notice: str | None = None
    mode: str = field(default="extractive", init=False)
    chat: None = field(default=None, init=False)


@dataclass(frozen=True)
class ChatWriter:
    mode: str
    chat: BaseChatModel
    server: object = field(default=None, repr=False)  # keeps the local llama.cpp server alive
    notice: None = field(default=None, init=False)


def _extractive(settings: Settings) -> Writer:
    return ExtractiveWriter()


def _local(settings: Settings) -> Writer:
    try:
        return _llama_cpp(settings)
    except ModelMissingError as error:
        return ExtractiveWriter(notice=f"answers are extractive: {error}")


def _server(base_url: str, example_model: str) -> Callable[[Settings], Writer]:
    """The factory of a mode served over the OpenAI API, at ``base_url`` unless
    ``ADVISOR_LLM_BASE_URL`` says otherwise."""

    def build(settings: Settings) -> Writer:
        if not settings.llm_model:
            raise ConfigError(
                f"ADVISOR_LLM={settings.llm} needs a model name: set ADVISOR_LLM_MODEL (e.g. {example_model})"
            )
        api_key = settings.llm_api_key.get_secret_value()
        chat = _openai_chat(settings, settings.llm_base_url or base_url, settings.llm_model, api_key)
        return ChatWriter(settings.llm, chat)

    return build


#: The one place a writer is registered: ADVISOR_LLM and `--llm` take these keys.
WRITERS: dict[str, Callable[[Settings], Writer]] = {
    "local": _local,
    "extractive": _extractive,
    "openai": _server("https://api.openai.com/v1", "gpt-4o-mini"),
    "ollama": _server("http://127.0.0.1:11434/v1", "qwen2.5:7b"),
}
MODES = tuple(WRITERS)


def build_writer(settings: Settings) -> Writer:
    if settings.llm not in WRITERS:
        raise ConfigError(f"unknown ADVISOR_LLM {settings.llm!r}: use one of {', '.join(MODES)}")
    return WRITERS[settings.llm](settings)


def _openai_chat(settings: Settings, base_url: str, model: str, api_key: str) -> BaseChatModel:
    from langchain_openai import ChatOpenAI

    return ChatOpenAI(
        base_url=base_url,
        # ChatOpenAI validates a str key into this very SecretStr; its field's type admits only the latter.
        api_key=SecretStr(api_key),
        model=model,
        temperature=0,
        # The field max_tokens by its alias: ChatOpenAI takes both names (populate_by_name), its typed
        # signature only the alias.
        max_completion_tokens=settings.llm_max_tokens,
        timeout=settings.llm_timeout_s,
        max_retries=1,
        streaming=True,
    )


def _llama_cpp(settings: Settings) -> Writer:
    model_path = local_model(settings.models_dir, settings.local_model, settings.local_model_sha256)
    try:
        import xllamacpp
    except ImportError:
        raise ModelMissingError(
            "the llama.cpp runtime (xllamacpp) is not installed: run `pip install -e '.[local]'`"
        ) from None
    params = xllamacpp.CommonParams()
    params.model.path = str(model_path)
    params.n_ctx = LOCAL_CONTEXT_TOKENS
    params.n_parallel = LOCAL_SLOTS
    params.cache_ram_mib = LOCAL_PROMPT_CACHE_MIB
    threads = settings.llm_threads or os.cpu_count() or 1
    params.cpuparams.n_threads = threads
    params.cpuparams_batch.n_threads = threads
    params.verbosity = -1
    key = secrets.token_urlsafe(24)  # other local users must not borrow the model
    params.api_keys = [key]
    try:
        server = xllamacpp.Server(params)
    except Exception as error:
        fix = (
            "set ADVISOR_LOCAL_MODEL to a GGUF file that llama.cpp runs, or unset it"
            if settings.local_model
            else "run `advisor model install` again"
        )
        raise LLMUnavailableError(f"llama.cpp could not load {model_path} ({error}): {fix}") from error
    chat = _openai_chat(settings, server.listening_address + "/v1", "local", key)
    return ChatWriter("local", chat, server=server)
