"""`advisor eval --real`: real learner messages, scored by how a fake advisor handles them."""

import argparse
import json
import subprocess
import sys
from types import SimpleNamespace

import pytest
import yaml

from advisor.answer.answers import Answer, Source
from advisor.apps import eval_cli
from advisor.errors import ConfigError
from advisor.real_messages import evaluate_real, load_real_messages
from advisor.settings import Settings
from support import REPO

URL = "https://forum.example.org/t/1"
FIXTURE = [
    {"id": "en-real-006", "split": "dev", "lang": "en", "label": "answer", "expected_rome": ["J1506"],
     "message": "I am 40 and would like to become a nurse. Am I silly to start this late?",
     "situation": ["age", "career_change"], "age": 40, "target_job": "nurse", "asks": ["suits_me", "access"]},
    {"id": "fr-real-001", "split": "dev", "lang": "fr", "label": "answer", "expected_rome": ["J1506"],
     "message": "je veux être infirmière mais j'ai peur du concours"},
    {"id": "fr-real-002", "split": "dev", "lang": "fr", "label": "compare", "expected_rome": ["D1102", "D1104"],
     "compare": ["D1102", "D1104"], "message": "boulanger ou pâtissier, lequel choisir ?"},
    {"id": "en-real-002", "split": "dev", "lang": "en", "label": "suggest",
     "expected_rome": ["A1501", "A1407", "A1408", "A1502"], "message": "I love animals, what could I do?",
     "interests": ["animals"]},
    {"id": "en-real-003", "split": "dev", "lang": "en", "label": "ask_back", "expected_rome": [],
     "message": "I don't know what to do with my life", "situation": ["doubt"]},
    {"id": "en-real-004", "split": "dev", "lang": "en", "label": "not_covered", "expected_rome": ["J1506"],
     "not_covered": "recognition of a foreign diploma",
     "message": "I'm a nurse from Brazil, is my diploma valid in France?", "situation": ["diploma"]},
    {"id": "fr-real-008", "split": "heldout", "lang": "fr", "label": "ask_back", "expected_rome": [],
     "message": "je sais pas quoi faire"},
]  # fmt: skip
for entry in FIXTURE:
    entry["source"] = URL


def cites(*codes):
    return [Source(n, code, code, "s", f"{code}.md", 1.0, "") for n, code in enumerate(codes, 1)]


#: What the fake advisor answers each message: one miss per language (fr-real-001, en-real-004).
ANSWERS = {
    "en-real-006": Answer("q", "Nurses need the DE [1].", False, cites("J1506"), "extractive", kind="cited_lines"),
    "fr-real-001": Answer(
        "q", "Aide-soignant : DEAS [2]. Infirmier [1].", False, cites("J1506", "J1501"), "extractive", kind="cited_lines"
    ),
    "fr-real-002": Answer("q", "| CAP [1] | CAP [2] |", False, cites("D1102", "D1104"), "extractive", kind="comparison"),
    "en-real-002": Answer(
        "q", "- a [1]\n- b [2]\n- c [3]", False, cites("A1501", "K1903", "A1502"), "extractive", kind="job_list"
    ),
    "en-real-003": Answer("q", "What do you enjoy?", False, [], "extractive", kind="ask_back"),
    "en-real-004": Answer(
        "q", "Nurses [1], judges [2].", False, cites("J1506", "K1903"), "extractive", kind="cited_lines",
        uncovered=["foreign diplomas"],
    ),
    "fr-real-008": Answer("q", "Qu'aimez-vous faire ?", False, [], "extractive", kind="ask_back"),
}  # fmt: skip
BY_MESSAGE = {entry["message"]: ANSWERS[entry["id"]] for entry in FIXTURE}


@pytest.fixture
def real_set(tmp_path):
    path = tmp_path / "real_messages.yaml"
    path.write_text(yaml.safe_dump(FIXTURE, allow_unicode=True), encoding="utf-8")
    return path


def test_each_label_is_scored_by_its_rule_per_label_language_and_overall(real_set):
    items = load_real_messages(real_set)
    table, results = evaluate_real(lambda item: ANSWERS[item.id], items)
    assert [(item.id, ok) for item, _, ok in results if not ok] == [("fr-real-001", False), ("en-real-004", False)]
    assert (table["answer"]["all"].handled, table["answer"]["all"].messages) == (1, 2)
    assert (table["all"]["en"].handled, table["all"]["en"].messages) == (3, 4)
    assert (table["all"]["fr"].handled, table["all"]["fr"].messages) == (2, 3)
    assert table["all"]["all"].share == 5 / 7
    assert table["compare"]["fr"].share == table["suggest"]["en"].share == 1.0


