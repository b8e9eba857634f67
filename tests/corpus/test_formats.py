"""Cards in every supported format become the same kind of titled sections."""

import pytest

from advisor.corpus.documents import CorpusFile, load, scan
from advisor.corpus.formats import CardFormatError, parse_html, parse_markdown, parse_pdf, parse_plain_text
from support import SEED, minimal_pdf


def headings(card):
    return [s.heading for s in card.sections]


def test_the_seed_card_is_split_at_its_own_headings():
    card = parse_plain_text(SEED.read_text(encoding="utf-8"))
    assert headings(card) == [
        "Focus métier",
        "Pourquoi un métier d’avenir ?",
        "Revenus & Opportunités",
        "Se lancer dans ce métier",
        "Un métier qui a du sens",
        "Quel impact de l’IA ?",
        "Où et comment exercer ?",
        "Autres intitulés pour ce métier",
        "Dernières discussions",
    ]
    access = card.sections[3].text
    assert "Bac+5" in access and "ESIEE, ENSEA, ISEN" in access and "Certifications utiles :" in access
    assert "Ils recrutent :\n- Industries de pointe" in card.sections[6].text
    assert card.title == "Ingénieur systèmes embarqués & IA"


def test_the_seed_card_takes_its_metadata_from_its_sidecar():
    document = load(CorpusFile(SEED, SEED.name, "hash"))
    assert (document.title, document.rome_code) == ("Ingénieur systèmes embarqués & IA", "M1873")
    assert "Embedded AI Engineer" in document.aliases


def test_markdown_sections_keep_subsections_and_ignore_fenced_hashes():
    card = parse_markdown(
        "---\nrome_code: X1\n---\n# Titre\n## A\n```\n## not a heading\n```\n### Sous-partie\n- un\n## B\ndeux\n"
    )
    assert card.title == "Titre" and card.metadata == {"rome_code": "X1"}
    assert headings(card) == ["A", "B"]
    assert "## not a heading" in card.sections[0].text and "### Sous-partie" in card.sections[0].text


def test_markdown_without_level_two_headings_splits_at_level_one():
    assert headings(parse_markdown("# Un\ntexte\n# Deux\nautre\n")) == ["Un", "Deux"]


@pytest.mark.parametrize(
    "front_matter, reason",
    [
        ("---\ntitle: [oops\n---\ntext", "not valid YAML"),
        ("---\n- a\n- b\n---\ntext", "mapping"),
        ("---\ntitle: x\ntext", "never closed"),
    ],
)
def test_broken_front_matter_is_a_card_error(front_matter, reason):
    with pytest.raises(CardFormatError, match=reason):
        parse_markdown(front_matter)


def test_html_headings_lists_and_title_survive_and_scripts_do_not():
    html = """<html><head><title>Fiche plombier</title><script>alert('x')</script></head>
    <body><h1>Plombier</h1><p>Installe des réseaux.</p><h2>Accès</h2><ul><li>CAP</li><li>BP</li></ul>
    <h2>Salaire</h2><p>2&nbsp;000 € par mois.</p></body></html>"""
    card = parse_html(html)
    assert card.title == "Plombier"
    assert headings(card) == ["Présentation", "Accès", "Salaire"]
    assert card.sections[1].text == "- CAP\n- BP"
    assert "alert" not in str(card.sections)


def test_pdf_text_goes_through_the_plain_text_rules():
    card = parse_pdf(
        minimal_pdf(
            ["Focus metier : Plombier", "Installe des reseaux d'eau.", "Se lancer dans ce metier", "Un CAP suffit."]
        )
    )
    assert [s.text for s in card.sections][-1] == "Un CAP suffit."
    assert len(card.sections) == 2


def test_a_pdf_without_text_says_so():
    with pytest.raises(CardFormatError, match="no extractable text"):
        parse_pdf(minimal_pdf([]))


def test_scan_hashes_cover_the_sidecar_and_the_fingerprint(tmp_path):
    (tmp_path / "a.txt").write_text("Titre\nUn texte.\n")
    first = scan(tmp_path, "v1", 10**6)[0][0].content_hash
    assert scan(tmp_path, "v2", 10**6)[0][0].content_hash != first
    (tmp_path / "a.txt.meta.yaml").write_text("title: A\n")
    files, skipped = scan(tmp_path, "v1", 10**6)
    assert [f.relpath for f in files] == ["a.txt"] and not skipped
    assert files[0].content_hash != first


def test_yaml_files_hold_data_about_cards_and_are_neither_cards_nor_skipped(tmp_path):
    (tmp_path / "rome").mkdir()
    (tmp_path / "rome" / "A1501-auxiliaire.md").write_text("# Auxiliaire vétérinaire\n## Accès\nUn CAP.\n")
    (tmp_path / "rome" / "discovery.yaml").write_text("interests: []\nthemes: []\n")
    (tmp_path / "notes.YML").write_text("a: 1\n")
    files, skipped = scan(tmp_path, "v1", 10**6)
    assert [f.relpath for f in files] == ["rome/A1501-auxiliaire.md"] and skipped == []


def test_a_file_over_the_size_limit_is_skipped_unread(tmp_path):
    (tmp_path / "big.md").write_text("x" * 2000)
    files, skipped = scan(tmp_path, "v1", 1000)
    assert not files and "larger than" in skipped[0].reason
