"""English names and descriptions for the ROME cards, from ESCO through France Travail's mapping.

ESCO, the European Commission's classification, names about 3,000 occupations in English
and French, written by its translators; France Travail's mapping links ESCO occupations
to ROME job titles (``code_ogr``), and ROME places each title on one card. Joined, they
reach 1,421 of the 1,584 ROME 4.0 cards; with the rules below, 1,010 get English names and
1,006 a description of the job.

The mapping's relations are not equally reliable: *exact* and *close* matches name the
card's job; *narrow* ones (the ESCO occupation is a specialism of the title) still do;
*broad* ones join a broad ESCO occupation to many narrower titles, some far off, so they
stay in the front matter's ``esco`` list, never among the card's names. And an ESCO occupation is
linked only to the cards of its strongest relation: "midwife" is an exact match of the
midwife's card and a close one of the health manager's, whose English names it would
otherwise share (and win "How do I become a midwife?" for it).

Cards created after the mapping (163 in ROME 4.0) get English names from the ESCO
occupations whose French preferred label is one of the card's own titles, exactly, and a
title of no other card (``label``). Measured on the cards the mapping does reach
(``bench/esco_labels.py``), 0.92 of such matches are links the mapping also makes; with
ESCO's alternative labels too, 0.79, so those are not used.
"""

import csv
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from advisor.errors import CorpusError
from advisor.text import fold_words, gender_forms
from advisor.vocabulary import ENGLISH_NAMES, IN_ENGLISH

ESCO_SOURCE = "ESCO, European Commission, v1.0.8 (© European Union)"
MAPPING_SOURCE = "France Travail, mapping ESCO - ROME V1.4"
OCCUPATION_FILES = {"en": "occupations_en.csv", "fr": "occupations_fr.csv"}
MAPPING_FILE = "FR_20230607_mapping_esco_rome.csv"
#: The mapping's relations, strongest first; ``label`` is a French-label match, not France Travail's.
RELATIONS = {
    "skos:exactMatch": "exact",
    "skos:closeMatch": "close",
    "skos:narrowMatch": "narrow",
    "skos:broadMatch": "broad",
}
STRENGTH = ("exact", "close", "narrow", "label", "broad")
#: Relations whose ESCO occupation names the card's job, and whose description says what it does.
NAMING = frozenset({"exact", "close", "narrow", "label"})
DESCRIBING = frozenset({"exact", "close", "label"})


@dataclass(frozen=True)
class Occupation:
    uri: str
    label: str  # English preferred label
    alt_labels: tuple[str, ...]
    description: str
    labels_fr: tuple[str, ...]  # the French preferred label, in its gender forms


@dataclass(frozen=True)
class Link:
    occupation: Occupation
    relation: str  # one of STRENGTH


@dataclass(frozen=True)
class English:
    """A card's ESCO links, strongest first."""

    links: tuple[Link, ...] = field(default_factory=tuple)

    @property
    def names(self) -> list[str]:
        """English names of the card's job: preferred labels first, then alternative ones.

        >>> job = Occupation("u", "plumber", ("pipe fitter", "Plumber"), "", ())
        >>> English((Link(job, "exact"),)).names
        ['plumber', 'pipe fitter']
        """
        naming = [link.occupation for link in self.links if link.relation in NAMING]
        labels = [job.label for job in naming] + [alt for job in naming for alt in job.alt_labels]
        return _unique(labels)

    @property
    def described(self) -> list[Occupation]:
        return [link.occupation for link in self.links if link.relation in DESCRIBING and link.occupation.description]


