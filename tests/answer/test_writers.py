"""The writers' registry and the local model setting: no network, no model loaded."""

import hashlib
import re

import pytest
from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from pydantic import ValidationError

from advisor.answer.gguf import MODEL_FILE, local_model
from advisor.answer.writers import MODES, WRITERS, ChatWriter, ExtractiveWriter, Writer, build_writer
from advisor.errors import ConfigError, ModelMissingError
from advisor.settings import Settings

#: Settings under which each mode builds without a model file or a server; a mode added
#: to WRITERS fails here until it is given some.
BUILDABLE = {
    "local": {"models_dir": "no-models-here"},  # falls back to extractive, with its notice
    "extractive": {},
    "openai": {"llm_model": "gpt-4o-mini"},
    "ollama": {"llm_model": "qwen2.5:7b"},
}


def test_every_mode_is_registered_once_and_offered_by_the_settings():
    assert set(BUILDABLE) == set(WRITERS) and tuple(WRITERS) == MODES
    assert all(Settings(llm=mode).llm == mode for mode in MODES)


@pytest.mark.parametrize("mode", MODES)
def test_every_registered_mode_builds_a_writer(mode, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    writer = build_writer(Settings(llm=mode, **BUILDABLE[mode]))
    assert isinstance(writer, Writer)
    if writer.chat is None:
        assert writer.mode == "extractive" and (writer.notice is None) == (mode == "extractive")
    else:
        assert writer.mode == mode and writer.notice is None


def test_an_unknown_mode_is_refused_with_the_known_ones():
    with pytest.raises(ConfigError, match="ADVISOR_LLM 'gpt4all': use one of local, extractive, openai, ollama"):
        build_writer(Settings(llm="gpt4all"))


def test_a_server_mode_has_its_own_address_unless_told_another():
    ollama = build_writer(Settings(llm="ollama", llm_model="qwen2.5:7b"))
    assert ollama.chat.openai_api_base == "http://127.0.0.1:11434/v1"
    vllm = build_writer(Settings(llm="openai", llm_model="qwen", llm_base_url="http://127.0.0.1:8000/v1"))
    assert vllm.chat.openai_api_base == "http://127.0.0.1:8000/v1"
    with pytest.raises(ConfigError, match=r"ADVISOR_LLM_MODEL \(e.g. gpt-4o-mini\)"):
        build_writer(Settings(llm="openai"))


def test_the_tests_writers_are_writers():
    for writer in (ExtractiveWriter(), ChatWriter("local", GenericFakeChatModel(messages=iter(["Hi"])))):
        assert isinstance(writer, Writer)
    assert ExtractiveWriter().chat is None and ExtractiveWriter().mode == "extractive"


def test_the_local_model_is_the_bundled_one_unless_set(tmp_path):
    with pytest.raises(ModelMissingError, match="advisor model install"):
        local_model(tmp_path)
    (tmp_path / MODEL_FILE).write_bytes(b"GGUF")
    assert local_model(tmp_path) == tmp_path / MODEL_FILE
    mine = tmp_path / "mine.gguf"
    mine.write_bytes(b"GGUF mine")
    assert local_model(tmp_path, mine) == mine


def test_a_local_model_set_but_missing_is_a_setting_to_fix(tmp_path):
    missing = tmp_path / "nowhere.gguf"
    with pytest.raises(ConfigError, match=re.escape(f"ADVISOR_LOCAL_MODEL is {missing}, which is not a file")):
        local_model(tmp_path, missing)
    # Not the fallback to extractive of a bundled model not installed: the user named this file.
    with pytest.raises(ConfigError, match=re.escape(str(missing))):
        build_writer(Settings(llm="local", models_dir=tmp_path, local_model=missing))


def test_a_local_model_must_have_the_sha256_it_is_given(tmp_path):
    model = tmp_path / "tiny.gguf"
    model.write_bytes(b"GGUF tiny")
    right = hashlib.sha256(b"GGUF tiny").hexdigest()
    assert local_model(tmp_path, model, right) == model
    assert local_model(tmp_path, model, right.upper()) == model
    with pytest.raises(ConfigError, match=re.escape(f"the sha256 of {model} is {right}, not {'0' * 64}")):
        local_model(tmp_path, model, "0" * 64)
    settings = Settings(llm="local", local_model=model, local_model_sha256="0" * 64)
    with pytest.raises(ConfigError, match="ADVISOR_LOCAL_MODEL_SHA256"):
        build_writer(settings)


def test_the_local_model_settings_come_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("ADVISOR_LOCAL_MODEL", str(tmp_path / "mine.gguf"))
    monkeypatch.setenv("ADVISOR_LOCAL_MODEL_SHA256", "a" * 64)
    settings = Settings()
    assert settings.local_model == tmp_path / "mine.gguf" and settings.local_model_sha256 == "a" * 64
    with pytest.raises(ValidationError, match="local_model_sha256"):
        Settings(local_model_sha256="not-a-checksum")
