"""Tests of the ROME 4.0 importer, run against the real v60 export."""

import csv
import hashlib
import re
from pathlib import Path

import pytest
import yaml

from advisor.corpus.discovery import INTEREST_LABELS_EN, THEME_LABELS_EN, load_discovery
from advisor.corpus.esco import Occupation, link_cards
from advisor.corpus.rome_cards import ImportReport, import_rome
from advisor.errors import CorpusError
from advisor.vocabulary import LEVELS
from support import REPO

DATA_DIR = REPO.parent / "shared" / "data" / "rome-4.0-v60"
ESCO_DIR = DATA_DIR.parent / "esco-1.0.8"
MAPPING_DIR = DATA_DIR.parent / "rome-esco-mapping"
FIGURES_DIR = DATA_DIR.parent
ATTRIBUTION = "Source : France Travail, ROME 4.0 v60, Licence Ouverte 2.0"

# The tests that read the export (../shared/data) are skipped without it; the others always run.
needs_export = pytest.mark.skipif(not DATA_DIR.is_dir(), reason=f"ROME export not found at {DATA_DIR}")


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> tuple[ImportReport, Path]:
    out_dir = tmp_path_factory.mktemp("rome")
    return import_rome(DATA_DIR, out_dir, ESCO_DIR, MAPPING_DIR, FIGURES_DIR), out_dir


@pytest.fixture(scope="module")
def cards(imported: tuple[ImportReport, Path]) -> dict[str, str]:
    """Text of every card, keyed by file name (read before any test re-imports)."""
    return {path.name: path.read_text(encoding="utf-8") for path in imported[1].glob("*.md")}


def split_card(text: str) -> tuple[dict, str]:
    _, front, body = text.split("---\n", 2)
    return yaml.safe_load(front), body


def card(cards: dict[str, str], code: str) -> tuple[dict, str]:
    (name,) = [name for name in cards if name.startswith(f"{code}-")]
    return split_card(cards[name])


def section(body: str, heading: str) -> str:
    """The text under a heading, up to the next heading of the same level or higher."""
    level = heading.split(" ")[0]
    start = body.index(f"\n{heading}\n") + len(heading) + 2
    following = re.search(rf"^#{{1,{len(level)}}} ", body[start:], re.MULTILINE)
    return body[start : start + following.start()] if following else body[start:]


def digests(folder: Path) -> dict[str, str]:
    files = [*folder.glob("*.md"), folder / "discovery.yaml"]
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in files}


def csv_codes(table: str, column: str) -> set[str]:
    with (DATA_DIR / f"unix_{table}_v460_utf8.csv").open(encoding="utf-8", newline="") as handle:
        return {row[column] for row in csv.DictReader(handle)}


@needs_export
@pytest.mark.slow
def test_one_file_per_job_card(imported: tuple[ImportReport, Path], cards: dict[str, str]) -> None:
    report, out_dir = imported
    assert report == ImportReport(
        1584, out_dir, "ROME 4.0 v60 (18/09/2025)", english=1071, pay=1579, difficulty=1393, certified=1011
    )
    assert len(cards) == 1584
    assert "M1873-specialiste-ia-embarquee.md" in cards
    assert all(re.fullmatch(r"[A-N]\d{4}-[a-z0-9-]{1,60}\.md", name) for name in cards)


@needs_export
@pytest.mark.slow
def test_m1873_card(cards: dict[str, str]) -> None:
    meta, body = card(cards, "M1873")
    assert meta["title"] == "Spécialiste IA embarquée"
    assert meta["aliases"] == ["Ingénieur / Ingénieure IA embarquée"]
    assert meta["domain"] == "Support à l'entreprise"
    assert meta["riasec"] == ["I", "C"]
    assert meta["tags"] == ["cadre", "transition numérique"]
    related = ["M1889", "M1861", "M1824", "M1877", "M1865", "M1846", "H1206", "M1845", "M1405"]
    assert meta["related_jobs"] == [*related, "E1206"]
    assert meta["source"] == ATTRIBUTION
    assert meta["data_version"] == "ROME 4.0 v60 (18/09/2025)"
    assert body.startswith("# Spécialiste IA embarquée\n")
    assert "Cet emploi est accessible à partir d'un Bac+5 un Master" in section(body, "## Se lancer dans ce métier")
    focus = section(body, "## Focus métier")
    assert focus.strip().startswith("Le Spécialiste IA embarquée intègre l'intelligence")
    assert "- Conçoit et développe des algorithmes d'intelligence artificielle" in focus
    proches = section(body, "## Métiers proches")
    assert re.findall(r"\(([A-N]\d{4})\)", proches) == meta["related_jobs"]
    assert proches.strip().startswith("- Ingénieur / Ingénieure en Intelligence Artificielle")


