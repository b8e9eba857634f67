"""The key figures of each job family, read from DARES's open data and the 2024 shortage
list: pay median and bands, recruitment difficulty and its factors, the regions where the
family is short of workers. Pure reading: :mod:`advisor.corpus.figure_sections` writes them
into the cards.

DARES counts jobs by family (FAP 2009, 225 families), not by ROME card; its own table
joins each family to the ROME v3 codes it covers, and a card reaches a family through its
ROME v3 code (``code_rome_parent``). Each file is checked as it is read: a missing file or
column raises :class:`~advisor.errors.CorpusError` naming it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from advisor.corpus.data_tables import rows
from advisor.errors import CorpusError

__all__ = ["DARES_DIR", "SHORTAGE_DIR", "Family", "FamilyFigures", "read_families"]

DARES_DIR = "dares-portraits-metiers"
SHORTAGE_DIR = "metiers-en-tension-2024"
PAY_PERIOD = "2017-2019"
PAST_PAY_PERIOD = "2003-2005"
TENSION_YEAR = "2019"
NATIONWIDE = "France Entière"

#: DARES's pay bands, lowest first, as (French, English) labels. The file's labels of the
#: two top bands are swapped (truck drivers, median 1,903 €: 41 % "3000 € ou plus" and only
#: 4 % "2000 à 3000 €"); :func:`_bands` reads them in the order that fits the medians
#: (measured: with the swap the median falls in the band holding the 50th percentile for
#: every family with a median, without it for under half of them).
BANDS = (
    ("moins de 1 250 €", "under €1,250"),
    ("de 1 250 à 1 500 €", "€1,250 to €1,500"),
    ("de 1 500 à 2 000 €", "€1,500 to €2,000"),
    ("de 2 000 à 3 000 €", "€2,000 to €3,000"),
    ("3 000 € ou plus", "€3,000 or more"),
)
_BAND_OF_FILE_LABEL = {
    "Moins de 1250 €": 0,
    "De 1250 € à moins de 1500 €": 1,
    "De 1500 € à moins de 2000 €": 2,
    "De 2000 € à moins de 3000 €": 4,  # swapped in the file: see BANDS
    "3000 € ou plus": 3,
}
#: The tension file's six factors, as its columns name them, with (French, English) names.
FACTORS = (
    ("Intensité d'embauches", "intensité des embauches", "hiring intensity"),
    ("Lien formation-emploi", "lien étroit entre formation et métier", "close link between training and job"),
    ("Manque de main-d'œuvre disponible", "manque de main-d'œuvre disponible", "lack of available workers"),
    ("Non-durabilité de l'emploi", "emplois peu durables", "non-lasting jobs"),
    ("Conditions de travail contraignantes", "conditions de travail contraignantes", "demanding working conditions"),
    ("Inadéquation géographique", "inadéquation géographique", "geographic mismatch"),
)


#: PCS occupations of the self-employed and employers: they name no salaried job.
_EMPLOYERS = re.compile(
    r"\bde 0 à 9 salariés|\b10 salariés ou plus|\blibéraux\b|\bchefs? d'entreprise|\bindépendants?\b"
)
_NAMING_OCCUPATIONS = 3
_NAME_CHARS = 100


@dataclass(frozen=True)
class Family:
    """One job family (FAP 2009) and its figures; any may be absent (0, empty)."""

    code: str  # "S0Z42"
    label: str  # its name on the 2024 shortage list, "" where the list does not name it
    rome_names: tuple[str, ...]  # the ROME v3 jobs DARES puts in it, as DARES names them
    pay: int = 0  # median net monthly pay of full-time employees, € (PAY_PERIOD)
    past_pay: int = 0  # the same, PAST_PAY_PERIOD
    employees: float = 0.0  # thousands of full-time employees the bands count
    bands: tuple[float, ...] = ()  # share of them in each of BANDS, percent
    tension: int = 0  # recruitment difficulty 2019, class 1 (very low) to 5 (very high)
    factors: tuple[int, ...] = ()  # class 1-5 of each of FACTORS
    jobs: int = 0  # average employment the tension file gives
    shortage: tuple[str, ...] = ()  # regions of the 2024 list, NATIONWIDE first
    occupations: tuple[str, ...] = ()  # its occupations (PCS), as DARES names them

    @property
    def name(self) -> str:
        """The shortage list's name of the family, else its first salaried occupations (its
        first occupations where all are self-employed or employers).

        >>> Family("S0Z20", "", (), occupations=("Apprentis boulangers, bouchers, charcutiers",)).name
        'Apprentis boulangers, bouchers, charcutiers'
        """
        if self.label:
            return self.label
        salaried = [name for name in self.occupations if not _EMPLOYERS.search(name)] or list(self.occupations)
        named = salaried[:1]
        for occupation in salaried[1:_NAMING_OCCUPATIONS]:
            if len(" ; ".join([*named, occupation])) > _NAME_CHARS:
                break  # a line quoting the name must keep its figure and source within an answer's line
            named.append(occupation)
        return " ; ".join(named)


@dataclass(frozen=True)
class FamilyFigures:
    """Every family, and the families of each ROME v3 code."""

    families: dict[str, Family]
    of_rome: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def for_rome(self, code: str) -> tuple[Family, ...]:
        return tuple(self.families[fap] for fap in self.of_rome.get(code, ()))


def _number(value: str, path: Path) -> float:
    try:
        return float(value)
    except ValueError:
        raise CorpusError(f"{path}: '{value}' is not a number; restore the file from its source.") from None


def _class(value: str, path: Path) -> int:
    return int(_number(value, path)) if value.strip() not in ("", "NA") else 0


def _bands(rows: list[dict[str, str]], path: Path) -> dict[str, tuple[float, tuple[float, ...]]]:
    """Per family, its employees (thousands) and the share in each band, in BANDS' order."""
    shares: dict[str, list[float]] = defaultdict(lambda: [0.0] * len(BANDS))
    employees: dict[str, float] = defaultdict(float)
    unknown: set[str] = set()  # families with a band DARES did not publish ("NA"): no bands shown
    for row in rows:
        band = _BAND_OF_FILE_LABEL.get(row["Salaire"])
        if band is None:
            raise CorpusError(f"{path}: unknown pay band '{row['Salaire']}'; restore the file from its source.")
        if "NA" in (row["Pourcentage"], row["Milliers"]):
            unknown.add(row["Fap"])
            continue
        shares[row["Fap"]][band] = _number(row["Pourcentage"], path)
        employees[row["Fap"]] += _number(row["Milliers"], path)
    return {fap: (employees[fap], tuple(values)) for fap, values in shares.items() if fap not in unknown}


