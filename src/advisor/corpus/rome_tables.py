"""Read France Travail's ROME 4.0 open-data export: its tables, joined per card.

The export (``unix_*_v460_utf8.csv`` plus the publisher's ``version.txt``) is a
set of normalised tables keyed by ``code_rome``; :class:`RomeTables` reads the
columns the cards use, cleans every field once and indexes the rows by the keys
the cards are joined on. :mod:`advisor.corpus.rome_cards` writes them as cards.
"""

import csv
import re
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from advisor.errors import CorpusError
from advisor.text import strip_accents

__all__ = [
    "RUBRIQUES",
    "RomeTables",
    "Row",
    "clean_paragraphs",
    "clean_text",
    "read_release",
    "sorted_unique",
]

RELEASE = "ROME 4.0"
CSV_NAME = "unix_{}_v460_utf8.csv"

#: Card-level flags that become tags. Only "O" counts: "N" and the empty value
#: (12-16 % of cards, depending on the flag) both mean "no tag".
FLAG_TAGS = {
    "emploi_cadre": "cadre",
    "emploi_reglemente": "réglementé",
    "transition_num": "transition numérique",
    "transition_demo": "transition démographique",
}
#: ``transition_eco`` is a class, not O/N: green and "strategic" jobs both belong
#: to the ecological transition; brown (carbon-intensive, bound to change) jobs
#: are worth knowing about when choosing a career; "Emploi Blanc" means unconcerned.
ECO_TAGS = {
    "Emploi Vert": ("transition écologique", "emploi vert"),
    "Emploi stratégique pour la Transition écologique": ("transition écologique",),
    "Emploi Brun": ("emploi brun",),
}

#: Every diploma-like savoir of v60 (CAP, BTS, Master, Titre professionnel, CACES...)
#: is in this category, so it alone decides what "Diplômes et certifications" lists.
CERTIFICATION = "Certifications et habilitations"
RUBRIQUES = {"1": "Savoir-faire", "2": "Savoir-être professionnels", "3": "Savoirs"}

#: The CSV files read, with the columns used from each.
TABLES: dict[str, tuple[str, ...]] = {
    "referentiel_code_rome": ("code_rome", "libelle_rome", "code_rome_parent", "transition_eco", *FLAG_TAGS),
    "cr_gd_dp": ("code_rome", "libelle_grand_domaine", "libelle_domaine_professionel"),
    "referentiel_code_rome_riasec": ("code_rome", "riasec_majeur", "riasec_mineur"),
    "referentiel_appellation": ("code_rome", "code_ogr", "libelle_appellation_long"),
    "texte": ("code_rome", "libelle_type_texte", "position_phrase", "libelle_texte"),
    "liens_rome_referentiels": ("code_rome", "code_compo_bloc", "code_rubrique", "code_ogr"),
    "item": ("code_ogr", "libelle"),
    "coherence_item": ("code_rome", "code_ogr", "coeur_metier"),
    "referentiel_savoir": ("code_ogr_savoir", "categorie_savoir"),
    "referentiel_contexte_travail": (
        "code_ogr",
        "libelle_cont_travail",
        "code_type_cont_trav",
        "libelle_type_cont_trav",
    ),
    "arborescence_secteur_activite": ("code_rome", "libelle_sect_activite", "libelle_ss_sect_activite", "principal"),
    "rubrique_mobilite": ("code_rome", "code_rome_cible", "numero_ordre"),
    "centre_interet": ("code_centre_interet", "libelle_centre_interet", "definition_centre_interet"),
    "arborescence_centre_interet": ("code_centre_interet", "code_rome", "principal"),
    "themes": ("code_theme", "libelle_theme", "definition_theme"),
    "arborescence_thematique": ("code_theme", "code_rome"),
}
#: Columns of several paragraphs, whose line breaks are kept.
PARAGRAPH_COLUMNS = {"definition_centre_interet", "definition_theme"}

Row = dict[str, str]


