"""The indexer with fake embeddings and a real Chroma in tmp_path."""

import pytest
from filelock import FileLock

from advisor.errors import IndexBusyError, IndexMismatchError, IndexMissingError
from advisor.search.retrieval import Retriever
from advisor.search.served import served_manifest
from support import FAKE_MODEL, make_indexer

QUERIES = ["Comment devenir boulanger ?", "How do I become an Edge AI engineer?", "juge"]


def served(indexer, embeddings, k=5):
    """What readers get: the top-k of a few questions, ids and texts."""
    retriever = Retriever(indexer.store, indexer.model_name, embeddings)
    return {q: [(h.id, h.text) for h in retriever.retrieve(q, k)] for q in QUERIES}


def paths(indexer):
    manifest = indexer.store.manifest()
    return {r.metadata["path"] for r in indexer.store.records(manifest.collection)}


def test_first_build_indexes_every_card_with_its_metadata(indexer, corpus):
    report = indexer.run(corpus)
    assert (report.documents, report.added, report.skipped) == (3, 3, [])
    assert report.chunks > 10 and report.embedding_model == FAKE_MODEL
    manifest = indexer.store.manifest()
    assert manifest.clean and manifest.generation == 1 and manifest.dimension == 16
    records = indexer.store.records(manifest.collection)
    assert len(records) == report.chunks
    seed = [r.metadata for r in records if r.metadata["path"].endswith(".txt")]
    assert {m["rome_code"] for m in seed} == {"M1873"}
    assert {"title", "section", "position", "content_hash"} <= set(seed[0])


def test_nothing_changed_loads_no_model(tmp_path, corpus, embeddings):
    make_indexer(tmp_path / "index", embeddings).run(corpus)

    def no_model():
        raise AssertionError("the model was loaded for a run with nothing to do")

    again = make_indexer(tmp_path / "index", embeddings)
    again.load_embeddings = no_model
    report = again.run(corpus)
    assert (report.unchanged, report.added, report.updated, report.removed) == (3, 0, 0, 0)
    assert report.documents == 3


def test_an_edited_card_is_the_only_one_embedded_again(indexer, corpus, embeddings):
    indexer.run(corpus)
    before = embeddings.embedded
    card = corpus / "boulanger.md"
    card.write_text(card.read_text().replace("CAP Boulanger", "CAP Boulanger ou un Bac pro"))
    report = indexer.run(corpus)
    assert (report.updated, report.unchanged, report.documents) == (1, 2, 3)
    records = indexer.store.records(indexer.store.manifest().collection)
    boulanger = [r for r in records if r.metadata["path"] == "boulanger.md"]
    # Its two sections and its aliases, and nothing from the other cards.
    assert embeddings.embedded - before == len(boulanger) == 3
    new_text = "Boulanger / Boulangère — Se lancer dans ce métier\nCet emploi est accessible avec un CAP Boulanger ou un Bac pro."
    assert Retriever(indexer.store, FAKE_MODEL, embeddings).retrieve(new_text, 1)[0].text == new_text
    assert indexer.store.manifest().clean


def test_a_deleted_card_leaves_the_index(indexer, corpus):
    indexer.run(corpus)
    (corpus / "juge.md").unlink()
    report = indexer.run(corpus)
    assert (report.removed, report.documents) == (1, 2)
    assert "juge.md" not in paths(indexer)


def test_bad_files_are_skipped_with_a_reason_and_the_rest_is_indexed(indexer, corpus):
    (corpus / "random.md").write_bytes(bytes(range(256)) * 4)
    (corpus / "latin1.txt").write_bytes("Métier : électricien\n".encode("latin-1"))
    (corpus / "empty.md").write_text("")
    (corpus / "broken.pdf").write_bytes(b"%PDF-1.4 this is not a pdf")
    (corpus / "bad-yaml.md").write_text("---\ntitle: [unclosed\n---\n# X\n## A\ntext\n")
    (corpus / "notes.docx").write_bytes(b"PK")
    (corpus / "loop.md").symlink_to(corpus / "loop.md")
    report = indexer.run(corpus)
    reasons = {s.path: s.reason for s in report.skipped}
    assert set(reasons) == {"random.md", "latin1.txt", "empty.md", "broken.pdf", "bad-yaml.md", "notes.docx", "loop.md"}
    assert "binary" in reasons["random.md"]
    assert "UTF-8" in reasons["latin1.txt"]
    assert reasons["empty.md"] == "empty file"
    assert "PDF" in reasons["broken.pdf"]
    assert "YAML" in reasons["bad-yaml.md"]
    assert "unsupported" in reasons["notes.docx"]
    assert "link" in reasons["loop.md"]
    assert report.documents == 3


