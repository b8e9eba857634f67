"""The certifications that lead to each job, from Certif Info, with the routes open to them
and InserJeunes' share of leavers in work. Pure reading and matching:
:mod:`advisor.corpus.figure_sections` writes them into the cards.

A card lists the certifications that two sources agree on: its own ROME 4.0 list names
them ("Diplômes et certifications", France Travail's list for that card) and Certif Info
files them under the card's ROME v3 code (:meth:`Certifications.named`); Certif Info, found
by the same title, tells their type, level, RNCP codes, certifiers and routes. Either
source alone lists too broadly: Certif Info's filing (a code shared by every card split
from it, neighbouring trades, generic degrees) fitted 0.56 of 100 hand-checked held-out
pairs, the card's list alone 0.82, both together 0.87 (``eval/certification_pairs_final.yaml``).
"""

from __future__ import annotations

import re
from collections import defaultdict
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
    "merged",
    "read_certifications",
    "title_key",
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
#: Below this many leavers a share in work says little: not quoted.
MIN_LEAVERS = 20


@dataclass(frozen=True)
class Employment:
    """InserJeunes: leavers of one route, and the share of them in work 6 months after."""

    route: str  # a key of IJ_ROUTES
    leavers: int
    rate: int  # percent in salaried work 6 months after leaving
    cohort: str  # "2022-2023": the two years of leavers pooled


@dataclass(frozen=True)
class Certification:
    """One certification, or several of one title and level delivered by different
    certifiers (Certif Info holds four "Cuisinier" titles of level 3 and 4)."""

    title: str
    kind: str  # "Certificat d'aptitude professionnelle", "Titre professionnel (TP de niveau 4)", ...
    level: int  # European level 3 (CAP) .. 8 (doctorate), 0 where not given
    rncp: tuple[str, ...]  # its RNCP codes, none where it has none
    certifiers: tuple[str, ...]
    routes: tuple[str, ...]  # the open ones, as ROUTES' column names
    romes: tuple[str, ...]  # its ROME v3 codes
    employment: tuple[Employment, ...] = ()


@dataclass(frozen=True)
class Certifications:
    """Every certification in force, by its title as :func:`title_key` folds it."""

    of_title: Mapping[str, tuple[Certification, ...]]

    def named(self, titles: Iterable[str], parent: str) -> tuple[Certification, ...]:
        """The certifications in force among ``titles`` (a card's "Diplômes et
        certifications") that Certif Info also files under the card's ROME v3 code
        ``parent``, in their order; several of one title are one per level.

        >>> cap = Certification("CAP boulanger", "CAP", 3, ("37146",), (), (), ("D1102",))
        >>> old = Certification("CAP boulanger", "CAP", 3, ("31000",), (), (), ("G1602",))
        >>> found = Certifications({title_key("CAP boulanger"): (cap, old)})
        >>> [c.rncp for c in found.named(["CAP Boulanger", "Boulanger (BM)"], "D1102")]
        [('37146',)]
        """
        found: list[Certification] = []
        for key in dict.fromkeys(title_key(title) for title in titles):
            levels: dict[int, list[Certification]] = defaultdict(list)
            for cert in self.of_title.get(key, ()):
                if parent in cert.romes:
                    levels[cert.level].append(cert)
            found += [merged(same) for _, same in sorted(levels.items())]
        return tuple(found)


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
    and :data:`INSERJEUNES_DIR`), by title."""
    path = Path(data_dir) / CERTIF_DIR / "certif_info.csv"
    romes = tuple(f"Code_Rome_{n}" for n in range(1, 6))
    columns = (
        "Code_Diplome",
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
    of_title: dict[str, dict[str, Certification]] = defaultdict(dict)
    for row in rows(path, columns):
        last = _int(row["Annee_Derniere_Session"], path)
        if row["Etat_Libelle"] != IN_FORCE or (last and last < CURRENT_YEAR):
            continue
        rncp = row["Code_RNCP"].strip()
        certification = Certification(
            title=row["Libelle_Diplome"].strip(),
            kind=row["Libelle_Type_Diplome"].strip(),
            level=_int(row["Code_Niveau_Europeen"], path),
            rncp=(rncp,) if rncp else (),
            certifiers=_certifiers(row["certificateur"]),
            routes=tuple(route for route, _, _ in ROUTES if row[route] == "1"),
            romes=tuple(dict.fromkeys(row[column] for column in romes if row[column])),
            employment=employment.get(row["Code_Scolarité"], ()),
        )
        # The same certification filed twice (two rows, one RNCP code) is kept once.
        of_title[title_key(certification.title)].setdefault(rncp or row["Code_Diplome"], certification)
    return Certifications({key: tuple(found.values()) for key, found in of_title.items()})


def title_key(title: str) -> str:
    """A title as ROME and Certif Info both write it, whatever their accents and spacing.

    >>> title_key("Diplôme d'État d'infirmier(ière)") == title_key("Diplôme d'Etat d'infirmier (ière)")
    True
    """
    return " ".join(re.findall(r"[a-z0-9]+", fold(title)))


def _certifiers(text: str) -> tuple[str, ...]:
    """Certif Info joins several certifiers with a bare comma; one's name holds ", ".

    >>> _certifiers("ministère de l'enseignement supérieur,Ministère du travail, de la santé")
    ("ministère de l'enseignement supérieur", 'Ministère du travail, de la santé')
    """
    return tuple(name.strip() for name in re.split(r",(?=\S)", text) if name.strip())


def merged(same: list[Certification]) -> Certification:
    """One certification for several of one title and level: their RNCP codes, certifiers
    and routes together, the first one's type, codes and InserJeunes shares.

    >>> a = Certification("Cuisinier", "TP", 3, ("35571",), ("Ministère des armées",), ("accessibilite_fc",), ("G1602",))
    >>> b = Certification("Cuisinier", "TP", 3, ("37447",), ("Ministère du travail",), ("accessibilite_ca",), ("G1602",))
    >>> m = merged([a, b])
    >>> m.rncp, m.certifiers, m.routes
    (('35571', '37447'), ('Ministère des armées', 'Ministère du travail'), ('accessibilite_ca', 'accessibilite_fc'))
    """
    first = same[0]
    every = {route for cert in same for route in cert.routes}
    return Certification(
        title=first.title,
        kind=first.kind,
        level=first.level,
        rncp=tuple(dict.fromkeys(code for cert in same for code in cert.rncp)),
        certifiers=tuple(dict.fromkeys(name for cert in same for name in cert.certifiers)),
        routes=tuple(route for route, _, _ in ROUTES if route in every),
        romes=first.romes,
        employment=first.employment,
    )