def test_a_malformed_item_names_the_file_and_the_item(tmp_path):
    path = tmp_path / "real.yaml"
    for entries, says in [
        ([{**FIXTURE[0], "label": "explain"}], "item 1 (en-real-006): label 'explain' is not one of"),
        ([FIXTURE[0], {**FIXTURE[2], "compare": ["D1102"]}], "item 2 (fr-real-002): compare items need"),
        ([{k: v for k, v in FIXTURE[1].items() if k != "message"}], "item 1 (fr-real-001): 'message'"),
        ({"id": "x"}, "should hold a YAML list"),
    ]:
        path.write_text(yaml.safe_dump(entries), encoding="utf-8")
        with pytest.raises(ConfigError, match=str(path)) as raised:
            load_real_messages(path)
        assert says in str(raised.value)


def test_an_unsplit_raw_item_counts_only_in_all(tmp_path):
    path = tmp_path / "real_en_raw.yaml"
    path.write_text(yaml.safe_dump([{k: v for k, v in FIXTURE[0].items() if k != "split"}]), encoding="utf-8")
    assert load_real_messages(path)[0].split == ""


def run_eval(monkeypatch, capsys, *argv):
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--json", action="store_true")
    parser = argparse.ArgumentParser()
    eval_cli.add_parser(parser.add_subparsers(dest="command"), [common])
    fake = SimpleNamespace(writer=SimpleNamespace(mode="extractive"), ask=lambda message: BY_MESSAGE[message])
    monkeypatch.setattr(eval_cli, "build_advisor", lambda settings: fake)
    assert eval_cli.run(parser.parse_args(["eval", *argv]), Settings()) == 0
    return capsys.readouterr().out


def test_the_command_reports_the_split_and_lists_the_misses(monkeypatch, capsys, real_set):
    out = run_eval(monkeypatch, capsys, "--real", str(real_set), "--split", "dev", "--misses")
    lines = out.splitlines()
    assert "split dev, answers by extractive" in lines[0]
    assert lines[1].split() == ["en", "fr", "all"]
    assert lines[2].split() == ["answer", "1.00", "(1/1)", "0.00", "(0/1)", "0.50", "(1/2)"]
    assert lines[7].split() == ["all", "0.75", "(3/4)", "0.50", "(1/2)", "0.67", "(4/6)"]
    assert "  fr-real-001 [answer] cited_lines J1501: Aide-soignant : DEAS [2]. Infirmier [1]." in lines
    assert any(line.startswith("  en-real-004 [not_covered] cited_lines J1506: ") for line in lines)

    report = json.loads(run_eval(monkeypatch, capsys, "--real", str(real_set), "--json"))
    assert report["scores"]["all"]["all"] == {"messages": 7, "handled": 5, "share": 5 / 7}
    assert [m["id"] for m in report["misses"]] == ["fr-real-001", "en-real-004"]


def test_the_checker_accepts_the_fixture_and_names_each_problem(tmp_path, real_set):
    def check(path):
        command = [sys.executable, str(REPO / "eval" / "check_real.py"), "--real", str(path)]
        return subprocess.run(command, capture_output=True, text=True, cwd=REPO)

    good = check(real_set)
    assert good.returncode == 0, good.stdout + good.stderr
    assert "OK: all checks passed" in good.stdout
    assert "ask_back" in good.stdout and "label (fr)" in good.stdout

    bad = [
        {**FIXTURE[0], "expected_rome": ["A9999"]},
        {**FIXTURE[2], "compare": ["D1102", "D1102"]},
        {**FIXTURE[3], "expected_rome": ["A1501"]},
        {**FIXTURE[5], "source": "a forum"},
        {**FIXTURE[4], "split": None},
        {**FIXTURE[4], "label": "ask"},
    ]
    path = tmp_path / "bad.yaml"
    path.write_text(yaml.safe_dump(bad, allow_unicode=True), encoding="utf-8")
    result = check(path)
    assert result.returncode == 1
    for problem in [
        "en-real-006: expected_rome: no card with rome_code A9999",
        "fr-real-002: compare items need compare: [ROME_A, ROME_B], two distinct codes",
        "en-real-004: source 'a forum' is not a URL",
        "en-real-002: suggest items need at least 2 fitting cards",
        "en-real-003: field 'split' should be str",
        "en-real-003: duplicate id (2 times)",
        "en-real-003: label 'ask' not in",
    ]:
        assert problem in result.stdout, result.stdout
