"""The web app served for real on loopback, driven through gradio_client's `/ask`."""

import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import gradio_client
import httpx
import pytest

from advisor.answer.chain import Advisor
from advisor.answer.writers import ExtractiveWriter
from advisor.apps.cards import cards_from_chunks
from advisor.apps.webapp import build_app, safe_upload_name, serve
from advisor.search.lexical import Analyzer
from advisor.search.retrieval import Retriever
from support import ASK_KEYS, FAKE_MODEL, CountingEmbeddings, free_port, make_indexer, write_corpus

CANONICAL = "How do I become an Edge AI engineer?"


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory):
    return write_corpus(tmp_path_factory.mktemp("webapp-corpus") / "corpus")


@pytest.fixture(scope="module")
def served(tmp_path_factory, corpus_dir):
    root = tmp_path_factory.mktemp("webapp", numbered=False)
    corpus = corpus_dir
    embeddings = CountingEmbeddings(size=16)
    indexer = make_indexer(root / "index", embeddings)
    indexer.run(corpus)
    advisor = Advisor(Retriever(indexer.store, FAKE_MODEL, embeddings), ExtractiveWriter(), Analyzer())
    cards = lambda: cards_from_chunks(indexer.store.served_chunks(indexer.store.manifest()))  # noqa: E731
    app = build_app(advisor, cards, lambda: "status", lambda progress: indexer.run(corpus), corpus, max_upload_mb=1)
    port = free_port()
    serve(app, "127.0.0.1", port, max_upload_mb=1, prevent_thread_lock=True)
    yield f"http://127.0.0.1:{port}/"
    app.close()


@pytest.mark.slow
def test_ask_answers_with_the_cli_contract_and_cited_sources(served):
    client = gradio_client.Client(served, verbose=False)
    answer = client.predict(CANONICAL, None, api_name="/ask")
    assert set(answer) == ASK_KEYS
    assert "ESIEE" in answer["answer"] and "[1]" in answer["answer"] and not answer["abstained"]
    first = answer["sources"][0]
    assert set(first) == {"id", "title", "rome_code", "section", "file", "score", "text"}
    assert (first["id"], first["file"], first["rome_code"]) == (1, "ingenieur-systemes-embarques-ia.txt", "M1873")


@pytest.mark.slow
def test_ask_takes_the_conversation_for_follow_ups(served):
    client = gradio_client.Client(served, verbose=False)
    about_baker = client.predict("How much does it pay?", ["Comment devenir boulanger ?"], api_name="/ask")
    about_edge_ai = client.predict("How much does it pay?", [CANONICAL], api_name="/ask")
    assert about_baker["abstained"] and "Boulanger" in about_baker["answer"]
    assert "3 800 € à 7 000 €" in about_edge_ai["answer"] and not about_edge_ai["abstained"]


@pytest.mark.slow
def test_twenty_concurrent_askers_each_get_their_own_answer(served):
    questions = [CANONICAL if n % 2 else "Comment devenir boulanger ?" for n in range(20)]

    def ask(question):
        return question, gradio_client.Client(served, verbose=False).predict(question, None, api_name="/ask")

    with ThreadPoolExecutor(20) as pool:
        results = list(pool.map(ask, questions))
    assert len(results) == 20
    for question, answer in results:
        assert answer["question"] == question
        assert ("ESIEE" if question == CANONICAL else "CAP Boulanger") in answer["answer"]


@pytest.mark.slow
def test_with_a_login_only_the_right_password_gets_answers(tmp_path, corpus_dir):
    embeddings = CountingEmbeddings(size=16)
    indexer = make_indexer(tmp_path / "index", embeddings)
    indexer.run(corpus_dir)
    advisor = Advisor(Retriever(indexer.store, FAKE_MODEL, embeddings), ExtractiveWriter(), Analyzer())
    app = build_app(advisor, dict, lambda: "status", lambda progress: None, corpus_dir, max_upload_mb=1)
    port = free_port()
    serve(app, "127.0.0.1", port, auth=("counsellor", "s3cret"), prevent_thread_lock=True)
    url = f"http://127.0.0.1:{port}/"
    try:
        with pytest.raises(ValueError, match="credentials were not provided"):
            gradio_client.Client(url, verbose=False).predict(CANONICAL, None, api_name="/ask")
        with pytest.raises(ValueError, match="Could not login"):
            gradio_client.Client(url, auth=("counsellor", "wrong"), verbose=False)
        answer = gradio_client.Client(url, auth=("counsellor", "s3cret"), verbose=False).predict(
            CANONICAL, None, api_name="/ask"
        )
        assert "ESIEE" in answer["answer"]
    finally:
        app.close()


