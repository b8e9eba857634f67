"""A card's key figures read back from its figure sections, and drawn as text-readable charts."""

import re
from html import unescape

from advisor.apps.key_figures import Chart, KeyFigures, chart_html, comparison_rows, figures_markdown, key_figures

DARES = "Dares, Portraits statistiques des métiers, 2017-2019"
PAY = f"""- Median pay in the job family “Boulangers, pâtissiers (sauf activité industrielle)” (S0Z42): 1 558 € net a month, full time ({DARES}).
- S0Z42's median was 1 300 € in 2003-2005, in euros of the time (Dares, Portraits statistiques des métiers).
- Share of S0Z42's full-time employees by net monthly pay: under €1,250: 11%; €1,250 to €1,500: 30%; €1,500 to €2,000: 43%; €2,000 to €3,000: 13%; €3,000 or more: 2% ({DARES}).
- Median pay in the job family “Apprentis boulangers, bouchers, charcutiers” (S0Z20): 1 333 € net a month, full time ({DARES}).
- These figures are the whole job family's, not this job's alone (Dares, Portraits statistiques des métiers)."""
HIRING = """- Recruitment difficulty very high (5 out of 5) for the job family “Boulangers, pâtissiers (sauf activité industrielle)” (S0Z42) (Dares / Pôle emploi, tension indicator 2019).
- Mainly driven by: hiring intensity, close link between training and job, demanding working conditions (Dares, 2019).
- Difficulty factors, from 1 (low) to 5 (high): hiring intensity: 5; close link between training and job: 4; lack of available workers: 3; non-lasting jobs: 1; demanding working conditions: 4; geographic mismatch: 2 (Dares, 2019).
- The family S0Z42 is not on the 2024 shortage occupation list."""
CERTIFICATIONS = """- CAP boulanger (Certificat d'aptitude professionnelle, niveau 3 (CAP), RNCP 37537) : par formation initiale, apprentissage, VAE (Certif Info, 2024) ; en emploi 6 mois après : 65 % des 5 313 apprentis sortis en 2022-2023 (InserJeunes, 2022-2023).
- CQP boulanger (titre inscrit au RNCP, niveau 3 (CAP), RNCP 38250) : par contrat de professionnalisation, formation continue, VAE (Certif Info, 2024).
- Un des meilleurs ouvriers de France classe boulangerie (Un des meilleurs ouvriers de France, niveau 5 (bac+2)) (Certif Info, 2024).
- Et 2 autres certifications que la fiche cite (Certif Info, 2024).
- Source : Certif Info, Réseau des Carif-Oref (2024) ; parts en emploi : InserJeunes (DEPP, Dares)."""
BAKER = {"Pay": PAY, "Hiring outlook": HIRING, "Certifications et voies d'accès": CERTIFICATIONS}


def text_of(html: str) -> str:
    """What a reader without styles or colour sees: the text, cells apart."""
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip())


def test_every_figure_is_read_with_its_family_and_source():
    figures = key_figures(BAKER)
    assert figures.pay == "1 558 € net a month, full time"
    assert figures.pay_family == "“Boulangers, pâtissiers (sauf activité industrielle)” (S0Z42)"
    assert figures.pay_source == DARES
    assert figures.bands.bars[0] == ("under €1,250", 11) and [v for _, v in figures.bands.bars] == [11, 30, 43, 13, 2]
    assert (figures.bands.scale, figures.bands.source) == (100, DARES)
    assert figures.difficulty == "very high (5 out of 5)" and figures.difficulty_year == "2019"
    assert figures.drivers == "hiring intensity, close link between training and job, demanding working conditions"
    assert [v for _, v in figures.factors.bars] == [5, 4, 3, 1, 4, 2] and figures.factors.scale == 5
    assert figures.factors.bars[5] == ("geographic mismatch", 2) and figures.factors.source == "Dares, 2019"
    assert (figures.shortage, figures.shortage_year) == ("not on the list", "2024")
    assert (figures.certifications, figures.more_certifications, figures.apprenticeship) == (3, 2, 1)
    assert figures.certification_source == "Certif Info, Réseau des Carif-Oref (2024)"


def test_only_the_cards_own_family_gives_its_bands_and_regions_are_listed():
    second_family_bands = PAY.replace("Share of S0Z42's", "Share of S0Z20's")
    assert key_figures({"Pay": second_family_bands}).bands is None
    nameless = "- Median pay in the job family “” (V2Z92): 2 890 € net a month, full time (Dares, 2017-2019)."
    assert key_figures({"Pay": nameless}).pay_family == "V2Z92"
    regions = "- The family V1Z80 is on the 2024 shortage occupation list in these regions: Corse, Grand Est."
    nationwide = "- The family J1Z80 is on the 2024 shortage occupation list for the whole of France."
    assert key_figures({"Hiring outlook": regions}).shortage == "2 regions: Corse, Grand Est"
    assert key_figures({"Hiring outlook": nationwide}).shortage == "whole of France"