@needs_export
@pytest.mark.slow
def test_d1102_boulanger_card(cards: dict[str, str]) -> None:
    meta, body = card(cards, "D1102")
    assert meta["title"] == "Boulanger / Boulangère"
    assert "Boulanger-pâtissier / Boulangère-pâtissière" in meta["aliases"]
    assert meta["subdomain"] == "Commerce alimentaire et métiers de bouche"
    # numero_ordre 10 must sort after 9, as a number.
    assert meta["related_jobs"][0] == "D1104" and meta["related_jobs"][-1] == "D1101"
    core = section(body, "### Compétences principales")
    assert "- Pétrir manuellement ou mécaniquement des pâtes\n" in core
    assert "Pétrir manuellement" not in section(body, "### Savoir-faire")
    assert "- CAP boulanger\n" in section(body, "### Diplômes et certifications")
    assert "CAP boulanger" not in section(body, "### Savoirs")
    sectors = section(body, "### Secteurs d'activité")
    assert sectors.strip().splitlines()[0] == "- Commerce et distribution"
    assert "- Travail de nuit\n" in section(body, "### Horaires et durée du travail")
    assert "- Pâtissier / Pâtissière (D1104)\n" in section(body, "## Métiers proches")


@needs_export
@pytest.mark.slow
@pytest.mark.parametrize(
    ("code", "parent"),
    [("J1506", "J1506"), ("J1508", "J1506"), ("J1510", "J1506"), ("G1609", "G1602"), ("K2118", "K2106")],
)
def test_cards_name_their_rome_parent_after_their_code(cards: dict[str, str], code: str, parent: str) -> None:
    meta, _ = card(cards, code)
    assert meta["rome_parent"] == parent
    assert list(meta)[:3] == ["title", "rome_code", "rome_parent"]


@needs_export
@pytest.mark.slow
def test_regulated_card_has_note_and_tag(cards: dict[str, str]) -> None:
    meta, body = card(cards, "K2110")
    assert "réglementé" in meta["tags"]
    start = section(body, "## Se lancer dans ce métier")
    assert "Métier réglementé : l'exercice de ce métier est soumis" in start
    assert "- Permis de conduire catégorie B\n" in start


@needs_export
@pytest.mark.slow
def test_every_card_is_well_formed(cards: dict[str, str]) -> None:
    for name, text in cards.items():
        assert "''" not in text, name
        assert "\r" not in text and text.endswith("\n") and not text.endswith("\n\n"), name
        meta, body = split_card(text)
        assert name.startswith(f"{meta['rome_code']}-"), name
        assert meta["source"] == ATTRIBUTION, name
        assert body.startswith(f"# {meta['title']}\n"), name
        assert "\n## Focus métier\n" in body, name
        headings = list(re.finditer(r"^(#+) .*$", body, re.MULTILINE))
        for heading, following in zip(headings, [*headings[1:], None], strict=True):
            content = body[heading.end() : following.start() if following else None]
            nested = following and len(following[1]) > len(heading[1])
            assert content.strip() or nested, f"{name}: empty {heading[0]!r}"


@needs_export
@pytest.mark.slow
def test_rerun_is_byte_identical_and_drops_stale_cards(
    imported: tuple[ImportReport, Path], cards: dict[str, str]
) -> None:
    out_dir = imported[1]
    before = digests(out_dir)
    (out_dir / "Z9999-old-card.md").write_text("stale\n", encoding="utf-8")
    (out_dir / "notes.txt").write_text("not a card\n", encoding="utf-8")
    import_rome(DATA_DIR, out_dir, ESCO_DIR, MAPPING_DIR, FIGURES_DIR)
    assert digests(out_dir) == before
    assert not (out_dir / "Z9999-old-card.md").exists()
    assert (out_dir / "notes.txt").exists()


@needs_export
def test_missing_csv_raises_corpus_error(tmp_path: Path) -> None:
    missing = "unix_rubrique_mobilite_v460_utf8.csv"
    for source in DATA_DIR.iterdir():
        if source.name != missing:
            (tmp_path / source.name).symlink_to(source)
    with pytest.raises(CorpusError, match=missing):
        import_rome(tmp_path, tmp_path / "out")
    assert not (tmp_path / "out").exists()


