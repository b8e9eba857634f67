"""Lint, format and type checks run with the tests, so CI and the README's test command hold them.

Their rules live in ``pyproject.toml`` ([tool.ruff], [tool.mypy]).
"""

import subprocess
import sys

import pytest

from support import REPO


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", *args], capture_output=True, text=True, cwd=REPO)


@pytest.mark.parametrize(
    "command",
    [("ruff", "format", "--check", "--diff", "."), ("ruff", "check", "--no-cache", "."), ("mypy",)],
    ids=["ruff-format", "ruff-lint", "mypy"],
)
def test_the_code_passes(command):
    result = run(*command)
    assert result.returncode == 0, result.stdout + result.stderr
