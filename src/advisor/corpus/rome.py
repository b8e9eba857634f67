"""Import France Travail's ROME 4.0 open-data export as one Markdown card per job.

The export (``unix_*_v460_utf8.csv`` plus the publisher's ``version.txt``) is a
set of normalised tables keyed by ``code_rome``; :func:`import_rome` joins them
into ``{code_rome}-{slug}.md`` files with YAML front matter, ready to be indexed
like any other card of the corpus. Output is deterministic: every list is
sorted (or kept in the publisher's explicit order), nothing depends on the
clock, so re-importing the same release rewrites byte-identical files.
"""

import csv
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

from advisor.corpus.discovery import (
    FILE_NAME,
    INTEREST_LABELS_EN,
    THEME_LABELS_EN,
    Discovery,
    Interest,
    Theme,
    dump_discovery,
)
from advisor.corpus.esco import (
    MAPPING_FILE,
    English,
    card_fields,
    card_sections,
    link_cards,
    read_mapping,
    read_occupations,
    strip_accents,
)
from advisor.corpus.levels import access_level
from advisor.errors import CorpusError

__all__ = ["ImportReport", "clean_paragraphs", "clean_text", "import_rome", "read_release", "slugify"]

RELEASE = "ROME 4.0"
LICENCE = "Licence Ouverte / Open Licence 2.0 (Etalab)"
CSV_NAME = "unix_{}_v460_utf8.csv"
SLUG_MAX = 60

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
REGULATED_NOTE = (
    "Métier réglementé : l'exercice de ce métier est soumis à une réglementation (diplôme, titre ou autorisation)."
)