@needs_export
@pytest.mark.slow
def test_the_committed_corpus_is_what_the_importer_writes(imported: tuple[ImportReport, Path]) -> None:
    """corpus/rome must be regenerated (advisor import-rome) whenever the importer changes."""
    assert digests(REPO / "corpus" / "rome") == digests(imported[1])


@needs_export
@pytest.mark.slow
@pytest.mark.parametrize(
    ("code", "name", "description"),
    [
        ("F1603", "plumber", "Plumbers maintain and install"),
        ("J1104", "midwife", "Midwives"),
        ("K1904", "judge", "Judges"),
        ("N4101", "HGV driver", "Cargo vehicle drivers operate vehicles such as trucks and vans"),
    ],
)
def test_known_cards_get_their_english_names_and_description(
    cards: dict[str, str], code: str, name: str, description: str
) -> None:
    front, body = card(cards, code)
    assert name in front["names_en"]
    assert front["esco"][0]["relation"] == "exact"
    assert front["esco"][0]["uri"].startswith("http://data.europa.eu/esco/occupation/")
    assert front["source_en"] == (
        "ESCO, European Commission, v1.0.8 (© European Union); France Travail, mapping ESCO - ROME V1.4"
    )
    assert f"- {name}\n" in section(body, "## English names")
    english = section(body, "## In English")
    assert description in english
    assert english.rstrip().endswith("France Travail, mapping ESCO - ROME V1.4.")


@needs_export
@pytest.mark.slow
def test_the_french_text_stays_as_it_is(cards: dict[str, str], tmp_path: Path) -> None:
    import_rome(DATA_DIR, tmp_path)
    for path in tmp_path.glob("*.md"):
        french = path.read_text(encoding="utf-8")
        front, body = split_card(french)
        english_front, english_body = split_card(cards[path.name])
        assert english_body.startswith(body)
        assert {key: value for key, value in english_front.items() if key in front} == front


@needs_export
@pytest.mark.slow
def test_broad_links_name_no_card_that_another_card_names_for_sure(cards: dict[str, str]) -> None:
    delivery = [front for front, _ in (split_card(text) for text in cards.values()) if "esco" in front]
    broad = {link["uri"] for front in delivery for link in front["esco"] if link["relation"] == "broad"}
    sure = {link["uri"] for front in delivery for link in front["esco"] if link["relation"] in ("exact", "close")}
    assert broad and not broad & sure


def test_esco_without_the_mapping_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="both the ESCO occupations and the ESCO-ROME mapping"):
        import_rome(tmp_path / "export", tmp_path / "out", ESCO_DIR, None)  # before reading the export
    assert not (tmp_path / "out").exists()


@needs_export
@pytest.mark.slow
@pytest.mark.parametrize(("code", "first"), [("K1901", "notary"), ("J1202", "pharmacist"), ("K1104", "psychologist")])
def test_the_occupation_named_by_the_cards_title_comes_first(cards: dict[str, str], code: str, first: str) -> None:
    # The notary card's aliases link it to bankruptcy trustees and mediators too; its English
    # name, and the description an English answer quotes first, must be the notary's.
    front, body = card(cards, code)
    assert front["names_en"][0] == first
    assert section(body, "## In English").lstrip().startswith(f"### {first.capitalize()}")


def test_equally_close_cards_give_an_occupation_to_the_one_with_its_french_name() -> None:
    graphiste = Occupation("g", "graphic designer", (), "Designs.", ("graphiste",))
    webdesign = Occupation("w", "web designer", (), "Webs.", ("webdesigner",))
    mapping = [("g", "1", "close"), ("g", "2", "close"), ("w", "2", "close"), ("g", "3", "close")]
    names = {"E1205": ["Designer graphique", "Graphiste"], "E1210": ["Web designer"], "E9999": ["Maquettiste"]}
    links = link_cards({"g": graphiste, "w": webdesign}, mapping, {"1": "E1205", "2": "E1210", "3": "E9999"}, names)
    assert links["E1205"].names == ["graphic designer"]
    assert links["E1210"].names == ["web designer"]  # it has a name of its own: it lends none
    assert links["E9999"].names == ["graphic designer"]  # else it would have no English at all