def test_cards_can_be_filtered_on_their_discovery_fields_and_yaml_data_is_not_skipped(indexer, corpus):
    (corpus / "rome").mkdir()
    (corpus / "rome" / "A1501.md").write_text(
        "---\ntitle: Auxiliaire vétérinaire\nrome_code: A1501\nriasec: [R, I]\ninterests: [17, 4, 23]\n"
        "main_interests: [17]\naccess_level: cap\n---\n# Auxiliaire vétérinaire\n## Accès\nUn CAP.\n",
        encoding="utf-8",
    )
    (corpus / "rome" / "discovery.yaml").write_text("interests: []\nthemes: []\n", encoding="utf-8")
    report = indexer.run(corpus)
    assert report.skipped == [] and report.documents == 4
    collection = indexer.store.manifest().collection
    cap = indexer.store.records(collection, where={"access_level": "cap"})
    assert cap and {r.metadata["path"] for r in cap} == {"rome/A1501.md"}
    assert {(r.metadata["interests"], r.metadata["main_interests"], r.metadata["riasec"]) for r in cap} == {
        ("17,4,23", "17", "RI")
    }


def test_another_model_is_refused_until_rebuild(tmp_path, corpus, embeddings):
    make_indexer(tmp_path / "index", embeddings).run(corpus)
    other = make_indexer(tmp_path / "index", embeddings, model_name="other-model")
    with pytest.raises(IndexMismatchError, match="--rebuild"):
        other.run(corpus)
    with pytest.raises(IndexMismatchError, match="--rebuild"):
        served_manifest(other.store, "other-model")
    old_collection = other.store.manifest().collection
    report = other.run(corpus, rebuild=True)
    manifest = other.store.manifest()
    assert report.documents == 3 and manifest.embedding_model == "other-model"
    assert manifest.collection != old_collection
    assert other.store.collection_names() == [manifest.collection]


def test_a_rebuild_serves_the_same_results(indexer, corpus, embeddings):
    indexer.run(corpus)
    before = served(indexer, embeddings)
    indexer.run(corpus, rebuild=True)
    assert served(indexer, embeddings) == before


def test_a_second_run_at_once_is_refused(indexer, corpus):
    with FileLock(indexer.lock_path), pytest.raises(IndexBusyError, match="another `advisor index`"):
        indexer.run(corpus)


def test_a_run_that_dies_midway_changes_nothing_and_the_next_one_finishes(tmp_path, corpus, embeddings):
    indexer = make_indexer(tmp_path / "index", embeddings, embed_window=2)
    indexer.run(corpus)
    before = served(indexer, embeddings)
    for card in ("boulanger.md", "juge.md"):
        path = corpus / card
        path.write_text(path.read_text().replace("## Focus métier", "## Focus métier\nNouveau."))
    (corpus / "ingenieur-systemes-embarques-ia.txt").unlink()

    embeddings.calls, embeddings.fail_on_call = 0, 3
    with pytest.raises(RuntimeError, match="power cut"):
        indexer.run(corpus)
    assert served(indexer, embeddings) == before  # readers filter out the half-done work
    embeddings.fail_on_call = 0
    embedded_before_resume = embeddings.embedded
    report = indexer.run(corpus)
    assert embeddings.embedded - embedded_before_resume == report.chunks - 4  # 2 windows reused
    assert (report.updated, report.removed, report.documents) == (2, 1, 2)
    assert paths(indexer) == {"boulanger.md", "juge.md"}
    assert indexer.store.manifest().clean


def test_reading_a_missing_index_says_to_build_it(tmp_path, embeddings):
    indexer = make_indexer(tmp_path / "index", embeddings)
    with pytest.raises(IndexMissingError, match="advisor index"):
        served_manifest(indexer.store, FAKE_MODEL)
