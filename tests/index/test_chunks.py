"""Section chunks: titled, bounded, split at sentences, aliases searchable, ids stable."""

from advisor.corpus.documents import Document
from advisor.corpus.formats import Section
from advisor.index.chunks import chunk_document


def document(sections, aliases=(), metadata=None):
    return Document("a/b.md", "h1", "Boulanger", "D1102", tuple(aliases), tuple(sections), metadata or {})


def test_every_chunk_starts_with_title_and_section():
    chunks = chunk_document(document([Section("Accès", "CAP.")]), 800)
    assert chunks[0].text == "Boulanger — Accès\nCAP."
    assert chunks[0].metadata == {
        "title": "Boulanger",
        "rome_code": "D1102",
        "section": "Accès",
        "path": "a/b.md",
        "position": 0,
        "content_hash": "h1",
    }


def test_long_sections_are_split_at_sentence_boundaries_within_the_limit():
    sentences = [f"Phrase numéro {i} qui décrit une tâche du métier." for i in range(40)]
    chunks = chunk_document(document([Section("Focus", " ".join(sentences))]), 300)
    assert len(chunks) > 5 and all(len(c.text) <= 300 for c in chunks)
    bodies = [c.text.split("\n", 1)[1] for c in chunks]
    assert all(b.endswith("métier.") and b.startswith("Phrase") for b in bodies)
    assert " ".join(bodies) == " ".join(sentences)
    assert [c.metadata["position"] for c in chunks] == list(range(len(chunks)))


def test_a_list_continued_in_the_next_chunk_repeats_its_subheading():
    items = "\n".join(f"- Savoir numéro {i}" for i in range(30))
    chunks = chunk_document(document([Section("Compétences", "### Savoirs\n" + items)]), 200)
    assert len(chunks) > 1 and all("### Savoirs" in c.text for c in chunks)


def test_aliases_get_a_chunk_when_no_section_lists_them():
    chunks = chunk_document(document([Section("Accès", "CAP.")], aliases=["Baker", "Mitron"]), 800)
    assert chunks[-1].text == "Boulanger — Autres intitulés\n- Baker\n- Mitron"


def test_site_furniture_sections_are_not_indexed():
    chunks = chunk_document(document([Section("Accès", "CAP."), Section("Dernières discussions", "Aucune.")]), 800)
    assert [c.metadata["section"] for c in chunks] == ["Accès"]


def test_chunk_ids_depend_on_path_content_and_position_only():
    one = chunk_document(document([Section("Accès", "CAP.")]), 800)
    two = chunk_document(document([Section("Accès", "CAP.")]), 800)
    assert [c.id for c in one] == [c.id for c in two]
    moved = Document("c.md", "h1", "Boulanger", "", (), (Section("Accès", "CAP."),), {})
    assert chunk_document(moved, 800)[0].id != one[0].id


def test_every_chunk_carries_the_cards_discovery_fields_as_scalars():
    front = {
        "rome_parent": "D1102",
        "domain": "Commerce, Vente et Grande distribution",
        "subdomain": "Commerce alimentaire et métiers de bouche",
        "riasec": ["R", "I"],
        "interests": [27, 4, 14],
        "main_interests": [27],
        "themes": ["001", "016"],
        "access_level": "cap",
        "tags": ["cadre"],  # not a field chunks carry
    }
    expected = {
        **front,
        "riasec": "RI",
        "interests": "27,4,14",
        "main_interests": "27",
        "themes": "001,016",
        "tags": None,
    }
    sections = [Section("Focus", "Pétrit. " * 200), Section("Accès", "CAP.")]
    chunks = chunk_document(document(sections, metadata=front), 300)
    assert len(chunks) > 2
    for chunk in chunks:
        assert {key: chunk.metadata.get(key) for key in expected} == expected
        assert all(isinstance(value, str | int | float | bool) for value in chunk.metadata.values())


def test_fields_a_card_lacks_or_leaves_empty_are_left_out_never_none():
    front = {"interests": [7], "main_interests": [], "access_level": None, "domain": {"not": "text"}, "riasec": []}
    (chunk,) = chunk_document(document([Section("Accès", "CAP.")], metadata=front), 800)
    assert chunk.metadata["interests"] == "7"
    assert not {"main_interests", "access_level", "domain", "subdomain", "riasec", "themes"} & set(chunk.metadata)