def clean_text(text: str) -> str:
    """Undo the export's doubled apostrophes and collapse whitespace.

    >>> clean_text("Cet emploi est accessible  à partir d''un Bac+5 ")
    "Cet emploi est accessible à partir d'un Bac+5"
    """
    return " ".join(text.replace("''", "'").split())


def clean_paragraphs(text: str) -> str:
    """:func:`clean_text` of each paragraph (line) of a text, paragraphs a blank line apart.

    >>> clean_paragraphs("Envie d''agir ?\\n\\n  De nombreux métiers.\\n")
    "Envie d'agir ?\\n\\nDe nombreux métiers."
    """
    return "\n\n".join(clean_text(line) for line in text.splitlines() if line.strip())


def _sort_key(text: str) -> tuple[str, str]:
    # Accent-insensitive so "Électricien" sorts with the E's, not after "z".
    return (strip_accents(text).casefold(), text)


def sorted_unique(texts: Iterable[str]) -> list[str]:
    """Each text once, in the order a reader looks for it (accents aside)."""
    return sorted(set(texts), key=_sort_key)


def _sentence(text: str) -> str:
    # The export leaves many sentences (list-like ones especially) unpunctuated;
    # the indexer splits chunks on sentence ends, so give each one an ending.
    if text.endswith((",", ";")):
        return text[:-1].rstrip() + "."
    return text if text.endswith((".", "!", "?", "…", ":")) else text + "."


def read_release(data_dir: Path) -> tuple[str, str]:
    """Return the release and its publication date from the export's ``version.txt``.

    For v60 that is ``("ROME 4.0 v60", "18/09/2025")``.
    """
    path = data_dir / "version.txt"
    if not path.is_file():
        raise CorpusError(f"{path} is missing: copy the publisher's version.txt next to the CSVs.")
    text = path.read_text(encoding="utf-8")
    fields = dict(re.findall(r"^(Numero de version|Date de publication)\s*:\s*(\S+)", text, re.M))
    if len(fields) < 2:
        raise CorpusError(
            f"{path} lacks a 'Numero de version :' or 'Date de publication :' line; "
            "restore the file shipped with the export."
        )
    return f"{RELEASE} v{fields['Numero de version']}", fields["Date de publication"]


def _read_tables(data_dir: Path) -> dict[str, list[Row]]:
    # Check every file first: one message naming all missing files beats one per run.
    paths = {stem: data_dir / CSV_NAME.format(stem) for stem in TABLES}
    missing = [path.name for path in paths.values() if not path.is_file()]
    if missing:
        raise CorpusError(
            f"{data_dir} lacks {', '.join(missing)}: it must hold the complete ROME 4.0 v460 "
            "CSV export from France Travail's open-data portal (unix_*_v460_utf8.csv files)."
        )
    return {stem: _read_csv(paths[stem], columns) for stem, columns in TABLES.items()}


def _read_csv(path: Path, columns: tuple[str, ...]) -> list[Row]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        absent = set(columns) - set(reader.fieldnames or ())
        if absent:
            raise CorpusError(
                f"{path} lacks the column(s) {', '.join(sorted(absent))}: the file is not a "
                "ROME 4.0 export this importer knows; re-download the v460 CSV export."
            )
        # Cleaned once here, so no field used anywhere can leak a doubled apostrophe.
        return [
            {key: (clean_paragraphs if key in PARAGRAPH_COLUMNS else clean_text)(row[key]) for key in columns}
            for row in reader
        ]


def _group(rows: Iterable[Row], key: str = "code_rome") -> dict[str, list[Row]]:
    groups: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        groups[row[key]].append(row)
    return groups


