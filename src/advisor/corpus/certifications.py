"""The certifications that lead to each job, from Certif Info, with the routes open to them
and InserJeunes' share of leavers in work. Pure reading and matching:
:mod:`advisor.corpus.figure_sections` writes them into the cards.

Certif Info files a certification under up to five ROME v3 codes, and ROME 4.0 split many
v3 jobs into several cards that share that code as their ``code_rome_parent``. A family's
certifications are shared out by :func:`fitting`: each goes to the card(s) whose names share
most words with its title ("Diplôme d'État d'infirmier de bloc opératoire" to the
operating-room nurse, not the family's every nurse), and one that shares no word with any
of them stays with the family's own card (the one whose code is the v3 code) only.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from advisor.corpus.data_tables import rows
from advisor.errors import CorpusError
from advisor.text import fold

__all__ = [
    "CERTIF_DIR",
    "INSERJEUNES_DIR",
    "Certification",
    "Certifications",
    "Employment",
    "fitting",
    "read_certifications",
]

CERTIF_DIR = "certif-info"
INSERJEUNES_DIR = "inserjeunes"
#: Certif Info's states kept: certifications in force ("formations préparatoires et non
#: certifiantes" lead to no certification; "habilitations" carry no ROME code).
IN_FORCE = "Publié"
#: A certification whose last session came before this year is no longer delivered.
CURRENT_YEAR = 2024
#: The routes, as Certif Info's columns name them (1 = open), with (French, English) names.
ROUTES = (
    ("accessibilite_fi", "formation initiale", "initial training"),
    ("accessibilite_ca", "apprentissage", "apprenticeship"),
    ("accessibilite_cp", "contrat de professionnalisation", "professionalisation contract"),
    ("accessibilite_fc", "formation continue", "continuing education"),
    ("accessibilite_vae", "VAE", "VAE (validation of experience)"),
)
#: InserJeunes' routes, as its ``voie`` column names them, with (French, English) names.
IJ_ROUTES = {"apprentissage": ("apprentis", "apprentices"), "scolaire": ("élèves", "students")}
#: Certif Info files a certification under up to five ROME codes, the closest first; from
#: the third on they are broad (on 100 hand-labelled card-certification pairs, 12 of the 36
#: filed there fitted the card): a certification counts for its first two codes only.
FILED_CODES = 2
#: A word in the names of more cards than this ("responsable", "agent", "technicien",
#: "ingénieurs") tells no job from another: it fits no certification to a card.
COMMON_STEM_CARDS = 60
#: Below this many leavers a share in work says little: not quoted.
MIN_LEAVERS = 20
#: Words of certification titles that name no job: they share nothing with a card.
_NOT_JOB_TEXT = """diplome certificat certification titre professionnel professionnelle professionnelles bts bac pro cap
    master licence mention complementaire specialite option options parcours niveau etat national nationale
    superieur superieure brevet specialisation cqp qualification qualifie qualifiee technique techniques
    metier metiers metiers universitaire universite ecole mastere bachelor but dut dnsp deust ingenieur
    grade formation general generale et des les aux une pour dans avec sur par"""
_NOT_JOB_WORDS = frozenset(_NOT_JOB_TEXT.split())
_STEM = 5


@dataclass(frozen=True)
class Employment:
    """InserJeunes: leavers of one route, and the share of them in work 6 months after."""

    route: str  # a key of IJ_ROUTES
    leavers: int
    rate: int  # percent in salaried work 6 months after leaving
    cohort: str  # "2022-2023": the two years of leavers pooled


@dataclass(frozen=True)
class Certification:
    title: str
    kind: str  # "Certificat d'aptitude professionnelle", "Titre professionnel (TP de niveau 4)", ...
    level: int  # European level 3 (CAP) .. 8 (doctorate), 0 where not given
    rncp: str
    certifier: str
    routes: tuple[str, ...]  # the open ones, as ROUTES' column names
    romes: tuple[str, ...]  # its ROME v3 codes
    employment: tuple[Employment, ...] = ()


@dataclass(frozen=True)
class Certifications:
    """Every certification in force, by ROME v3 code."""

    of_rome: Mapping[str, tuple[Certification, ...]]


def _int(value: str, path: Path) -> int:
    try:
        return int(value) if value.strip() else 0
    except ValueError:
        raise CorpusError(f"{path}: '{value}' is not a whole number; restore the file from its source.") from None


def _employment(path: Path) -> dict[str, tuple[Employment, ...]]:
    """Per diploma code (CFD), each route's leavers and share in work at 6 months, the
    latest cohort, the regions added up."""
    found_rows = rows(path, ("millesime", "voie", "cfd", "nb_sortant", "nb_en_emploi_6_mois"), "utf-8-sig")
    latest = max((row["millesime"] for row in found_rows), default="")
    leavers: dict[tuple[str, str], int] = defaultdict(int)
    working: dict[tuple[str, str], int] = defaultdict(int)
    for row in found_rows:
        if row["millesime"] == latest and row["cfd"] and row["voie"] in IJ_ROUTES:
            key = (row["cfd"], row["voie"])
            leavers[key] += _int(row["nb_sortant"], path)
            working[key] += _int(row["nb_en_emploi_6_mois"], path)
    found: dict[str, list[Employment]] = defaultdict(list)
    for (cfd, route), count in sorted(leavers.items()):
        if count >= MIN_LEAVERS:
            found[cfd].append(
                Employment(route, count, round(100 * working[cfd, route] / count), latest.replace("_", "-"))
            )
    return {cfd: tuple(items) for cfd, items in found.items()}


def read_certifications(data_dir: Path) -> Certifications:
    """The certifications in force of ``data_dir`` (the folder holding :data:`CERTIF_DIR`
    and :data:`INSERJEUNES_DIR`), each once per ROME v3 code it names."""
    path = Path(data_dir) / CERTIF_DIR / "certif_info.csv"
    romes = tuple(f"Code_Rome_{n}" for n in range(1, 6))
    columns = (
        "Libelle_Diplome",
        "Libelle_Type_Diplome",
        "Code_Niveau_Europeen",
        "Code_RNCP",
        "certificateur",
        "Etat_Libelle",
        "Annee_Derniere_Session",
        "Code_Scolarité",
        *romes,
        *(route for route, _, _ in ROUTES),
    )
    employment = _employment(Path(data_dir) / INSERJEUNES_DIR / "ij_region_data.csv")
    of_rome: dict[str, dict[tuple[str, str], Certification]] = defaultdict(dict)
    for row in rows(path, columns):
        last = _int(row["Annee_Derniere_Session"], path)
        if row["Etat_Libelle"] != IN_FORCE or (last and last < CURRENT_YEAR):
            continue
        codes = tuple(dict.fromkeys(row[column] for column in romes if row[column]))
        certification = Certification(
            title=row["Libelle_Diplome"].strip(),
            kind=row["Libelle_Type_Diplome"].strip(),
            level=_int(row["Code_Niveau_Europeen"], path),
            rncp=row["Code_RNCP"].strip(),
            certifier=row["certificateur"].strip(),
            routes=tuple(route for route, _, _ in ROUTES if row[route] == "1"),
            romes=codes,
            employment=employment.get(row["Code_Scolarité"], ()),
        )
        for code in codes[:FILED_CODES]:
            # The same certification filed twice (two states, two codes) is kept once.
            of_rome[code].setdefault((certification.title.lower(), certification.rncp), certification)
    return Certifications({code: tuple(found.values()) for code, found in of_rome.items()})


def stems(text: str) -> frozenset[str]:
    """The words of a name that can name a job, cut to their first letters.

    >>> sorted(stems("Diplôme d'État d'infirmier de bloc opératoire"))
    ['bloc', 'infir', 'opera']
    """
    words = re.findall(r"[a-z]+", fold(text))
    return frozenset(word[:_STEM] for word in words if len(word) > 2 and word not in _NOT_JOB_WORDS)


def common_stems(names: Iterable[frozenset[str]]) -> frozenset[str]:
    """The stems found in the names of more than :data:`COMMON_STEM_CARDS` cards.

    >>> sorted(common_stems([frozenset({"respo", "boula"})] * 61 + [frozenset({"boula"})]))
    ['boula', 'respo']
    """
    counts = Counter(stem for card in names for stem in card)
    return frozenset(stem for stem, count in counts.items() if count > COMMON_STEM_CARDS)


def fitting(
    certifications: Iterable[Certification], card: str, family: Mapping[str, frozenset[str]], own_card: str
) -> list[tuple[int, Certification]]:
    """The certifications of a family that fit ``card``, each with the number of words its
    title shares with the card's names; ``family`` holds each card of the family with the
    stems of its names (:func:`stems` of its title and aliases), ``own_card`` the card whose
    code is the family's v3 code ("" when ROME 4.0 kept none).

    >>> nurse = Certification("Diplôme d'État d'infirmier", "DE", 6, "", "", (), ("J1506",))
    >>> block = Certification("Diplôme d'État d'infirmier de bloc opératoire", "DE", 7, "", "", (), ("J1506",))
    >>> family = {"J1506": stems("Infirmier / Infirmière"), "J1509": stems("Infirmier / Infirmière de bloc opératoire")}
    >>> [c.title for _, c in fitting([nurse, block], "J1506", family, "J1506")]
    ["Diplôme d'État d'infirmier"]
    >>> [c.title for _, c in fitting([nurse, block], "J1509", family, "J1506")]
    ["Diplôme d'État d'infirmier", "Diplôme d'État d'infirmier de bloc opératoire"]
    """
    kept = []
    for certification in certifications:
        title = stems(certification.title)
        shared = {code: len(title & names) for code, names in family.items()}
        best = max(shared.values(), default=0)
        if (best and shared.get(card) == best) or (not best and card == own_card):
            kept.append((best, certification))
    return kept
