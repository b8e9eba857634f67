"""The discovery file: what the importer writes is what the loader reads, and a bad file says how to fix it."""

from pathlib import Path

import pytest

from advisor.corpus.discovery import Discovery, Interest, Theme, dump_discovery, load_discovery
from advisor.errors import CorpusError

DISCOVERY = Discovery(
    source="Source : France Travail, ROME 4.0 v60, Licence Ouverte 2.0",
    licence="Licence Ouverte / Open Licence 2.0 (Etalab)",
    data_version="ROME 4.0 v60 (18/09/2025)",
    interests=(
        Interest(
            17,
            "J'aime m'occuper des animaux",
            "I like taking care of animals",
            "Vous aimez les animaux ?\n\nDe nombreux métiers.",
            ("A1501", "A1503"),
            ("A1501",),
        ),
    ),
    themes=(Theme("001", "Métiers de l'environnement", "Jobs in the environment", "Espaces verts, forêts.", ()),),
)


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "discovery.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_what_is_dumped_loads_back_the_same(tmp_path: Path) -> None:
    path = write(tmp_path, dump_discovery(DISCOVERY))
    assert load_discovery(path) == DISCOVERY
    assert "cards: [A1501, A1503]\n" in path.read_text(encoding="utf-8")


def test_a_missing_file_says_how_to_regenerate_it(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match=r"discovery.yaml is missing: regenerate it with `advisor import-rome"):
        load_discovery(tmp_path / "discovery.yaml")


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("interests: [unclosed\n", "cannot be read"),
        ("- a list\n", "the file has no 'interests'"),
        (dump_discovery(DISCOVERY).replace("code: 17", "code: '17'"), "'code' of interest 1 is not a whole number"),
        (dump_discovery(DISCOVERY).replace("code: '001'", "code: 1"), "'code' of theme 1 is not text"),
        (dump_discovery(DISCOVERY).replace("main_cards: [A1501]", "main_cards: A1501"), "'main_cards' of interest 1"),
        (dump_discovery(DISCOVERY).replace("cards: [A1501, A1503]", "cards: [1501]"), "not a list of ROME codes"),
        (dump_discovery(DISCOVERY).replace("  label_en: Jobs in the environment\n", ""), "theme 1 has no 'label_en'"),
        (dump_discovery(DISCOVERY).replace("data_version: ROME", "data_versio: ROME"), "no 'data_version'"),
    ],
)
def test_a_malformed_file_is_a_corpus_error_naming_the_fault(tmp_path: Path, text: str, reason: str) -> None:
    with pytest.raises(CorpusError, match="regenerate it with") as error:
        load_discovery(write(tmp_path, text))
    assert reason in str(error.value)
