"""The Gradio web app: chat with cited sources, the cards, and the index.

Built by ``build_app`` from the components that ``advisor.apps.served_app`` wires;
each browser session keeps its own conversation in ``gr.State``, so nothing leaks between
users. The ``/ask`` API endpoint returns the same JSON as ``advisor ask --json``.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import gradio as gr
from gradio.routes import App

from advisor.answer.chain import Advisor
from advisor.apps.cards import Card, card_markdown, comparison_markdown, search
from advisor.apps.explore_tab import ExploreTab
from advisor.apps.web_views import api_answer, mode_line, report_markdown, sources_html
from advisor.errors import AdvisorError
from advisor.index.indexer import IndexReport
from advisor.search.exploration import Choice, Exploration

EXAMPLES = [
    "How do I become an Edge AI engineer?",
    "Combien gagne un ingénieur systèmes embarqués en IA ?",
    "Comment devenir boulanger ?",
    "What skills does a data scientist need?",
    "Quels métiers sont proches d'infirmier ?",
]
#: Answers written at once; llama.cpp runs two side by side and queues the rest itself.
CONCURRENT_ANSWERS = 4
UPLOAD_TYPES = (".md", ".txt", ".pdf", ".html", ".htm")
_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")
CSS = """
.gradio-container {max-width: 1100px !important; margin: auto;}
.advisor-sources details {margin: 0.25em 0;}
.advisor-compare td:first-child {white-space: nowrap; font-weight: 600;}
.message table td:first-child {min-width: 8em; word-break: normal; font-weight: 600;}
"""


#: Gradio's theme declares its bundled Source Sans Pro in weights 400 and 600 only: bold
#: text (titles) fell back to another font glyph by glyph, "IA" drawn as a large I and a
#: small A in Chromium. The bold face ships with gradio too (static/fonts), so it is declared.
THEME = gr.themes.Default(
    font=[gr.themes.LocalFont("Source Sans Pro", weights=(400, 600, 700)), "ui-sans-serif", "system-ui", "sans-serif"]
)


def safe_upload_name(name: str) -> str:
    """A file name that cannot leave the upload folder nor hide its type.

    >>> safe_upload_name("../../etc/pass wd.md")
    'pass_wd.md'
    """
    base = Path(name).name
    stem, suffix = Path(base).stem, Path(base).suffix.lower()
    cleaned = _UNSAFE_NAME.sub("_", stem).strip("._") or "card"
    return f"{cleaned[:80]}{suffix}"


def build_app(
    advisor: Advisor,
    cards: Callable[[], dict[str, Card]],
    status: Callable[[], str],
    rebuild: Callable[[Callable[[float, str], None]], IndexReport],
    corpus_dir: Path,
    max_upload_mb: float,
    explore: Callable[[Choice], Exploration] | None = None,
    interests: list[tuple[str, int]] | None = None,
    domains: list[str] | None = None,
    building: Callable[[], str | None] | None = None,
) -> gr.Blocks:
    """``cards`` gives the served cards by path; ``status`` describes the index in Markdown;
    ``rebuild`` runs an incremental index update, reporting progress through its callback;
    ``explore`` ranks the cards for a learner's picks among ``interests`` (label, code)
    and ``domains`` (the Explore tab, and the Jobs tab's browsing by domain); ``building``
    tells the first build's progress (None once it is over), shown above the tabs."""

    def choices(found: list[Card]) -> list[tuple[str, str]]:
        return [(f"{card.title} ({card.rome_code})" if card.rome_code else card.title, card.path) for card in found]

    def find(query: str) -> tuple[dict[str, Any], str]:
        try:
            found = search(cards(), query or "")
        except AdvisorError as error:
            return gr.update(choices=[], value=None), f"⚠️ {error}"
        return gr.update(choices=choices(found), value=found[0].path if found else None), (
            f"{len(found)} cards" + (" (first 30)" if len(found) == 30 else "")
        )

    def browse(domain: str | None) -> tuple[dict[str, Any], str]:
        if not domain or explore is None:
            return gr.update(choices=[], value=None), ""
        listed = [s.card.path for s in explore(Choice(domain=domain)).suggestions]
        available = cards()
        found = [available[path] for path in listed if path in available]
        return gr.update(choices=choices(found), value=found[0].path if found else None), f"{len(found)} cards"

    def open_card(path: str | None) -> tuple[str, dict[str, Any]]:
        available = cards()
        card = available.get(path or "")
        if card is None:
            return "", gr.update(choices=[], value=None)
        by_code = {c.rome_code: c for c in available.values() if c.rome_code}
        related = [by_code[code] for code in card.related_codes() if code in by_code]
        return card_markdown(card), gr.update(choices=choices(related), value=None)

    def compare(left: str | None, right: str | None) -> str:
        available = cards()
        if left not in available or right not in available:
            return "Choose two jobs."
        return comparison_markdown(available[left], available[right])

    def respond(message: str, chat: list, history: list[str]) -> Iterator[tuple]:
        if not message or not message.strip():
            yield chat, history, "", gr.update()
            return
        chat = [*chat, {"role": "user", "content": message}, {"role": "assistant", "content": "…"}]
        yield chat, history, "", gr.update()
        try:
            text, stream = "", advisor.stream(message, tuple(history))
            for piece in stream:
                text += piece
                chat[-1] = {"role": "assistant", "content": text}
                yield chat, history, "", gr.update()
            answer = stream.answer
            sources = sources_html(answer)
            body = answer.answer + (f"\n\n<div class='advisor-sources'>{sources}</div>" if sources else "")
            chat[-1] = {"role": "assistant", "content": body}
            yield chat, [*history, answer.question], "", mode_line(answer, advisor.writer.mode, advisor.writer.notice)
        except AdvisorError as error:
            chat[-1] = {"role": "assistant", "content": f"⚠️ {error}"}
            yield chat, history, "", gr.update()

    def ask_api(question: str, history: list[str] | None = None) -> dict[str, Any]:
        """Answer one question (history: the conversation's earlier questions) with its sources."""
        try:
            answer = advisor.ask(question, tuple(history or ()))
        except AdvisorError as error:
            raise gr.Error(str(error)) from None
        return api_answer(answer)

    def run_rebuild(progress: gr.Progress = gr.Progress()) -> tuple[str, str]:
        try:
            report = rebuild(lambda share, text: progress(share, desc=text))
        except AdvisorError as error:
            return f"⚠️ {error}", status()
        return report_markdown(report), status()

    def upload(path: str | None, progress: gr.Progress = gr.Progress()) -> tuple[str, str]:
        if not path:
            return "Choose a file first.", status()
        source = Path(path)
        name = safe_upload_name(source.name)
        if Path(name).suffix not in UPLOAD_TYPES:
            return f"⚠️ {source.name}: only {', '.join(UPLOAD_TYPES)} cards can be added.", status()
        if source.stat().st_size > max_upload_mb * 1_000_000:
            return f"⚠️ {source.name} is larger than {max_upload_mb:g} MB.", status()
        target_dir = corpus_dir / "uploads"
        target_dir.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target_dir / name)
        summary, state = run_rebuild(progress)
        return f"Added `uploads/{name}`.\n\n{summary}", state

    # Uploaded files wait in gradio's cache until copied into the corpus: an hour later,
    # gradio deletes them, so a shared machine does not keep every learner's files.
    with gr.Blocks(title="advisor — offline career advisor", delete_cache=(3600, 3600)) as app:
        gr.Markdown(
            "# advisor\nAsk about a job, in English or French: answers come from the job cards, with their sources."
        )
        if building is not None:
            banner = gr.Markdown(building() or "", visible=building() is not None, elem_id="advisor-building")
            timer = gr.Timer(2.0)

            def tick() -> tuple[dict[str, Any], gr.Timer]:
                text = building()
                return gr.update(value=text or "", visible=text is not None), gr.Timer(active=text is not None)

            timer.tick(tick, None, [banner, timer], api_visibility="private")
        with gr.Tabs() as tabs:
            with gr.Tab("Chat", id="chat"):
                chat = gr.Chatbot(
                    label="Conversation", height=520, buttons=["copy"], placeholder="Ask a question below."
                )
                history = gr.State([])
                with gr.Row():
                    box = gr.Textbox(
                        show_label=False, placeholder="How do I become an Edge AI engineer?", scale=8, autofocus=True
                    )
                    send = gr.Button("Ask", variant="primary", scale=1)
                with gr.Row():
                    new = gr.Button("New conversation", size="sm")
                    mode = gr.Markdown(mode_line(None, advisor.writer.mode, advisor.writer.notice))
                gr.Examples(EXAMPLES, inputs=box, label="Examples")
                outputs = [chat, history, box, mode]
                box.submit(respond, [box, chat, history], outputs, api_visibility="private")
                send.click(respond, [box, chat, history], outputs, api_visibility="private")
                new.click(lambda: ([], []), None, [chat, history], api_visibility="private")
            if explore is not None:
                with gr.Tab("Explore", id="explore"):
                    explore_tab = ExploreTab(explore, interests or [], domains or [])
            with gr.Tab("Jobs", id="jobs"):
                with gr.Row():
                    query = gr.Textbox(label="Search by title, alias, ROME code or word", scale=3)
                    domain = gr.Dropdown([*(domains or [])], label="…or browse a domain (ROME)", scale=2)
                    count = gr.Markdown()
                picked = gr.Dropdown(label="Cards", choices=[], interactive=True)
                related = gr.Dropdown(label="Related jobs (ROME mobility): open one", choices=[], interactive=True)
                shown = gr.Markdown()
                query.submit(find, query, [picked, count], api_visibility="private")
                domain.input(browse, domain, [picked, count], api_visibility="private")
                picked.change(open_card, picked, [shown, related], api_visibility="private")
                # .input, not .change: open_card itself resets the list, which must not re-open.
                related.input(open_card, related, [shown, related], api_visibility="private")
            with gr.Tab("Compare", id="compare"):
                with gr.Row():
                    left_query = gr.Textbox(label="First job", placeholder="boulanger")
                    right_query = gr.Textbox(label="Second job", placeholder="pâtissier")
                with gr.Row():
                    left = gr.Dropdown(label="First card", choices=[], interactive=True)
                    right = gr.Dropdown(label="Second card", choices=[], interactive=True)
                table = gr.Markdown(elem_classes=["advisor-compare"])
                # .then and .input, not .change: a change fired by another event's output could
                # read the other card as it was before ("Choose two jobs." after Explore sent two).
                for side, query in ((left, left_query), (right, right_query)):
                    query.submit(lambda q: find(q)[0], query, side, api_visibility="private").then(
                        compare, [left, right], table, api_visibility="private"
                    )
                    side.input(compare, [left, right], table, api_visibility="private")
            with gr.Tab("Index", id="index"):
                state = gr.Markdown(status())
                rebuild_button = gr.Button("Rebuild (incremental)")
                report = gr.Markdown()
                card = gr.File(label="Add a card (md, txt, pdf, html)", file_types=list(UPLOAD_TYPES), type="filepath")
                rebuild_button.click(run_rebuild, None, [report, state], api_visibility="private")
                card.upload(upload, card, [report, state], api_visibility="private")
        if explore is not None:
            explore_tab.wire(picked, (left, right, table, compare), tabs)
        gr.api(ask_api, api_name="ask")
    return app


def serve(
    app: gr.Blocks,
    host: str,
    port: int,
    auth: tuple[str, str] | None = None,
    max_upload_mb: float | None = None,
    prevent_thread_lock: bool = False,
) -> tuple[App, str, str]:
    """Launch on host:port, never through a public share link, behind a login when
    ``auth`` is given. Answers queue beyond CONCURRENT_ANSWERS, so the page stays
    responsive while the model works. Uploads over ``max_upload_mb`` are refused by
    the server itself, before they reach its disk."""
    return app.queue(default_concurrency_limit=CONCURRENT_ANSWERS).launch(
        server_name=host,
        server_port=port,
        share=False,
        auth=auth,
        css=CSS,
        theme=THEME,
        footer_links=["api"],
        max_file_size=int(max_upload_mb * 1_000_000) if max_upload_mb else None,
        prevent_thread_lock=prevent_thread_lock,
        quiet=prevent_thread_lock,
    )