@pytest.mark.slow
def test_a_bad_question_is_an_error_message_not_a_crash(served):
    client = gradio_client.Client(served, verbose=False)
    with pytest.raises(Exception, match="empty question"):
        client.predict("   ", None, api_name="/ask")


@pytest.mark.slow
def test_no_file_outside_the_apps_own_assets_is_served(served, corpus_dir, tmp_path_factory):
    index = tmp_path_factory.getbasetemp() / "webapp" / "index" / "chroma.sqlite3"
    assert index.is_file()
    targets = [
        "/etc/passwd",
        "../../../../etc/passwd",
        "%2fetc%2fpasswd",
        str(corpus_dir / "boulanger.md"),
        "corpus/ingenieur-systemes-embarques-ia.txt",
        "pyproject.toml",
        "src/advisor/settings.py",
        str(index),
    ]
    routes = ["gradio_api/file=", "gradio_api/file/", "file=", "static/", "assets/", "gradio_api/static/"]
    with httpx.Client(base_url=served) as http:
        for target in targets:
            for route in routes:
                response = http.get(route + target)
                assert response.status_code in (403, 404), (route + target, response.status_code)
        assert http.get("assets/%2e%2e/%2e%2e/%2e%2e/etc/passwd").status_code in (403, 404)
        config = http.get("config").text
        assert str(corpus_dir) not in config and str(Path.cwd()) not in config  # no server paths leak


@pytest.mark.slow
def test_uploads_stay_in_gradios_cache_and_oversized_ones_are_refused(served, tmp_path):
    with httpx.Client(base_url=served) as http:
        sneaky = http.post("gradio_api/upload", files=[("files", ("../../../../tmp/evil.md", b"# Evil\n"))])
        oversized = http.post("gradio_api/upload", files=[("files", ("big.md", b"x" * 1_500_000))])
    assert sneaky.status_code == 200
    [stored] = sneaky.json()
    assert Path(stored).name == "evil.md" and Path(stored).resolve().is_relative_to(
        Path(tempfile.gettempdir()) / "gradio"
    )
    assert not Path("/tmp/evil.md").exists()
    assert oversized.status_code == 413


def test_upload_names_cannot_leave_the_uploads_folder():
    for hostile in ["../../etc/cron.d/job.md", "/etc/passwd.md", "..\\..\\win.md", "a\x00b.md", "é" * 300 + ".md"]:
        name = safe_upload_name(hostile)
        assert "/" not in name and "\\" not in name and not name.startswith(".") and len(name) <= 83
        assert name.endswith(".md")
    assert safe_upload_name(".md") == "md"  # no type left: the upload is refused as unsupported


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.mark.slow
@pytest.mark.skipif(
    not __import__("os").path.exists(CHROMIUM), reason="Debian's chromium is not installed (.ci/run installs it)"
)
def test_a_person_asks_the_canonical_question_in_a_real_browser(served):
    from urllib.parse import urlparse

    from playwright.sync_api import expect, sync_playwright

    requested = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS)
        page = browser.new_page()
        page.on("request", lambda request: requested.append(request.url))
        page.goto(served)
        page.get_by_placeholder("How do I become an Edge AI engineer?").fill(CANONICAL)
        page.get_by_role("button", name="Ask", exact=True).click()
        answer = page.locator(".message.bot, [data-testid='bot']").last
        expect(answer).to_contain_text("ESIEE", timeout=30_000)
        expect(answer).to_contain_text("[1]")
        expect(answer.locator("summary").first).to_contain_text("Ingénieur systèmes embarqués & IA")
        browser.close()
    hosts = {urlparse(url).hostname for url in requested if url.startswith("http")}
    assert hosts == {"127.0.0.1"}, hosts


PATISSIER = """---
title: Pâtissier / Pâtissière
rome_code: D1104
---
# Pâtissier / Pâtissière

## Se lancer dans ce métier
Cet emploi est accessible avec un CAP Pâtissier.
"""


@pytest.mark.slow
@pytest.mark.skipif(
    not __import__("os").path.exists(CHROMIUM), reason="Debian's chromium is not installed (.ci/run installs it)"
)
def test_an_uploaded_card_is_sanitised_indexed_and_answered_from(served, corpus_dir, tmp_path):
    from playwright.sync_api import expect, sync_playwright

    card = tmp_path / "Pâtissier card!.md"
    card.write_text(PATISSIER, encoding="utf-8")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS)
        page = browser.new_page()
        page.goto(served)
        page.get_by_role("tab", name="Index").click()
        page.locator("input[type=file]").set_input_files(str(card))
        expect(page.locator("body")).to_contain_text("Added uploads/P_tissier_card.md", timeout=30_000)
        expect(page.locator("body")).to_contain_text("1 added")
        browser.close()
    assert (corpus_dir / "uploads" / "P_tissier_card.md").read_text(encoding="utf-8") == PATISSIER
    answer = gradio_client.Client(served, verbose=False).predict("Comment devenir pâtissier ?", None, api_name="/ask")
    assert "CAP Pâtissier" in answer["answer"] and answer["sources"][0]["file"] == "uploads/P_tissier_card.md"


