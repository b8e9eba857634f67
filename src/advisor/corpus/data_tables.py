"""Reading the open-data CSV files of ``../shared/data`` (DARES, the shortage list, Certif
Info, InserJeunes), each checked as it is read: a missing file or column, or a file that is
not the CSV its SOURCE.md describes, raises :class:`~advisor.errors.CorpusError` naming it."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path

from advisor.errors import CorpusError

__all__ = ["rows"]


def rows(path: Path, columns: Iterable[str], encoding: str = "utf-8", delimiter: str = ";") -> list[dict[str, str]]:
    """The rows of the CSV file at ``path``, which must have ``columns``."""
    if not path.is_file():
        raise CorpusError(f"{path} is missing: copy the whole data folder (see its SOURCE.md).")
    with path.open(encoding=encoding, newline="") as handle:
        reader = csv.DictReader(handle, delimiter=delimiter)
        absent = set(columns) - set(reader.fieldnames or ())
        if absent:
            raise CorpusError(
                f"{path} lacks the column(s) {', '.join(sorted(absent))}: not the file its SOURCE.md describes."
            )
        try:
            return list(reader)
        except (UnicodeDecodeError, csv.Error) as exc:
            raise CorpusError(f"{path} cannot be read as {encoding} CSV ({exc}): restore it from its source.") from exc