def _unique(labels: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    kept = []
    for label in labels:
        label = " ".join(label.split())
        if label and fold_words(label) not in seen:
            seen.add(fold_words(label))
            kept.append(label)
    return kept


def _lines(field_text: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in field_text.splitlines() if line.strip())


def read_occupations(esco_dir: Path) -> dict[str, Occupation]:
    """ESCO's occupations by concept URI, with their English and French labels."""
    rows = {}
    for language, name in OCCUPATION_FILES.items():
        path = Path(esco_dir) / name
        if not path.is_file():
            raise CorpusError(
                f"{esco_dir} lacks {name}: it must hold ESCO v1.0.8's occupations_en.csv and occupations_fr.csv"
            )
        with path.open(encoding="utf-8", newline="") as handle:
            rows[language] = {row["conceptUri"]: row for row in csv.DictReader(handle)}
    occupations = {}
    for uri, row in rows["en"].items():
        french = rows["fr"].get(uri, {}).get("preferredLabel", "").strip()
        occupations[uri] = Occupation(
            uri=uri,
            label=row["preferredLabel"].strip(),
            alt_labels=_lines(row["altLabels"]),
            description=" ".join(row["description"].split()),
            labels_fr=tuple(gender_forms(french)) if french else (),
        )
    return occupations


def read_mapping(path: Path) -> list[tuple[str, str, str]]:
    """France Travail's mapping as (ESCO URI, code_ogr, relation) rows; its header block is skipped."""
    if not Path(path).is_file():
        raise CorpusError(f"no ESCO-ROME mapping at {path}: pass the folder holding {MAPPING_FILE}")
    with Path(path).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    start = next((n for n, row in enumerate(rows) if row[:1] == ["classification 1 ID"]), None)
    if start is None:
        raise CorpusError(f"{path} has no 'classification 1 ID' header row: not France Travail's ESCO-ROME mapping")
    return [(row[0], row[2], RELATIONS[row[4]]) for row in rows[start + 1 :] if len(row) >= 5 and row[4] in RELATIONS]


def link_cards(
    occupations: dict[str, Occupation],
    mapping: list[tuple[str, str, str]],
    card_of_title: dict[str, str],
    french_names: dict[str, list[str]],
    titles: dict[str, str] | None = None,
) -> dict[str, English]:
    """Each card's ESCO links: ``card_of_title`` places a ``code_ogr`` on its card
    (``code_rome``); ``french_names`` holds every card's French titles, for the cards
    the mapping does not reach. The occupation whose French name is the card's
    ``titles`` comes first: the notary card's English starts with "notary", not with the
    "bankruptcy trustee" of one of its aliases."""
    best: dict[tuple[str, str], str] = {}
    for uri, ogr, relation in mapping:
        code = card_of_title.get(ogr)
        if code is None or uri not in occupations:
            continue
        key = (code, uri)
        if key not in best or STRENGTH.index(relation) < STRENGTH.index(best[key]):
            best[key] = relation
    strongest: dict[str, int] = {}
    for (_, uri), relation in best.items():
        strongest[uri] = min(strongest.get(uri, len(STRENGTH)), STRENGTH.index(relation))
    closest: dict[str, list[str]] = defaultdict(list)
    for (code, uri), relation in best.items():
        # An occupation names the cards it is most closely linked to: "midwife" is exact for
        # the midwife's card and only close for the health manager's, so it names the first.
        if STRENGTH.index(relation) == strongest[uri]:
            closest[uri].append(code)
    forms = {code: _forms(names) for code, names in french_names.items()}
    links: dict[str, list[Link]] = defaultdict(list)
    shared: dict[str, list[Link]] = defaultdict(list)
    for uri, codes in closest.items():
        # Among equally close cards, those that have the occupation's French name among
        # their titles: "graphic designer" (graphiste) names the card listing "Graphiste",
        # not the web designer's too, unless the web designer would have no English at all.
        french = {fold_words(label) for label in occupations[uri].labels_fr}
        titled = [code for code in codes if forms.get(code, set()) & french]
        for code in codes:
            (links if not titled or code in titled else shared)[code].append(Link(occupations[uri], best[(code, uri)]))
    for code, given in shared.items():
        if code not in links:
            links[code] = given
    matched = label_matches(occupations, {code: names for code, names in french_names.items() if code not in links})
    for code, uris in matched.items():
        links[code] = [Link(occupations[uri], "label") for uri in sorted(uris)]
    own = {code: _forms([title]) for code, title in (titles or {}).items()}

    def order(code: str, link: Link) -> tuple[bool, int, str]:
        named = bool(own.get(code, set()) & {fold_words(label) for label in link.occupation.labels_fr})
        return (not named, STRENGTH.index(link.relation), link.occupation.label)

    return {
        code: English(tuple(sorted(found, key=lambda link: order(code, link))))
        for code, found in links.items()
        if found
    }


def label_matches(occupations: dict[str, Occupation], french_names: dict[str, list[str]]) -> dict[str, set[str]]:
    """The ESCO occupations whose French preferred label is a title of the card and of no other.

    >>> job = Occupation("u", "plumber", (), "", ("plombier", "plombière"))
    >>> label_matches({"u": job}, {"F1603": ["Plombier / Plombière"], "X": ["Chef"], "Y": ["Chef"]})
    {'F1603': {'u'}, 'X': set(), 'Y': set()}
    """
    by_label: dict[str, set[str]] = defaultdict(set)
    for uri, occupation in occupations.items():
        for label in occupation.labels_fr:
            by_label[fold_words(label)].add(uri)
    forms = {code: _forms(names) for code, names in french_names.items()}
    cards_named: dict[str, set[str]] = defaultdict(set)
    for code, folded in forms.items():
        for name in folded:
            cards_named[name].add(code)
    return {
        code: {uri for name in folded if cards_named[name] == {code} for uri in by_label.get(name, ())}
        for code, folded in forms.items()
    }


def _forms(names: list[str]) -> set[str]:
    """The folded gender forms of a card's titles.

    >>> sorted(_forms(["Plombier / Plombière"]))
    ['plombier', 'plombiere']
    """
    return {fold_words(form) for name in names for form in gender_forms(name)}


def source(english: English) -> str:
    """Where a card's English comes from: ESCO, and France Travail's mapping unless only
    French labels linked it."""
    labelled = all(link.relation == "label" for link in english.links)
    return ESCO_SOURCE if labelled else f"{ESCO_SOURCE}; {MAPPING_SOURCE}"


def card_fields(english: English) -> dict[str, object]:
    """The front matter a card gets from its ESCO links (names, and where each came from)."""
    return {
        "names_en": english.names,
        "esco": [
            {"uri": link.occupation.uri, "label": link.occupation.label, "relation": link.relation}
            for link in english.links
        ],
        "source_en": source(english),
    }


def card_sections(english: English) -> list[str]:
    """The card's English sections, as Markdown lines: its English names, then what ESCO says it does.

    >>> job = Occupation("u", "plumber", ("pipe fitter",), "Plumbers install pipes.", ())
    >>> print("\\n".join(card_sections(English((Link(job, "exact"),)))))
    ## English names
    <BLANKLINE>
    - plumber
    - pipe fitter
    <BLANKLINE>
    ## In English
    <BLANKLINE>
    ### Plumber
    <BLANKLINE>
    Plumbers install pipes.
    <BLANKLINE>
    Source: ESCO, European Commission, v1.0.8 (© European Union); France Travail, mapping ESCO - ROME V1.4.
    <BLANKLINE>
    """
    lines = [f"## {ENGLISH_NAMES}", "", *(f"- {name}" for name in english.names), ""] if english.names else []
    described = english.described
    if described:
        lines += [f"## {IN_ENGLISH}", ""]
        for occupation in described:
            lines += [f"### {occupation.label[:1].upper()}{occupation.label[1:]}", "", occupation.description, ""]
        lines += [f"Source: {source(english)}.", ""]
    return lines
