"""How right is matching ESCO's French labels to a card's French titles, where the answer is known?

The 163 ROME 4.0 cards that France Travail's ESCO mapping does not reach get their
English names from the ESCO occupations whose French label is one of the card's titles.
This measures that rule on the 1,421 cards the mapping does reach: of the occupations a
label match finds, the share that the mapping links to the same card (precision), and
the share of mapped cards it finds anything for (coverage).

    python bench/esco_labels.py [--data ../shared/data]
"""

import argparse
import csv
import json
from collections import defaultdict
from pathlib import Path

from advisor.corpus.esco import MAPPING_FILE, label_matches, read_mapping, read_occupations

REPO = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    args = parser.parse_args()
    occupations = read_occupations(args.data / "esco-1.0.8")
    mapping = read_mapping(args.data / "rome-esco-mapping" / MAPPING_FILE)
    names: dict[str, list[str]] = defaultdict(list)
    card_of_title = {}
    appellations = args.data / "rome-4.0-v60" / "unix_referentiel_appellation_v460_utf8.csv"
    with appellations.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            card_of_title[row["code_ogr"]] = row["code_rome"]
            names[row["code_rome"]].append(row["libelle_appellation_long"])
    mapped: dict[str, dict[str, str]] = defaultdict(dict)
    for uri, ogr, relation in mapping:
        mapped[card_of_title[ogr]][uri] = relation
    # Every card's titles take part, as in the importer: a title two cards share names neither.
    matched = label_matches(occupations, names)

    found = right = naming = cards_found = 0
    for code, links in mapped.items():
        cards_found += bool(matched[code])
        found += len(matched[code])
        right += sum(uri in links for uri in matched[code])
        naming += sum(links.get(uri) in ("exact", "close", "narrow") for uri in matched[code])
    unmapped = [code for code in names if code not in mapped]
    print(
        json.dumps(
            {
                "mapped_cards": len(mapped),
                "coverage": round(cards_found / len(mapped), 3),
                "matches": found,
                "precision_any_relation": round(right / max(found, 1), 3),
                "precision_exact_close_narrow": round(naming / max(found, 1), 3),
                "unmapped_cards": len(unmapped),
                "unmapped_cards_matched": sum(bool(matched[code]) for code in unmapped),
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