def test_a_card_without_figures_has_none_and_a_line_that_does_not_parse_is_left_out():
    assert key_figures({"Revenus": "- Revenus : 3 800 € à 7 000 € brut par mois.", "Focus métier": "x"}) is None
    assert key_figures({"Pay": "- Median pay: lots (hearsay)."}) is None
    only_certifications = key_figures({"Certifications et voies d'accès": CERTIFICATIONS})
    assert (
        only_certifications.pay == "" and only_certifications.bands is None and only_certifications.certifications == 3
    )


def test_a_chart_reads_without_colour_or_styles_and_escapes_card_text():
    chart = Chart("Pay <of> S0Z42", (("under €1,250", 11), ("<b>odd</b>", 150)), 100, "%", "Dares, 2017-2019")
    html = chart_html(chart)
    assert "\n" not in html and "<script" not in html and "&lt;b&gt;odd&lt;/b&gt;" in html
    assert "width:11%" in html and "width:100%" in html  # a value beyond the scale fills the bar, no more
    assert text_of(html) == "Pay <of> S0Z42 under €1,250 11% <b>odd</b> 150% Source: Dares, 2017-2019"


def test_the_block_lists_the_figures_then_draws_both_charts():
    block = figures_markdown(key_figures(BAKER))
    lines = block.splitlines()
    assert lines[0] == "### Key figures / Chiffres clés"
    assert lines[1] == (
        "- **Median pay**: 1 558 € net a month, full time, in the job family “Boulangers, pâtissiers (sauf activité "
        f"industrielle)” (S0Z42) — *{DARES}*"
    )
    assert lines[2].startswith("- **Recruitment difficulty (2019)**: very high (5 out of 5) in the job family S0Z42,")
    assert lines[3] == "- **Shortage occupation list (2024)**: not on the list"
    assert lines[4] == (
        "- **Certifications**: 3 listed, 2 more named by the card; 1 of the 3 open to apprenticeship"
        " — *Certif Info, Réseau des Carif-Oref (2024)*"
    )
    assert lines[5] == "" and len(lines) == 7  # the charts: one HTML line after a blank one
    charts = text_of(lines[6])
    assert "Full-time employees of S0Z42 by net monthly pay under €1,250 11% €1,250 to €1,500 30%" in charts
    assert f"Source: {DARES}" in charts and "geographic mismatch 2 / 5 Source: Dares, 2019" in charts


def test_without_bands_or_factors_the_block_has_no_chart():
    block = figures_markdown(KeyFigures(pay="2 025 € net a month, full time", pay_family="V1Z80"))
    assert (
        block
        == "### Key figures / Chiffres clés\n- **Median pay**: 2 025 € net a month, full time, in the job family V1Z80"
    )


def test_compare_sets_the_figures_side_by_side_with_their_years():
    baker = key_figures(BAKER)
    seed = None  # a hand-written card: no figure sections
    rows = {label: cells for label, *cells in comparison_rows(baker, seed)}
    assert list(rows) == [
        "Median pay (family)",
        "Pay bands (family)",
        "Recruitment difficulty (2019)",
        "Difficulty factors",
        "Shortage occupation list (2024)",
        "Certifications",
    ]
    assert rows["Median pay (family)"][0].startswith("1 558 € net a month, full time<br><sub>“Boulangers")
    assert rows["Recruitment difficulty (2019)"][0].startswith("very high (5 out of 5), mainly driven by hiring")
    assert all(right == "" for _, right in rows.values())
    assert all("\n" not in left and "|" not in left for left, _ in rows.values())
    assert comparison_rows(None, None) == []


def test_the_lines_the_importer_writes_are_the_lines_read_back():
    """The figures are written by corpus.figure_sections and parsed here: one format, kept in step."""
    from advisor.corpus.certifications import Certification
    from advisor.corpus.family_figures import Family
    from advisor.corpus.figure_sections import CardFigures, figure_sections

    bakers = Family(
        "S0Z42",
        "Boulangers, pâtissiers",
        (),
        pay=1558,
        employees=72.0,
        bands=(11.0, 30.0, 43.0, 13.0, 2.0),
        tension=5,
        factors=(5, 5, 2, 2, 5, 1),
        shortage=("Bretagne",),
    )
    cap = Certification("CAP boulanger", "CAP", 3, "37537", "", ("accessibilite_ca",), ("D1102",))
    lines = figure_sections(CardFigures("D1102", False, (bakers,), (cap,)))
    sections: dict[str, list[str]] = {}
    for line in lines:
        if line.startswith("## "):
            heading = line[3:]
        elif line:
            sections.setdefault(heading, []).append(line)
    figures = key_figures({heading: "\n".join(body) for heading, body in sections.items()})
    assert figures.pay == "1 558 € net a month, full time" and figures.pay_family == "“Boulangers, pâtissiers” (S0Z42)"
    assert [v for _, v in figures.bands.bars] == [11, 30, 43, 13, 2]
    assert figures.difficulty == "very high (5 out of 5)" and [v for _, v in figures.factors.bars] == [5, 5, 2, 2, 5, 1]
    assert figures.shortage == "Bretagne"
    assert (figures.certifications, figures.apprenticeship) == (1, 1)