@needs_export
@pytest.mark.slow
@pytest.mark.parametrize(
    ("code", "interests", "themes", "level"),
    [
        ("A1501", [17, 4, 23], None, "cap"),  # "un BEP/CAP Diplôme d'Auxiliaire Vétérinaire"
        ("D1102", [27, 4, 14], None, "cap"),
        ("M1873", [29, 18], ["016"], "bac+5"),
        ("A1206", [7, 1, 20], ["001", "003"], "bac+3"),  # "de niveau Bac+3 à Bac+5"
        ("K2110", [24, 4, 5, 11, 19], None, None),  # a titre professionnel, no level stated
        ("N2203", [14, 18], ["002", "007", "017"], "none"),  # "sans diplôme ni expérience"
        ("J1135", [22, 6, 10], ["005"], "bac+8"),  # "Bac + 13 Diplôme d'État de Docteur en Médecine"
        ("J1104", [22, 4, 21], None, None),  # "avec le Diplôme d'Etat de Sage-Femme"
    ],
)
def test_cards_carry_their_interests_themes_and_access_level(
    cards: dict[str, str], code: str, interests: list[int], themes: list[str] | None, level: str | None
) -> None:
    meta, _ = card(cards, code)
    assert meta["interests"] == interests
    assert meta["main_interests"] == interests[:1]  # v60 gives every card one main interest
    assert meta.get("themes") == themes
    assert meta.get("access_level") == level


@needs_export
@pytest.mark.slow
def test_discovery_fields_follow_riasec_in_every_card(cards: dict[str, str]) -> None:
    for name, text in cards.items():
        meta, _ = split_card(text)
        keys = list(meta)
        discovery = [k for k in ("interests", "main_interests", "themes", "access_level") if k in meta]
        assert keys[keys.index("riasec") + 1 : keys.index("riasec") + 1 + len(discovery)] == discovery, name
        main, interests = meta["main_interests"], meta["interests"]
        assert interests and interests[: len(main)] == main, name
        assert main == sorted(main) and interests[len(main) :] == sorted(interests[len(main) :]), name
        assert meta.get("access_level", "none") in LEVELS, name
        assert "themes" not in meta or meta["themes"] == sorted(meta["themes"]), name


@needs_export
@pytest.mark.slow
def test_discovery_yaml_lists_the_interests_and_themes_with_their_cards(
    imported: tuple[ImportReport, Path], cards: dict[str, str]
) -> None:
    discovery = load_discovery(imported[1] / "discovery.yaml")
    assert (discovery.source, discovery.data_version) == (ATTRIBUTION, "ROME 4.0 v60 (18/09/2025)")
    assert [i.code for i in discovery.interests] == list(range(1, 31))
    assert [t.code for t in discovery.themes] == [f"{n:03}" for n in range(1, 18)]
    animals = discovery.interests[16]
    assert (animals.label_fr, animals.label_en) == ("J'aime m'occuper des animaux", "I like taking care of animals")
    assert "A1501" in animals.main_cards and set(animals.main_cards) <= set(animals.cards)
    assert "\n\n" in animals.definition_fr and "''" not in animals.definition_fr
    # The lists agree with the cards' front matter, both ways.
    fronts = [split_card(text)[0] for text in cards.values()]
    for interest in discovery.interests:
        assert list(interest.cards) == sorted(f["rome_code"] for f in fronts if interest.code in f["interests"])
        assert list(interest.main_cards) == sorted(
            f["rome_code"] for f in fronts if interest.code in f["main_interests"]
        )
    for theme in discovery.themes:
        assert list(theme.cards) == sorted(f["rome_code"] for f in fronts if theme.code in f.get("themes", []))
    assert sum(len(i.main_cards) for i in discovery.interests) == 1584


@needs_export
def test_every_interest_and_theme_of_the_export_has_an_english_label() -> None:
    assert {str(code) for code in INTEREST_LABELS_EN} == csv_codes("centre_interet", "code_centre_interet")
    assert set(THEME_LABELS_EN) == csv_codes("themes", "code_theme")
    labels = [*INTEREST_LABELS_EN.values(), *THEME_LABELS_EN.values()]
    assert all(label.strip() == label and label for label in labels)
    assert len(set(labels)) == len(labels) == 47


@needs_export
def test_an_interest_without_english_label_stops_the_import(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delitem(INTEREST_LABELS_EN, 17)
    monkeypatch.setitem(THEME_LABELS_EN, "005", "")
    with pytest.raises(CorpusError, match=r"interest 17, theme 005 of the export have no English label"):
        import_rome(DATA_DIR, tmp_path / "out")
    assert not (tmp_path / "out").exists()
