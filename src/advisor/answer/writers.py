"""The answering models, chosen by ``ADVISOR_LLM``: the only module that talks to one.

Every mode but ``extractive`` is a LangChain chat model speaking the OpenAI API:
- ``local``: llama.cpp (xllamacpp) runs the bundled GGUF model in this process and
  serves it on a random loopback port, guarded by a random key;
- ``openai``: any OpenAI-compatible server (OpenAI, vLLM, a llama.cpp server, LM Studio);
- ``ollama``: Ollama's OpenAI-compatible endpoint.
A ``local`` model that is not installed falls back to ``extractive`` with a notice.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from pydantic import SecretStr

from advisor.answer.gguf import installed_model
from advisor.errors import ConfigError, LLMUnavailableError, ModelMissingError

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

    from advisor.settings import Settings

MODES = ("local", "extractive", "openai", "ollama")
DEFAULT_BASE_URLS = {"openai": "https://api.openai.com/v1", "ollama": "http://127.0.0.1:11434/v1"}
LOCAL_CONTEXT_TOKENS = 4096
LOCAL_SLOTS = 2  # answers generated side by side; the rest wait in llama.cpp's queue
#: llama.cpp keeps past prompts' KV states in RAM, 8 GiB by default: ~20 MB an answer here,
#: so a served app grew by 232 MB over 300 questions and would have gone on to 8 GiB. The
#: prefix worth reusing, the fixed system prompt, stays in each slot's own cache anyway.
LOCAL_PROMPT_CACHE_MIB = 64


@dataclass
class Writer:
    """Who writes the answers: a chat model, or nobody (``extractive``).

    ``notice`` tells the user when the configured mode could not be used.
    """

    mode: str
    chat: BaseChatModel | None = None
    notice: str | None = None
    server: object = field(default=None, repr=False)  # keeps the local llama.cpp server alive


def build_writer(settings: Settings) -> Writer:
    if settings.llm == "extractive":
        return Writer("extractive")
    if settings.llm == "local":
        try:
            return _local(settings)
        except ModelMissingError as error:
            return Writer("extractive", notice=f"answers are extractive: {error}")
    if not settings.llm_model:
        raise ConfigError(
            f"ADVISOR_LLM={settings.llm} needs a model name: set ADVISOR_LLM_MODEL (e.g. "
            f"{'gpt-4o-mini' if settings.llm == 'openai' else 'qwen2.5:7b'})"
        )
    base_url = settings.llm_base_url or DEFAULT_BASE_URLS[settings.llm]
    chat = _openai_chat(settings, base_url, settings.llm_model, settings.llm_api_key.get_secret_value())
    return Writer(settings.llm, chat)


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


def _local(settings: Settings) -> Writer:
    model_path = installed_model(settings.models_dir)
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
        raise LLMUnavailableError(
            f"llama.cpp could not load {model_path} ({error}): run `advisor model install` again"
        ) from error
    chat = _openai_chat(settings, server.listening_address + "/v1", "local", key)
    return Writer("local", chat, server=server)