def read_families(data_dir: Path) -> FamilyFigures:
    """The families of ``data_dir`` (the folder holding :data:`DARES_DIR` and
    :data:`SHORTAGE_DIR`), keyed by FAP code, with the ROME v3 codes they cover."""
    dares, shortage_dir = Path(data_dir) / DARES_DIR, Path(data_dir) / SHORTAGE_DIR
    medians_path, bands_path = dares / "salaire_median_3niv.csv", dares / "salaires_3niv.csv"
    rome_path, tension_path = dares / "fap225_rome.csv", dares / "tensions.csv"
    pcs_path = dares / "FAP_PCS.csv"
    shortage_path = shortage_dir / "metiers_en_tension_mars_2024.csv"
    pay: dict[tuple[str, str], int] = {}
    for row in rows(medians_path, ("Fap3", "Annee", "Salaire_median"), "cp1252", ","):
        if len(row["Fap3"]) == 5 and row["Salaire_median"] not in ("", "NA"):
            pay[row["Fap3"], row["Annee"]] = round(_number(row["Salaire_median"], medians_path))
    bands = _bands(rows(bands_path, ("Fap", "Salaire", "Milliers", "Pourcentage"), "cp1252", ","), bands_path)
    names: dict[str, list[str]] = defaultdict(list)
    of_rome: dict[str, list[str]] = defaultdict(list)
    for row in rows(rome_path, ("Fap", "Rome", "intitule_rome"), "cp1252", ";"):
        if row["Rome"] not in ("", "NA"):
            names[row["Fap"]].append(row["intitule_rome"])
            of_rome[row["Rome"]].append(row["Fap"])
    occupations: dict[str, list[str]] = defaultdict(list)
    for row in rows(pcs_path, ("Fap", "intitule_PCS"), "cp1252", ";"):
        occupations[row["Fap"]].append(row["intitule_PCS"])
    tensions: dict[str, dict[str, str]] = {}
    factor_columns = [column for column, _, _ in FACTORS]
    for row in rows(
        tension_path,
        ("fap", "Catégorie Tension", "Emploi moyen", "Année", "niveau_geo", "niveau_fap", *factor_columns),
        "utf-8",
        ",",
    ):
        if row["niveau_geo"] == "nat" and row["niveau_fap"] == "fap 225" and row["Année"] == TENSION_YEAR:
            tensions[row["fap"]] = row
    labels: dict[str, str] = {}
    regions: dict[str, list[str]] = defaultdict(list)
    for row in rows(shortage_path, ("Region", "Famille Professionnelle", "Code FAP"), "utf-8", ","):
        # The list writes "Plombiers; chauffagistes" where DARES writes a comma.
        labels[row["Code FAP"]] = row["Famille Professionnelle"].replace("; ", ", ")
        regions[row["Code FAP"]].append(row["Region"])
    families = {}
    for code in sorted(set(names) | {fap for fap, _ in pay} | set(tensions)):
        tension = tensions.get(code)
        employees, shares = bands.get(code, (0.0, ()))
        where = sorted(set(regions.get(code, ())), key=lambda region: (region != NATIONWIDE, region))
        families[code] = Family(
            code=code,
            label=labels.get(code, ""),
            rome_names=tuple(dict.fromkeys(names.get(code, ()))),
            pay=pay.get((code, PAY_PERIOD), 0),
            past_pay=pay.get((code, PAST_PAY_PERIOD), 0),
            employees=employees,
            bands=shares,
            tension=_class(tension["Catégorie Tension"], tension_path) if tension else 0,
            factors=tuple(_class(tension[column], tension_path) for column in factor_columns) if tension else (),
            jobs=round(_number(tension["Emploi moyen"], tension_path)) if tension else 0,
            shortage=tuple(where),
            occupations=tuple(occupations.get(code, ())),
        )
    return FamilyFigures(families, {code: tuple(faps) for code, faps in of_rome.items()})
