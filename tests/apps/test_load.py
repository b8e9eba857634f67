"""Load: a soak of 300 questions through `/ask` of one `advisor serve` process, with the
real embedding model, keeps its memory flat (bench/soak.py does the asking and measuring)."""

import json
import subprocess
import sys

import pytest

from support import REPO, write_corpus

pytestmark = [pytest.mark.integration, pytest.mark.slow]


def test_a_soak_of_300_questions_keeps_the_servers_memory_flat(tmp_path):
    corpus, index = write_corpus(tmp_path / "corpus"), tmp_path / "index"
    built = subprocess.run(
        [sys.executable, "-m", "advisor.apps.cli", "index", "--corpus", corpus, "--index", index],
        capture_output=True,
        text=True,
    )
    assert built.returncode == 0, built.stderr
    soak = subprocess.run(
        [
            sys.executable,
            REPO / "bench" / "soak.py",
            "--questions",
            "300",
            "--users",
            "4",
            "--llm",
            "extractive",
            "--corpus",
            corpus,
            "--index",
            index,
        ],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert soak.returncode == 0, soak.stderr
    report = json.loads(soak.stdout)
    assert (report["succeeded"], report["error_count"]) == (300, 0), report["errors"]
    assert report["rss_growth_pct"] < 10, report["rss_mb"]