class RomeTables:
    """The export's tables, indexed by the keys the cards are joined on."""

    def __init__(self, data_dir: Path) -> None:
        tables = _read_tables(data_dir)
        self.cards = sorted(tables["referentiel_code_rome"], key=lambda row: row["code_rome"])
        self.titles = {row["code_rome"]: row["libelle_rome"] for row in self.cards}
        self.domains = {row["code_rome"]: row for row in tables["cr_gd_dp"]}
        self.riasec = {row["code_rome"]: row for row in tables["referentiel_code_rome_riasec"]}
        self.appellations = _group(tables["referentiel_appellation"])
        self.texts = _group(tables["texte"])
        self.links = _group(tables["liens_rome_referentiels"])
        self.items = {row["code_ogr"]: row["libelle"] for row in tables["item"]}
        core = (row for row in tables["coherence_item"] if row["coeur_metier"] == "Principale")
        self.core = {(row["code_rome"], row["code_ogr"]) for row in core}
        certs = (r for r in tables["referentiel_savoir"] if r["categorie_savoir"] == CERTIFICATION)
        self.certifications = {row["code_ogr_savoir"] for row in certs}
        self.contexts = {row["code_ogr"]: row for row in tables["referentiel_contexte_travail"]}
        self.sectors = _group(tables["arborescence_secteur_activite"])
        self.mobility = _group(tables["rubrique_mobilite"])
        self.interest_rows = sorted(tables["centre_interet"], key=lambda row: int(row["code_centre_interet"]))
        self.theme_rows = sorted(tables["themes"], key=lambda row: row["code_theme"])
        self.card_interests = _group(tables["arborescence_centre_interet"])
        self.interest_cards = _group(tables["arborescence_centre_interet"], "code_centre_interet")
        self.card_themes = _group(tables["arborescence_thematique"])
        self.theme_cards = _group(tables["arborescence_thematique"], "code_theme")

    def sentences(self, code: str, kind: str) -> list[str]:
        """The card's sentences of one kind, in order, each once (a few repeat)."""
        rows = [row for row in self.texts[code] if row["libelle_type_texte"] == kind]
        rows.sort(key=lambda row: int(row["position_phrase"]))
        # A few sentences keep the author's list markers: stray leading dots go,
        # dashes become Markdown bullets, except in definitions, bulleted anyway.
        dash = "" if kind == "definition" else "- "
        texts = (re.sub(r"^\.\s*", "", row["libelle_texte"]) for row in rows)
        texts = (re.sub(r"^[-•]\s*", dash, text) for text in texts)
        return list(dict.fromkeys(_sentence(text) for text in texts if text))

    def skills(self, code: str) -> dict[str, list[str]]:
        """Block-5 items of a card, each in exactly one of the card's skill lists."""
        # A code_rubrique outside RUBRIQUES raises KeyError rather than vanish.
        groups: dict[str, list[str]] = {name: [] for name in ("certifications", "core", *RUBRIQUES)}
        for link in (link for link in self.links[code] if link["code_compo_bloc"] == "5"):
            ogr = link["code_ogr"]
            if link["code_rubrique"] == "3" and ogr in self.certifications:
                groups["certifications"].append(self.items[ogr])
            elif (code, ogr) in self.core:
                groups["core"].append(self.items[ogr])
            else:
                groups[link["code_rubrique"]].append(self.items[ogr])
        return {name: sorted_unique(labels) for name, labels in groups.items()}

    def related(self, code: str) -> list[str]:
        rows = sorted(self.mobility[code], key=lambda row: int(row["numero_ordre"]))
        return [row["code_rome_cible"] for row in rows]

    def interests(self, code: str) -> tuple[list[int], list[int]]:
        """The card's interest codes, its main ones first, and those main ones alone."""
        rows = self.card_interests[code]
        main = sorted(int(row["code_centre_interet"]) for row in rows if row["principal"] == "oui")
        others = sorted(int(row["code_centre_interet"]) for row in rows if row["principal"] != "oui")
        return main + others, main

    def names(self, code: str) -> list[str]:
        return sorted_unique(row["libelle_appellation_long"] for row in self.appellations[code])

    def tags(self, card: Row) -> list[str]:
        tags = [tag for column, tag in FLAG_TAGS.items() if card[column] == "O"]
        return tags + list(ECO_TAGS.get(card["transition_eco"], ()))
