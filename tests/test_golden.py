"""The golden set stays consistent with the corpus (its own checker, run as a script)."""

import subprocess
import sys

from support import REPO


def test_the_golden_set_matches_the_corpus():
    result = subprocess.run(
        [sys.executable, str(REPO / "eval" / "check_golden.py")], capture_output=True, text=True, cwd=REPO
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "OK: all checks passed" in result.stdout
