"""Cards rebuilt from the served chunks: reading, searching and comparing jobs."""

from advisor.apps.cards import card_markdown, cards_from_chunks, comparison_markdown, search
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