#: The CSV files read, with the columns used from each.
TABLES: dict[str, tuple[str, ...]] = {
    "referentiel_code_rome": ("code_rome", "libelle_rome", "transition_eco", *FLAG_TAGS),
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


@dataclass(frozen=True)
class ImportReport:
    """What :func:`import_rome` wrote."""

    cards: int
    out_dir: Path
    data_version: str
    english: int = 0  # cards given English names and descriptions


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


def slugify(title: str, max_len: int = SLUG_MAX) -> str:
    """ASCII, lower-case, hyphenated form of a title, cut on a hyphen if too long.

    >>> slugify("Chef / Cheffe d'équipe chauffagiste")
    'chef-cheffe-d-equipe-chauffagiste'
    >>> slugify("Assistant / Assistante maîtrise d'œuvre en architecture", max_len=30)
    'assistant-assistante-maitrise'
    """
    slug = re.sub(r"[^a-z0-9]+", "-", strip_accents(title).lower()).strip("-")
    if len(slug) <= max_len:
        return slug
    cut = slug[: max_len + 1]  # one more, in case a hyphen follows the last whole word
    return cut.rsplit("-", 1)[0] if "-" in cut else slug[:max_len]


def _sort_key(text: str) -> tuple[str, str]:
    # Accent-insensitive so "Électricien" sorts with the E's, not after "z".
    return (strip_accents(text).casefold(), text)


def _sorted_unique(texts: Iterable[str]) -> list[str]:
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


def _codes(links: Iterable[Row]) -> tuple[str, ...]:
    """The cards a discovery table links to, each once, in code order."""
    return tuple(sorted({link["code_rome"] for link in links}))


def _attribution(release: str) -> str:
    return f"Source : France Travail, {release}, Licence Ouverte 2.0"


def _block(heading: str, lines: list[str]) -> list[str]:
    """A heading with its lines, or nothing at all, so no heading is ever empty."""
    return [heading, "", *lines, ""] if lines else []


def _bullets(items: Iterable[str]) -> list[str]:
    return [f"- {item}" for item in items]


class _Rome:
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
        return {name: _sorted_unique(labels) for name, labels in groups.items()}

    def work_contexts(self, code: str) -> list[str]:
        by_type: dict[tuple[int, str], list[str]] = defaultdict(list)
        for link in self.links[code]:
            if link["code_compo_bloc"] == "6":
                ctx = self.contexts[link["code_ogr"]]
                kind = (int(ctx["code_type_cont_trav"]), ctx["libelle_type_cont_trav"])
                by_type[kind].append(ctx["libelle_cont_travail"])
        lines: list[str] = []
        for (_, label), items in sorted(by_type.items()):
            lines += _block(f"### {label}", _bullets(_sorted_unique(items)))
        return lines

    def sector_lines(self, code: str) -> list[str]:
        principal: list[str] = []
        others: list[str] = []
        for row in self.sectors[code]:
            label = row["libelle_sect_activite"]
            if row["libelle_ss_sect_activite"]:
                label += f" : {row['libelle_ss_sect_activite']}"
            (principal if row["principal"] == "oui" else others).append(label)
        ordered = _sorted_unique(principal) + _sorted_unique(others)
        return _bullets(dict.fromkeys(ordered))

    def related(self, code: str) -> list[str]:
        rows = sorted(self.mobility[code], key=lambda row: int(row["numero_ordre"]))
        return [row["code_rome_cible"] for row in rows]

    def interests(self, code: str) -> tuple[list[int], list[int]]:
        """The card's interest codes, its main ones first, and those main ones alone."""
        rows = self.card_interests[code]
        main = sorted(int(row["code_centre_interet"]) for row in rows if row["principal"] == "oui")
        others = sorted(int(row["code_centre_interet"]) for row in rows if row["principal"] != "oui")
        return main + others, main

    def discovery(self, release: str, date: str) -> Discovery:
        """The interests and themes with their cards, labelled in English by :mod:`advisor.corpus.discovery`."""
        missing = [
            f"interest {row['code_centre_interet']}"
            for row in self.interest_rows
            if not INTEREST_LABELS_EN.get(int(row["code_centre_interet"]))
        ]
        missing += [
            f"theme {row['code_theme']}" for row in self.theme_rows if not THEME_LABELS_EN.get(row["code_theme"])
        ]
        if missing:
            raise CorpusError(
                f"{', '.join(missing)} of the export have no English label: add them to "
                "INTEREST_LABELS_EN or THEME_LABELS_EN in advisor/corpus/discovery.py"
            )
        interests = tuple(
            Interest(
                int(row["code_centre_interet"]),
                row["libelle_centre_interet"],
                INTEREST_LABELS_EN[int(row["code_centre_interet"])],
                row["definition_centre_interet"],
                cards=_codes(self.interest_cards[row["code_centre_interet"]]),
                main_cards=_codes(
                    r for r in self.interest_cards[row["code_centre_interet"]] if r["principal"] == "oui"
                ),
            )
            for row in self.interest_rows
        )
        themes = tuple(
            Theme(
                row["code_theme"],
                row["libelle_theme"],
                THEME_LABELS_EN[row["code_theme"]],
                row["definition_theme"],
                cards=_codes(self.theme_cards[row["code_theme"]]),
            )
            for row in self.theme_rows
        )
        return Discovery(_attribution(release), LICENCE, f"{release} ({date})", interests, themes)

    def names(self, code: str) -> list[str]:
        return _sorted_unique(row["libelle_appellation_long"] for row in self.appellations[code])

    def tags(self, card: Row) -> list[str]:
        tags = [tag for column, tag in FLAG_TAGS.items() if card[column] == "O"]
        return tags + list(ECO_TAGS.get(card["transition_eco"], ()))

    def english_links(self, esco_dir: Path, mapping_dir: Path) -> dict[str, English]:
        """Each card's ESCO occupations, through the mapping's job titles (``code_ogr``)."""
        card_of_title = {row["code_ogr"]: code for code, rows in self.appellations.items() for row in rows}
        names = {card["code_rome"]: self.names(card["code_rome"]) for card in self.cards}
        mapping = read_mapping(mapping_dir / MAPPING_FILE)
        return link_cards(read_occupations(esco_dir), mapping, card_of_title, names, self.titles)

    def front_matter(self, card: Row, release: str, date: str, english: English | None = None) -> str:
        code, title = card["code_rome"], self.titles[card["code_rome"]]
        domain, riasec = self.domains[code], self.riasec[code]
        interests, main_interests = self.interests(code)
        themes = sorted(row["code_theme"] for row in self.card_themes[code])
        level = access_level("\n".join(self.sentences(code, "acces_metier")))
        front = {
            "title": title,
            "rome_code": code,
            "aliases": [name for name in self.names(code) if name != title],
            "domain": domain["libelle_grand_domaine"],
            "subdomain": domain["libelle_domaine_professionel"],
            "riasec": [r for r in (riasec["riasec_majeur"], riasec["riasec_mineur"]) if r],
            "interests": interests,
            "main_interests": main_interests,
            **({"themes": themes} if themes else {}),
            **({"access_level": level} if level else {}),
            "tags": self.tags(card),
            "related_jobs": self.related(code),
            "source": _attribution(release),
            "licence": LICENCE,
            "data_version": f"{release} ({date})",
            **(card_fields(english) if english else {}),
        }
        # A huge width keeps long titles on one line instead of folding them.
        return yaml.safe_dump(front, allow_unicode=True, sort_keys=False, default_flow_style=False, width=10_000)

    def body(self, card: Row, english: English | None = None) -> str:
        code = card["code_rome"]
        definition, skills = self.sentences(code, "definition"), self.skills(code)
        # The first sentence says what the job is; the others list its activities.
        focus = [f"{definition[0]}\n", *_bullets(definition[1:])] if definition else []
        start = [f"{s}\n" for s in self.sentences(code, "acces_metier")]
        if card["emploi_reglemente"] == "O":
            start.append(f"{REGULATED_NOTE}\n")
        start += _block("### Diplômes et certifications", _bullets(skills["certifications"]))
        competences = _block("### Compétences principales", _bullets(skills["core"]))
        for rubrique, label in RUBRIQUES.items():
            competences += _block(f"### {label}", _bullets(skills[rubrique]))
        where = _block("### Secteurs d'activité", self.sector_lines(code))
        related = [f"- {self.titles[c]} ({c})" for c in self.related(code)]
        lines = [
            f"# {self.titles[code]}",
            "",
            *_block("## Focus métier", focus),
            *_block("## Se lancer dans ce métier", start),
            *_block("## Compétences clés", competences),
            *_block("## Où et comment exercer ?", where + self.work_contexts(code)),
            *_block("## Autres intitulés", _bullets(self.names(code))),
            *_block("## Métiers proches", related),
            *(card_sections(english) if english else []),
        ]
        # Paragraph lines end in "\n" and blocks end in "": squeeze the extra blank lines.
        return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"


def import_rome(
    data_dir: Path, out_dir: Path, esco_dir: Path | None = None, mapping_dir: Path | None = None
) -> ImportReport:
    """Write one Markdown card per ROME job card of ``data_dir`` into ``out_dir``.

    With ``esco_dir`` (ESCO's occupations) and ``mapping_dir`` (France Travail's
    ESCO-ROME mapping), each card the mapping reaches also gets its English names and
    ESCO's description of the job (:mod:`advisor.corpus.esco`); the French text stays
    as it is. ROME's interests and themes, with their cards, go to ``discovery.yaml``
    (:mod:`advisor.corpus.discovery`). ``*.md`` files of ``out_dir`` that this run did
    not write (cards of an older release) are deleted, so ``out_dir`` mirrors the export
    exactly. Raises :class:`~advisor.errors.CorpusError`, before writing anything, when
    the export is incomplete or one of its interests or themes has no English label.
    """
    data_dir, out_dir = Path(data_dir), Path(out_dir)
    if (esco_dir is None) != (mapping_dir is None):
        raise CorpusError("English names need both the ESCO occupations and the ESCO-ROME mapping folders")
    release, date = read_release(data_dir)
    rome = _Rome(data_dir)
    discovery = rome.discovery(release, date)
    english = rome.english_links(Path(esco_dir), Path(mapping_dir)) if esco_dir and mapping_dir else {}
    out_dir.mkdir(parents=True, exist_ok=True)
    written: set[str] = set()
    for card in rome.cards:
        code = card["code_rome"]
        name = f"{code}-{slugify(rome.titles[code])}.md"
        try:
            text = f"---\n{rome.front_matter(card, release, date, english.get(code))}---\n{rome.body(card, english.get(code))}"
        except KeyError as exc:
            raise CorpusError(
                f"Card {code}: no row for {exc} in the tables of {data_dir}; the files come "
                "from different releases or are truncated: re-download the whole export."
            ) from exc
        # Bytes, so the platform never turns "\n" into "\r\n".
        (out_dir / name).write_bytes(text.encode("utf-8"))
        written.add(name)
    for path in sorted(out_dir.glob("*.md")):
        if path.name not in written:
            path.unlink()
    (out_dir / FILE_NAME).write_bytes(dump_discovery(discovery).encode("utf-8"))
    return ImportReport(cards=len(written), out_dir=out_dir, data_version=f"{release} ({date})", english=len(english))
