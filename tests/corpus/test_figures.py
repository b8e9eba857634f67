"""Tests of the key figures: DARES's families, Certif Info's certifications, and how the
importer writes them into the cards, against the real data of ../shared/data."""

import re
import shutil
from pathlib import Path

import pytest
import yaml

from advisor.corpus.certification_lines import certification_line
from advisor.corpus.certifications import (
    CERTIF_DIR,
    INSERJEUNES_DIR,
    Certification,
    Certifications,
    read_certifications,
    title_key,
)
from advisor.corpus.family_figures import BANDS, DARES_DIR, SHORTAGE_DIR, Family, read_families
from advisor.corpus.figure_sections import (
    MAX_CERTIFICATIONS,
    CardFigures,
    card_figures,
    figure_front,
    figure_sections,
    primary_first,
)
from advisor.errors import CorpusError
from support import REPO

DATA = REPO.parent / "shared" / "data"
needs_data = pytest.mark.skipif(not (DATA / DARES_DIR).is_dir(), reason=f"figures not found at {DATA}")


@pytest.fixture(scope="module")
def families():  # type: ignore[no-untyped-def]
    return read_families(DATA)


def card(code: str) -> tuple[dict, str]:
    """A committed card's front matter and body."""
    path = next((REPO / "corpus" / "rome").glob(f"{code}-*.md"))
    _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
    return yaml.safe_load(front), body


def section(body: str, heading: str) -> str:
    return body.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]


@needs_data
def test_the_baker_gets_the_skilled_bakers_family_first_and_both_pays(families) -> None:  # type: ignore[no-untyped-def]
    assert {family.code for family in families.for_rome("D1102")} == {"S0Z42", "S0Z20"}
    front, body = card("D1102")
    assert (front["pay_median"], front["pay_family"], front["pay_period"]) == (1558, "S0Z42", "2017-2019")
    pay = section(body, "Revenus")
    assert pay.index("1 558 €") < pay.index("1 333 €")
    assert "(Dares, Portraits statistiques des métiers, 2017-2019)" in pay
    assert "1 558 €" in section(body, "Pay")


@needs_data
def test_a_card_split_from_its_parent_says_its_figures_are_the_familys() -> None:
    front, body = card("M1405")  # data scientist, split from M1403
    assert front["rome_parent"] == "M1403"
    assert "rattaché par son code ROME v3 M1403" in section(body, "Revenus")
    assert "joins through its ROME v3 code M1403" in section(body, "Pay")


@needs_data
def test_hiring_lines_give_the_class_factors_and_shortage_regions() -> None:
    front, body = card("N4101")  # truck driver
    hiring = section(body, "Perspectives de recrutement")
    assert front["difficulty"] == 5
    assert "très forte (5 sur 5)" in hiring and "indicateur de tension 2019" in hiring
    assert "manque de main-d'œuvre disponible" in hiring
    assert "liste des métiers en tension (2024)" in hiring and "Bretagne" in hiring
    assert "very high (5 out of 5)" in section(body, "Hiring outlook")


@needs_data
def test_the_nurse_lists_its_state_diploma_with_apprenticeship() -> None:
    front, body = card("J1506")
    certifications = section(body, "Certifications et voies d'accès")
    line = next(line for line in certifications.splitlines() if "Diplôme d'État d'infirmier(ière)" in line)
    assert "apprentissage" in line and "RNCP 8940" in line and "(Certif Info, 2024)" in line
    assert front["apprenticeship"] is True
    english = section(body, "Certifications and routes")
    line = next(line for line in english.splitlines() if "Diplôme d'État d'infirmier(ière)" in line)
    assert "level 6 (bac+3/4)" in line and ": by initial training, apprenticeship" in line and "RNCP 8940" in line


@needs_data
def test_every_figure_line_names_its_source_and_year() -> None:
    _, body = card("D1102")
    for heading in ("Revenus", "Perspectives de recrutement", "Certifications et voies d'accès"):
        for line in section(body, heading).splitlines():
            if line.startswith("- ") and "Ces chiffres" not in line and "Source :" not in line:
                assert any(year in line for year in ("2017-2019", "2003-2005", "2019", "2024")), line


@needs_data
def test_the_two_top_pay_bands_are_read_swapped(families) -> None:  # type: ignore[no-untyped-def]
    """With the file's labels of the two top bands traded, each family's median falls in
    the band that holds its 50th percentile (see family_figures.BANDS)."""
    limits = (1250, 1500, 2000, 3000, float("inf"))
    checked = 0
    for family in families.families.values():
        if family.bands and family.pay:
            total, band = 0.0, 0
            while total + family.bands[band] < 50:
                total += family.bands[band]
                band += 1
            assert family.pay < limits[band] and (band == 0 or family.pay >= limits[band - 1]), family.code
            checked += 1
    assert checked > 200 and len(BANDS) == 5


