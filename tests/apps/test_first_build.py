"""The web app's first build: answers from the corpus at once, the full index once committed."""

import threading
import time

from advisor.answer.chain import INTERIM, Advisor
from advisor.answer.writers import ExtractiveWriter
from advisor.apps.first_build import FirstBuild
from advisor.errors import StoreUnavailableError
from advisor.index.store import Hit
from advisor.search.exploration import Explorer
from advisor.search.index_vectors import store_vectors
from advisor.search.lexical import Analyzer
from advisor.search.retrieval import Retriever
from support import ANIMAL_CARDS, FAKE_MODEL, CountingEmbeddings, FakeEncoder, make_indexer

GATE = threading.Event()


class GatedEmbeddings(CountingEmbeddings):
    """Embeds only once the test opens GATE: the build is caught half-way."""

    def embed_documents(self, texts):
        assert GATE.wait(60), "the test never opened the gate"
        return super().embed_documents(texts)


def first_build(tmp_path, corpus, embeddings, run=None):
    def indexer(progress):
        made = make_indexer(tmp_path / "index", embeddings, progress=progress)
        made.before_commit = lambda manifest: store_vectors(
            made.store, manifest, FakeEncoder(), Explorer(None, FakeEncoder(), made.store)
        )
        return made

    store = make_indexer(tmp_path / "index", embeddings).store
    retriever = Retriever(store, FAKE_MODEL, embeddings, encoder=FakeEncoder())
    chunks = [Hit(c.id, c.text, c.metadata, 0.0) for c in indexer(None).chunks(corpus)]
    lines: list[str] = []
    build = FirstBuild(
        retriever, indexer, chunks, run or (lambda made: made.run(corpus)), lines.append, encoder=FakeEncoder()
    )
    return build, retriever, lines


def wait_for(condition, seconds=60.0):
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def test_questions_are_answered_while_the_index_builds_and_from_it_once_committed(tmp_path, corpus):
    embeddings = GatedEmbeddings(size=16)
    GATE.clear()
    build, retriever, lines = first_build(tmp_path, corpus, embeddings)
    build.start()
    advisor = Advisor(retriever, ExtractiveWriter(), Analyzer())

    during = advisor.ask("Comment devenir boulanger ?")
    assert during.sources and during.sources[0].path == "boulanger.md"
    assert INTERIM in (during.notice or "")
    wait_for(lambda: build.state.phase == "embedding the chunks")
    assert "Building the index" in (build.banner() or "")

    GATE.set()
    wait_for(lambda: build.state.ready)
    after = advisor.ask("Comment devenir boulanger ?")
    assert after.sources[0].path == "boulanger.md" and INTERIM not in (after.notice or "")
    assert build.banner() is None and lines and "index ready" in lines[0]
    assert retriever.search("Comment devenir boulanger ?").interim is False


def test_the_build_stores_the_profiles_so_the_served_index_encodes_none(tmp_path, corpus):
    # Cards with ROME sub-domains: the explorer's topics are then encoded too, by the build.
    for name, text in ANIMAL_CARDS.items():
        (corpus / name).write_text(text, encoding="utf-8")
    embeddings = CountingEmbeddings(size=16)
    build, retriever, _ = first_build(tmp_path, corpus, embeddings)
    build.start()
    wait_for(lambda: build.state.ready)

    class NoPassages(FakeEncoder):
        def passages(self, texts):
            raise AssertionError(f"encoded {len(texts)} texts at the first question")

    encoder = NoPassages()
    fresh = Retriever(retriever.store, FAKE_MODEL, embeddings, encoder=encoder)
    fresh.explorer = Explorer(None, encoder, retriever.store)
    assert fresh.search("How do I become an Edge AI engineer?").hits
    # The profiles and the sub-domains' vectors come from the store: the groomer, whose
    # sub-domain is "Soins aux animaux", comes first.
    suggested = [suggestion.card.path for suggestion in fresh.explore("I love animals and being outdoors").suggestions]
    assert suggested and suggested[0] == "toiletteur.md"


def test_a_failed_build_says_so_and_the_cards_keep_answering(tmp_path, corpus):
    def broken(indexer):
        raise StoreUnavailableError("lost the Chroma server: start it again")

    build, retriever, lines = first_build(tmp_path, corpus, CountingEmbeddings(size=16), run=broken)
    build.start()
    wait_for(lambda: bool(build.state.error))
    assert "could not be built" in (build.banner() or "") and "lost the Chroma server" in lines[0]
    found = retriever.search("Comment devenir boulanger ?")
    assert found.interim and found.hits[0].metadata["path"] == "boulanger.md"
