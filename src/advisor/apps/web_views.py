"""Answers and index reports -> what the web app shows and its ``/ask`` API returns (pure)."""

from __future__ import annotations

import html
from typing import Any

from advisor.answer.answers import Answer
from advisor.index.indexer import IndexReport


def sources_html(answer: Answer) -> str:
    """The cited sources, each a fold that opens on its snippet, title, ROME code and section."""
    blocks = []
    for source in answer.cited_sources:
        code = f" · ROME {source.rome_code}" if source.rome_code else ""
        snippet = html.escape(source.text.split("\n", 1)[-1])
        blocks.append(
            f"<details><summary>[{source.id}] <b>{html.escape(source.title)}</b>{code} · "
            f"{html.escape(source.section)}</summary><pre style='white-space:pre-wrap'>{snippet}</pre>"
            f"<small>{html.escape(source.path)}</small></details>"
        )
    if answer.candidates:
        others = " · ".join(
            f"<b>{html.escape(c['title'])}</b>" + (f" ({html.escape(c['rome_code'])})" if c["rome_code"] else "")
            for c in answer.candidates
        )
        blocks.append(f"<p class='advisor-candidates'>Not the job you meant? Other cards: {others}</p>")
    return "\n".join(blocks)


def api_answer(answer: Answer) -> dict[str, Any]:
    """``advisor ask --json``'s object, but a source's or a candidate's ``path`` is called ``file``:
    gradio_client takes any object with a ``path`` for a file to download, and fails.

    >>> from advisor.answer.answers import Source
    >>> src = Source(1, "Juge", "K1904", "Focus métier", "rome/K1904-juge.md", 0.1, "…")
    >>> api_answer(Answer("q", "a [1]", False, [src], "extractive"))["sources"][0]["file"]
    'rome/K1904-juge.md'
    """
    result = answer.to_dict()
    for card in [*result["sources"], *result["candidates"]]:
        card["file"] = card.pop("path")
    return result


def mode_line(answer: Answer | None, configured: str, notice: str | None) -> str:
    writer = answer.llm if answer else configured
    line = f"Answering mode: **{writer}**"
    shown = (answer.notice if answer else None) or notice
    return line + (f"  \n⚠️ {shown}" if shown else "")


def report_markdown(report: IndexReport) -> str:
    lines = [
        f"**{report.documents} documents, {report.chunks} chunks**: {report.added} added, "
        f"{report.updated} updated, {report.removed} removed, {report.unchanged} unchanged "
        f"in {report.seconds:.1f} s."
    ]
    lines += [f"- skipped `{s.path}`: {s.reason}" for s in report.skipped]
    return "\n".join(lines)
