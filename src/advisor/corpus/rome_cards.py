"""Write France Travail's ROME 4.0 open-data export as one Markdown card per job.

:func:`import_rome` joins the export's tables (:mod:`advisor.corpus.rome_tables`)
into ``{code_rome}-{slug}.md`` files with YAML front matter, ready to be indexed
like any other card of the corpus. Output is deterministic: every list is
sorted (or kept in the publisher's explicit order), nothing depends on the
clock, so re-importing the same release rewrites byte-identical files.
"""

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

from advisor.corpus.certifications import read_certifications
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
)
from advisor.corpus.family_figures import read_families
from advisor.corpus.figure_sections import CardFigures, card_figures, figure_front, figure_sections, primary_first
from advisor.corpus.levels import access_level
from advisor.corpus.rome_tables import RUBRIQUES, RomeTables, Row, read_release, sorted_unique
from advisor.errors import CorpusError
from advisor.text import strip_accents
from advisor.vocabulary import ACCESS, ALIASES, FOCUS, RELATED, SKILLS, WHERE

__all__ = ["ImportReport", "figures_of", "import_rome", "slugify"]

LICENCE = "Licence Ouverte / Open Licence 2.0 (Etalab)"
SLUG_MAX = 60

REGULATED_NOTE = (
    "Métier réglementé : l'exercice de ce métier est soumis à une réglementation (diplôme, titre ou autorisation)."
)


@dataclass(frozen=True)
class ImportReport:
    """What :func:`import_rome` wrote."""

    cards: int
    out_dir: Path
    data_version: str
    english: int = 0  # cards given English names and descriptions
    pay: int = 0  # cards given a pay median
    difficulty: int = 0  # cards given a recruitment-difficulty class
    certified: int = 0  # cards given at least one certification


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


def _work_contexts(rome: RomeTables, code: str) -> list[str]:
    by_type: dict[tuple[int, str], list[str]] = defaultdict(list)
    for link in rome.links[code]:
        if link["code_compo_bloc"] == "6":
            ctx = rome.contexts[link["code_ogr"]]
            kind = (int(ctx["code_type_cont_trav"]), ctx["libelle_type_cont_trav"])
            by_type[kind].append(ctx["libelle_cont_travail"])
    lines: list[str] = []
    for (_, label), items in sorted(by_type.items()):
        lines += _block(f"### {label}", _bullets(sorted_unique(items)))
    return lines


def _sector_lines(rome: RomeTables, code: str) -> list[str]:
    principal: list[str] = []
    others: list[str] = []
    for row in rome.sectors[code]:
        label = row["libelle_sect_activite"]
        if row["libelle_ss_sect_activite"]:
            label += f" : {row['libelle_ss_sect_activite']}"
        (principal if row["principal"] == "oui" else others).append(label)
    ordered = sorted_unique(principal) + sorted_unique(others)
    return _bullets(dict.fromkeys(ordered))


def _discovery(rome: RomeTables, release: str, date: str) -> Discovery:
    """The interests and themes with their cards, labelled in English by :mod:`advisor.corpus.discovery`."""
    missing = [
        f"interest {row['code_centre_interet']}"
        for row in rome.interest_rows
        if not INTEREST_LABELS_EN.get(int(row["code_centre_interet"]))
    ]
    missing += [f"theme {row['code_theme']}" for row in rome.theme_rows if not THEME_LABELS_EN.get(row["code_theme"])]
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
            cards=_codes(rome.interest_cards[row["code_centre_interet"]]),
            main_cards=_codes(r for r in rome.interest_cards[row["code_centre_interet"]] if r["principal"] == "oui"),
        )
        for row in rome.interest_rows
    )
    themes = tuple(
        Theme(
            row["code_theme"],
            row["libelle_theme"],
            THEME_LABELS_EN[row["code_theme"]],
            row["definition_theme"],
            cards=_codes(rome.theme_cards[row["code_theme"]]),
        )
        for row in rome.theme_rows
    )
    return Discovery(_attribution(release), LICENCE, f"{release} ({date})", interests, themes)


def _english_links(rome: RomeTables, esco_dir: Path, mapping_dir: Path) -> dict[str, English]:
    """Each card's ESCO occupations, through the mapping's job titles (``code_ogr``)."""
    card_of_title = {row["code_ogr"]: code for code, rows in rome.appellations.items() for row in rows}
    names = {card["code_rome"]: rome.names(card["code_rome"]) for card in rome.cards}
    mapping = read_mapping(mapping_dir / MAPPING_FILE)
    return link_cards(read_occupations(esco_dir), mapping, card_of_title, names, rome.titles)


def figures_of(rome: RomeTables, figures_dir: Path) -> dict[str, CardFigures]:
    """Each card's figures from the data of ``figures_dir`` (DARES, the shortage list,
    Certif Info, InserJeunes): its family's through its ROME v3 code (``code_rome_parent``),
    the certifications its own "Diplômes et certifications" names."""
    families, certifications = read_families(figures_dir), read_certifications(figures_dir)
    codes_of: dict[str, int] = defaultdict(int)
    for faps in families.of_rome.values():
        for fap in faps:
            codes_of[fap] += 1
    found = {}
    for card in rome.cards:
        code, parent = card["code_rome"], card["code_rome_parent"]
        named = certifications.named(rome.skills(code)["certifications"], parent)
        found[code] = card_figures(code, parent, primary_first(families.for_rome(parent), codes_of), named)
    return found