@needs_data
def test_certifications_keep_only_those_in_force_with_their_inserjeunes_share() -> None:
    found = read_certifications(DATA)
    (cap,) = found.named(["CAP boulanger"], "D1102")
    assert cap.title == "CAP boulanger" and cap.level == 3
    assert cap.employment and all(job.leavers >= 20 for job in cap.employment)
    assert not found.named(["Boulanger (ancien titre abrogé)"], "D1102")


@needs_data
def test_a_card_lists_only_the_certifications_it_names() -> None:
    """France Travail's own list decides: the data scientist (split from M1403, whose code
    Certif Info files intelligence-analyst titles under) lists none of its parent's."""
    _, body = card("M1405")
    listed = section(body, "Certifications et voies d'accès")
    assert "Data engineer" in listed
    assert "intelligence" not in listed.lower()
    named = section(body, "Se lancer dans ce métier")
    for line in listed.splitlines():
        if line.startswith("- ") and not line.startswith(("- Et ", "- Source :")):
            assert f"- {line[2:].split(' (')[0]}" in named, line


@pytest.mark.parametrize(
    ("folder", "name"),
    [
        (DARES_DIR, "salaire_median_3niv.csv"),
        (DARES_DIR, "tensions.csv"),
        (SHORTAGE_DIR, "metiers_en_tension_mars_2024.csv"),
        (CERTIF_DIR, "certif_info.csv"),
        (INSERJEUNES_DIR, "ij_region_data.csv"),
    ],
)
@needs_data
def test_a_missing_file_is_named(tmp_path: Path, folder: str, name: str) -> None:
    for source in (DARES_DIR, SHORTAGE_DIR, CERTIF_DIR, INSERJEUNES_DIR):
        shutil.copytree(DATA / source, tmp_path / source)
    (tmp_path / folder / name).unlink()
    reader = read_families if folder in (DARES_DIR, SHORTAGE_DIR) else read_certifications
    with pytest.raises(CorpusError, match=re.escape(name)):
        reader(tmp_path)


def test_a_broken_number_is_an_error_naming_the_file(tmp_path: Path) -> None:
    dares = tmp_path / DARES_DIR
    dares.mkdir()
    (dares / "salaire_median_3niv.csv").write_text(
        '"Fap3","Annee","Salaire_median"\n"S0Z42","2017-2019",abc\n', encoding="cp1252"
    )
    with pytest.raises(CorpusError, match=r"salaire_median_3niv\.csv"):
        read_families(tmp_path)


def test_a_family_without_figures_gives_no_section() -> None:
    bare = CardFigures("L1510", False, (Family("X0Z00", "", ()),))
    assert figure_front(bare) == {}
    assert "## Revenus" not in "\n".join(figure_sections(bare))


def test_certifications_of_one_title_filed_under_the_card_are_one_line_per_level() -> None:
    def cert(rncp: str, level: int, rome: str, certifier: str = "") -> Certification:
        return Certification("Cuisinier", "Titre", level, (rncp,), (certifier,) if certifier else (), (), (rome,))

    found = Certifications(
        {
            title_key("Cuisinier"): (
                cert("1", 3, "G1602", "Armées"),
                cert("2", 3, "G1602", "Travail"),
                cert("3", 4, "G1602"),
                cert("4", 3, "K2111"),
            )
        }
    )
    named = found.named(["Cuisinier"], "G1602")
    assert [(c.level, c.rncp, c.certifiers) for c in named] == [(3, ("1", "2"), ("Armées", "Travail")), (4, ("3",), ())]
    assert "RNCP 1, 2, certificateurs : Armées / Travail" in certification_line(named[0])
    assert not found.named(["Cuisinier"], "A0000")


def test_a_card_lists_its_certifications_lowest_level_first_and_counts_the_others() -> None:
    nurse = Certification("Diplôme d'État d'infirmier", "DE", 6, ("8940",), (), ("accessibilite_ca",), ("J1506",))
    many = [Certification(f"Master {n}", "Master", 7, (), (), (), ("J1506",)) for n in range(MAX_CERTIFICATIONS)]
    figures = card_figures("J1506", "J1506", (), [*many, nurse])
    assert figures.certifications[0] == nurse and figures.more_certifications == 1
    assert figure_front(figures)["apprenticeship"] is True


def test_primary_family_is_the_most_specific() -> None:
    wide, narrow = Family("A", "", (), employees=100.0), Family("B", "", (), employees=1.0)
    assert [f.code for f in primary_first([wide, narrow], {"A": 9, "B": 1})] == ["B", "A"]