def test_the_sources_panel_offers_the_other_cards_the_question_may_be_about():
    from advisor.answer.answers import Answer, Source
    from advisor.apps.web_views import sources_html

    source = Source(1, "Homme sage-femme / Sage-femme", "J1104", "Se lancer dans ce métier", "rome/J1104.md", 0.1, "x")
    answer = Answer("q", "About *Homme sage-femme / Sage-femme* (J1104):\n\nDE [1]", False, [source], "extractive")
    answer.candidates = [{"title": "Auxiliaire de puériculture", "rome_code": "J1304", "path": "rome/J1304.md"}]
    shown = sources_html(answer)
    assert "[1] <b>Homme sage-femme / Sage-femme</b>" in shown
    assert "Other cards: <b>Auxiliaire de puériculture</b> (J1304)" in shown


@pytest.fixture(scope="module")
def explore_served(tmp_path_factory):
    from advisor.corpus.discovery import Discovery, Interest
    from advisor.search.exploration import Explorer
    from support import ANIMAL_CARDS, FakeEncoder

    root = tmp_path_factory.mktemp("explore-app")
    corpus = write_corpus(root / "corpus")
    for name, text in ANIMAL_CARDS.items():
        (corpus / name).write_text(text, encoding="utf-8")
    embeddings = CountingEmbeddings(size=16)
    indexer = make_indexer(root / "index", embeddings)
    indexer.run(corpus)
    animals = Interest(17, "J'aime m'occuper des animaux", "I like taking care of animals", "Soigner.", (), ())
    discovery = Discovery("Source : France Travail", "Licence Ouverte", "v60", (animals,), ())
    encoder = FakeEncoder()
    retriever = Retriever(indexer.store, FAKE_MODEL, embeddings, encoder=encoder, explorer=Explorer(discovery, encoder))
    advisor = Advisor(retriever, ExtractiveWriter(), Analyzer())
    cards = lambda: cards_from_chunks(indexer.store.served_chunks(indexer.store.manifest()))  # noqa: E731
    app = build_app(
        advisor,
        cards,
        lambda: "status",
        lambda progress: indexer.run(corpus),
        corpus,
        max_upload_mb=1,
        explore=lambda choice: retriever.explore("", choice, "fr", 20),
        interests=[("I like taking care of animals / J'aime m'occuper des animaux", 17)],
        domains=[],
    )
    port = free_port()
    serve(app, "127.0.0.1", port, max_upload_mb=1, prevent_thread_lock=True)
    yield f"http://127.0.0.1:{port}/"
    app.close()


@pytest.mark.slow
@pytest.mark.skipif(
    not __import__("os").path.exists(CHROMIUM), reason="Debian's chromium is not installed (.ci/run installs it)"
)
def test_the_explore_tab_ranks_jobs_opens_one_and_compares_two(explore_served):
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS)
        page = browser.new_page()
        page.goto(explore_served)
        page.get_by_role("tab", name="Explore").click()
        page.get_by_label("I like taking care of animals / J'aime m'occuper des animaux").check()
        page.get_by_role("button", name="Show jobs").click()
        results = page.locator("table").filter(has_text="Open at")
        expect(results).to_contain_text("Toiletteur / Toiletteuse d'animaux", timeout=30_000)
        expect(results).to_contain_text("Vétérinaire")
        expect(results).not_to_contain_text("Boulanger")  # no interest of the learner's
        page.get_by_label("Vétérinaire (A1504)", exact=True).check()
        page.get_by_label("Toiletteur / Toiletteuse d'animaux (A1503)", exact=True).check()
        page.get_by_role("button", name="Compare them").click()
        compared = page.locator(".prose.advisor-compare")
        expect(compared).to_contain_text("Diplôme d'État de docteur vétérinaire", timeout=30_000)
        expect(compared).to_contain_text("Cet emploi est accessible avec un CAP.")
        page.get_by_role("tab", name="Explore").click()
        page.get_by_label("Open a card").click()
        page.get_by_role("option", name="Vétérinaire (A1504)").click()
        expect(page.locator("body")).to_contain_text("Soigne les animaux malades", timeout=30_000)
        browser.close()
