"""Cards rebuilt from the served chunks: reading, searching and comparing jobs."""

from advisor.apps.cards import card_markdown, cards_from_chunks, comparison_markdown, search
from advisor.index.store import Hit
from support import SEED


def test_cards_read_compare_and_link_as_served(indexer, corpus):
    indexer.run(corpus)
    cards = cards_from_chunks(indexer.store.served_chunks(indexer.store.manifest()))
    assert set(cards) == {"boulanger.md", "juge.md", SEED.name}
    seed = cards[SEED.name]
    assert seed.section("Revenus")[1].startswith("- Revenus : 3 800 € à 7 000 €")
    text = card_markdown(seed)
    assert "### Se lancer dans ce métier" in text and "ESIEE, ENSEA, ISEN" in text
    assert [c.path for c in search(cards, "mitron")] == ["boulanger.md"]
    assert [c.path for c in search(cards, "D1102")] == ["boulanger.md"]
    table = comparison_markdown(cards["boulanger.md"], seed)
    assert "CAP Boulanger" in table and "boulanger.md — Se lancer dans ce métier" in table
    pay_row = next(row for row in table.splitlines() if row.startswith("| Pay"))
    assert "*not in this card*" in pay_row and "3 800 €" in pay_row


def served(path, title, code, sections):
    """The chunks the index would serve for a card: one a section, headed as chunks are."""
    return [
        Hit(
            f"{path}-{n}",
            f"{title} — {name}\n{text}",
            {"path": path, "position": n, "section": name, "title": title, "rome_code": code},
            0.0,
        )
        for n, (name, text) in enumerate(sections)
    ]


NURSE = [
    ("Focus métier", "Soigne les patients."),
    (
        "Revenus",
        "- Salaire médian de la famille de métiers « Infirmiers » (V1Z80) : 2 025 € net par mois à temps plein (Dares, 2017-2019).",
    ),
    (
        "Pay",
        "- Median pay in the job family “Infirmiers” (V1Z80): 2 025 € net a month, full time (Dares, 2017-2019).\n"
        "- Share of V1Z80's full-time employees by net monthly pay: under €1,250: 2%; €1,250 to €1,500: 4%; "
        "€1,500 to €2,000: 39%; €2,000 to €3,000: 48%; €3,000 or more: 7% (Dares, 2017-2019).",
    ),
    (
        "Hiring outlook",
        "- Recruitment difficulty high (4 out of 5) for the job family “Infirmiers” (V1Z80) (Dares / Pôle emploi, tension indicator 2019).\n"
        "- The family V1Z80 is on the 2024 shortage occupation list in these regions: Corse, Grand Est.",
    ),
]


def test_a_card_with_figures_opens_on_them_and_compares_them_with_one_without():
    cards = cards_from_chunks(
        served("rome/J1506.md", "Infirmier / Infirmière", "J1506", NURSE)
        + served("seed.txt", "Ingénieur IA", "", [("Revenus", "- Revenus : 3 800 € à 7 000 € brut par mois.")])
    )
    nurse, seed = cards["rome/J1506.md"], cards["seed.txt"]
    text = card_markdown(nurse)
    block = text.index("### Key figures / Chiffres clés")
    assert text.index("*Source: `rome/J1506.md`*") < block < text.index("### Focus métier")
    assert "- **Median pay**: 2 025 € net a month, full time, in the job family “Infirmiers” (V1Z80)" in text
    assert "- **Recruitment difficulty (2019)**: high (4 out of 5) in the job family V1Z80" in text
    assert "- **Shortage occupation list (2024)**: 2 regions: Corse, Grand Est" in text
    assert "width:48%" in text and "Source: Dares, 2017-2019" in text
    assert "Key figures" not in card_markdown(seed) and "<" not in card_markdown(seed)
    rows = {row.split(" | ")[0]: row for row in comparison_markdown(nurse, seed).splitlines()}
    assert "2 025 €" in rows["| Pay"] and "3 800 €" in rows["| Pay"]  # each card's own pay section, quoted
    assert rows["| Median pay (family)"].endswith("2017-2019</sub> | *not in this card* |")
    assert rows["| Recruitment difficulty (2019)"].startswith("| Recruitment difficulty (2019) | high (4 out of 5)<br>")
    assert "Certifications" not in rows and "| Difficulty factors" not in rows  # neither card has them
    assert "Median pay (family)" not in comparison_markdown(seed, seed)