def _front_matter(
    rome: RomeTables,
    card: Row,
    release: str,
    date: str,
    english: English | None = None,
    figures: CardFigures | None = None,
) -> str:
    code, title = card["code_rome"], rome.titles[card["code_rome"]]
    domain, riasec = rome.domains[code], rome.riasec[code]
    interests, main_interests = rome.interests(code)
    themes = sorted(row["code_theme"] for row in rome.card_themes[code])
    level = access_level("\n".join(rome.sentences(code, "acces_metier")))
    front = {
        "title": title,
        "rome_code": code,
        # ROME 4.0 split some v3 cards: the v3 card this one comes from (itself if not split),
        # which job linking reads as the main card of a family ("infirmier" -> J1506).
        "rome_parent": card["code_rome_parent"],
        "aliases": [name for name in rome.names(code) if name != title],
        "domain": domain["libelle_grand_domaine"],
        "subdomain": domain["libelle_domaine_professionel"],
        "riasec": [r for r in (riasec["riasec_majeur"], riasec["riasec_mineur"]) if r],
        "interests": interests,
        "main_interests": main_interests,
        **({"themes": themes} if themes else {}),
        **({"access_level": level} if level else {}),
        "tags": rome.tags(card),
        "related_jobs": rome.related(code),
        "source": _attribution(release),
        "licence": LICENCE,
        "data_version": f"{release} ({date})",
        **(card_fields(english) if english else {}),
        **(figure_front(figures) if figures else {}),
    }
    # A huge width keeps long titles on one line instead of folding them.
    return yaml.safe_dump(front, allow_unicode=True, sort_keys=False, default_flow_style=False, width=10_000)


def _body(rome: RomeTables, card: Row, english: English | None = None, figures: CardFigures | None = None) -> str:
    code = card["code_rome"]
    definition, skills = rome.sentences(code, "definition"), rome.skills(code)
    # The first sentence says what the job is; the others list its activities.
    focus = [f"{definition[0]}\n", *_bullets(definition[1:])] if definition else []
    start = [f"{s}\n" for s in rome.sentences(code, "acces_metier")]
    if card["emploi_reglemente"] == "O":
        start.append(f"{REGULATED_NOTE}\n")
    start += _block("### Diplômes et certifications", _bullets(skills["certifications"]))
    competences = _block("### Compétences principales", _bullets(skills["core"]))
    for rubrique, label in RUBRIQUES.items():
        competences += _block(f"### {label}", _bullets(skills[rubrique]))
    where = _block("### Secteurs d'activité", _sector_lines(rome, code))
    related = [f"- {rome.titles[c]} ({c})" for c in rome.related(code)]
    lines = [
        f"# {rome.titles[code]}",
        "",
        *_block(f"## {FOCUS}", focus),
        *_block(f"## {ACCESS}", start),
        *_block(f"## {SKILLS}", competences),
        *_block(f"## {WHERE} ?", where + _work_contexts(rome, code)),
        *_block(f"## {ALIASES}", _bullets(rome.names(code))),
        *_block(f"## {RELATED}", related),
        *(figure_sections(figures) if figures else []),
        *(card_sections(english) if english else []),
    ]
    # Paragraph lines end in "\n" and blocks end in "": squeeze the extra blank lines.
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"


def import_rome(
    data_dir: Path,
    out_dir: Path,
    esco_dir: Path | None = None,
    mapping_dir: Path | None = None,
    figures_dir: Path | None = None,
) -> ImportReport:
    """Write one Markdown card per ROME job card of ``data_dir`` into ``out_dir``.

    With ``esco_dir`` (ESCO's occupations) and ``mapping_dir`` (France Travail's
    ESCO-ROME mapping), each card the mapping reaches also gets its English names and
    ESCO's description of the job (:mod:`advisor.corpus.esco`); the French text stays
    as it is. ROME's interests and themes, with their cards, go to ``discovery.yaml``
    (:mod:`advisor.corpus.discovery`). ``*.md`` files of ``out_dir`` that this run did
    not write (cards of an older release) are deleted, so ``out_dir`` mirrors the export
    exactly. With ``figures_dir`` (the folder holding DARES's portraits, the 2024 shortage
    list, Certif Info and InserJeunes), each card gets its key figures
    (:mod:`advisor.corpus.figure_sections`). Raises :class:`~advisor.errors.CorpusError`,
    before writing anything, when
    the export is incomplete or one of its interests or themes has no English label.
    """
    data_dir, out_dir = Path(data_dir), Path(out_dir)
    if (esco_dir is None) != (mapping_dir is None):
        raise CorpusError("English names need both the ESCO occupations and the ESCO-ROME mapping folders")
    release, date = read_release(data_dir)
    rome = RomeTables(data_dir)
    discovery = _discovery(rome, release, date)
    english = _english_links(rome, Path(esco_dir), Path(mapping_dir)) if esco_dir and mapping_dir else {}
    figures = figures_of(rome, Path(figures_dir)) if figures_dir else {}
    out_dir.mkdir(parents=True, exist_ok=True)
    written: set[str] = set()
    for card in rome.cards:
        code = card["code_rome"]
        name = f"{code}-{slugify(rome.titles[code])}.md"
        try:
            front = _front_matter(rome, card, release, date, english.get(code), figures.get(code))
            text = f"---\n{front}---\n{_body(rome, card, english.get(code), figures.get(code))}"
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
    fields = [figure_front(found) for found in figures.values()]
    return ImportReport(
        cards=len(written),
        out_dir=out_dir,
        data_version=f"{release} ({date})",
        english=len(english),
        pay=sum("pay_median" in front for front in fields),
        difficulty=sum("difficulty" in front for front in fields),
        certified=sum(bool(found.certifications) for found in figures.values()),
    )
