"""A card's key figures as front-matter fields and Markdown sections: the pay of its job
family, how hard that family is to recruit for, the shortage list, and the certifications
that lead to the job with their routes. Pure: :mod:`advisor.corpus.rome_cards` reads the
data (:mod:`advisor.corpus.family_figures`, :mod:`advisor.corpus.certifications`) and
calls :func:`card_figures`, then writes what this module renders.

Every line names its source and year in parentheses, so that a line quoted on its own in
an answer is still cited and dated.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from advisor.corpus.certification_lines import certification_lines
from advisor.corpus.certifications import Certification
from advisor.corpus.family_figures import (
    BANDS,
    FACTORS,
    NATIONWIDE,
    PAST_PAY_PERIOD,
    PAY_PERIOD,
    TENSION_YEAR,
    Family,
)
from advisor.corpus.numbers import euros
from advisor.vocabulary import CERTIFICATIONS, CERTIFICATIONS_EN, HIRING, HIRING_EN, PAY, PAY_EN

__all__ = ["MAX_CERTIFICATIONS", "CardFigures", "card_figures", "figure_front", "figure_sections", "primary_first"]

DARES = "Dares, Portraits statistiques des métiers"
SHORTAGE_LIST = "liste des métiers en tension (2024)"
SHORTAGE_LIST_EN = "2024 shortage occupation list"
#: The most certifications a card lists, the others counted.
MAX_CERTIFICATIONS = 12
#: Below this many thousand employees, DARES's band shares rest on too few people to show.
MIN_BAND_EMPLOYEES = 10.0
#: A factor of this class or more drives the difficulty (DARES's scale is quintiles, 1-5).
DRIVING_FACTOR = 4
DIFFICULTY = {
    1: ("très faible", "very low"),
    2: ("faible", "low"),
    3: ("moyenne", "average"),
    4: ("forte", "high"),
    5: ("très forte", "very high"),
}


@dataclass(frozen=True)
class CardFigures:
    """What the data says about one card: its families (the one the card's figures are
    taken from first), its certifications (lowest level first), and how it reaches them."""

    parent: str  # its ROME v3 code
    inherited: bool  # reached through a parent code that is not its own
    families: tuple[Family, ...] = ()
    certifications: tuple[Certification, ...] = ()
    more_certifications: int = 0  # named by the card, left out of the list


def primary_first(families: Iterable[Family], codes_of: Mapping[str, int]) -> tuple[Family, ...]:
    """The families of a ROME v3 code, the one a card's figures are taken from first: the
    most specific (the one covering the fewest ROME v3 codes, ``codes_of``), then the
    larger. A baker (D1102) is in the skilled bakers' family (2 codes) before the unskilled
    food workers' one (4 codes).

    >>> skilled, unskilled = Family("S0Z42", "", (), employees=72.0), Family("S0Z20", "", (), employees=32.7)
    >>> [f.code for f in primary_first([unskilled, skilled], {"S0Z42": 2, "S0Z20": 4})]
    ['S0Z42', 'S0Z20']
    """
    return tuple(sorted(families, key=lambda family: (codes_of.get(family.code, 0), -family.employees, family.code)))


def card_figures(
    card: str, parent: str, families: tuple[Family, ...], certifications: Iterable[Certification]
) -> CardFigures:
    """The figures of ``card`` (ROME v3 code ``parent``): its parent's families (primary
    first) and the certifications the card names
    (:meth:`~advisor.corpus.certifications.Certifications.named`), the first
    :data:`MAX_CERTIFICATIONS` listed, lowest level first."""
    every = sorted(certifications, key=lambda cert: (cert.level or 99, cert.title, cert.rncp))
    listed = tuple(every[:MAX_CERTIFICATIONS])
    return CardFigures(parent, card != parent, families, listed, len(every) - len(listed))


def _pay_family(figures: CardFigures) -> Family | None:
    return next((family for family in figures.families if family.pay), None)


def _tension_family(figures: CardFigures) -> Family | None:
    return next((family for family in figures.families if family.tension), None)


def figure_front(figures: CardFigures) -> dict[str, Any]:
    """The figures' front-matter fields, for filters and sorting; absent ones left out.

    >>> nurse = Family("V1Z80", "Infirmiers", (), pay=2025, tension=4, shortage=("France Entière",))
    >>> figure_front(CardFigures("J1506", False, (nurse,)))
    {'pay_median': 2025, 'pay_period': '2017-2019', 'pay_family': 'V1Z80', 'difficulty': 4, 'difficulty_year': '2019', 'shortage_2024': ['France Entière']}
    """
    front: dict[str, Any] = {}
    pay, tension = _pay_family(figures), _tension_family(figures)
    if pay:
        front.update(pay_median=pay.pay, pay_period=PAY_PERIOD, pay_family=pay.code)
    if tension:
        front.update(difficulty=tension.tension, difficulty_year=TENSION_YEAR)
    if figures.families and figures.families[0].shortage:
        front["shortage_2024"] = list(figures.families[0].shortage)
    if figures.certifications:
        front["apprenticeship"] = any("accessibilite_ca" in cert.routes for cert in figures.certifications)
    return front


def _whose(family: Family) -> tuple[str, str]:
    """Whose figures these are, in French and English."""
    fr = f"la famille de métiers « {family.name} » ({family.code})"
    en = f"the job family \u201c{family.name}\u201d ({family.code})"
    return fr, en


def _pay_lines(figures: CardFigures) -> tuple[list[str], list[str]]:
    fr: list[str] = []
    en: list[str] = []
    for family in (f for f in figures.families if f.pay):
        whose_fr, whose_en = _whose(family)
        fr.append(
            f"Salaire médian de {whose_fr} : {euros(family.pay)} net par mois à temps plein ({DARES}, {PAY_PERIOD})."
        )
        en.append(f"Median pay in {whose_en}: {euros(family.pay)} net a month, full time ({DARES}, {PAY_PERIOD}).")
        if family.past_pay:
            fr.append(
                f"Le salaire médian de {family.code} était de {euros(family.past_pay)} en {PAST_PAY_PERIOD}, "
                f"en euros de l'époque ({DARES})."
            )
            en.append(
                f"{family.code}'s median was {euros(family.past_pay)} in {PAST_PAY_PERIOD}, in euros of the time ({DARES})."
            )
        if family.bands and family.employees >= MIN_BAND_EMPLOYEES:
            shares_fr = " ; ".join(
                f"{label} : {share:.0f} %" for (label, _), share in zip(BANDS, family.bands, strict=True)
            )
            shares_en = "; ".join(
                f"{label}: {share:.0f}%" for (_, label), share in zip(BANDS, family.bands, strict=True)
            )
            fr.append(
                f"Part des salariés à temps plein de {family.code} par salaire net mensuel : {shares_fr} ({DARES}, {PAY_PERIOD})."
            )
            en.append(
                f"Share of {family.code}'s full-time employees by net monthly pay: {shares_en} ({DARES}, {PAY_PERIOD})."
            )
    if fr:
        fr.append(_scope_fr(figures))
        en.append(_scope_en(figures))
    return fr, en


def _scope_fr(figures: CardFigures, pay: bool = True) -> str:
    through = f", à laquelle ce métier est rattaché par son code ROME v3 {figures.parent}" if figures.inherited else ""
    whom = " ; salaires des salariés à temps plein, hors apprentis et stagiaires" if pay else ""
    return f"Ces chiffres sont ceux de toute la famille de métiers{through}, pas de ce seul métier{whom} ({DARES})."


def _scope_en(figures: CardFigures, pay: bool = True) -> str:
    through = f", which this job joins through its ROME v3 code {figures.parent}" if figures.inherited else ""
    whom = "; pay of full-time employees, apprentices and interns excluded" if pay else ""
    return f"These figures are the whole job family's{through}, not this job's alone{whom} ({DARES})."


def _regions(family: Family) -> tuple[str, str]:
    if not family.shortage:
        return (
            f"La famille {family.code} ne figure pas sur la {SHORTAGE_LIST}.",
            f"The family {family.code} is not on the {SHORTAGE_LIST_EN}.",
        )
    if family.shortage[0] == NATIONWIDE:
        return (
            f"La famille {family.code} figure sur la {SHORTAGE_LIST} pour la France entière.",
            f"The family {family.code} is on the {SHORTAGE_LIST_EN} for the whole of France.",
        )
    regions = ", ".join(family.shortage)
    return (
        f"La famille {family.code} figure sur la {SHORTAGE_LIST} dans ces régions : {regions}.",
        f"The family {family.code} is on the {SHORTAGE_LIST_EN} in these regions: {regions}.",
    )


def _hiring_lines(figures: CardFigures) -> tuple[list[str], list[str]]:
    family = _tension_family(figures)
    fr: list[str] = []
    en: list[str] = []
    if family:
        word_fr, word_en = DIFFICULTY[family.tension]
        whose_fr, whose_en = _whose(family)
        fr.append(
            f"Difficulté de recrutement {word_fr} ({family.tension} sur 5) pour {whose_fr} "
            f"(Dares / Pôle emploi, indicateur de tension {TENSION_YEAR})."
        )
        en.append(
            f"Recruitment difficulty {word_en} ({family.tension} out of 5) for {whose_en} "
            f"(Dares / Pôle emploi, tension indicator {TENSION_YEAR})."
        )
        driving = [names for names, level in zip(FACTORS, family.factors, strict=True) if level >= DRIVING_FACTOR]
        if driving:
            fr.append(
                f"Ce qui l'explique surtout : {', '.join(fr_name for _, fr_name, _ in driving)} (Dares, {TENSION_YEAR})."
            )
            en.append(f"Mainly driven by: {', '.join(en_name for _, _, en_name in driving)} (Dares, {TENSION_YEAR}).")
        if family.factors:
            pairs = list(zip(FACTORS, family.factors, strict=True))
            fr.append(
                "Facteurs de la difficulté, de 1 (faible) à 5 (fort) : "
                + " ; ".join(f"{fr_name} : {level}" for (_, fr_name, _), level in pairs)
                + f" (Dares, {TENSION_YEAR})."
            )
            en.append(
                "Difficulty factors, from 1 (low) to 5 (high): "
                + "; ".join(f"{en_name}: {level}" for (_, _, en_name), level in pairs)
                + f" (Dares, {TENSION_YEAR})."
            )
    listed = figures.families[0] if figures.families else None
    if listed:
        region_fr, region_en = _regions(listed)
        fr.append(region_fr)
        en.append(region_en)
    if fr:
        fr.append(_scope_fr(figures, pay=False))
        en.append(_scope_en(figures, pay=False))
    return fr, en


def figure_sections(figures: CardFigures) -> list[str]:
    """The Markdown sections of the figures: pay, hiring and certifications in French then
    in English; a section without lines is left out."""
    pay_fr, pay_en = _pay_lines(figures)
    hiring_fr, hiring_en = _hiring_lines(figures)
    certifications_fr, certifications_en = certification_lines(figures.certifications, figures.more_certifications)
    lines: list[str] = []
    for heading, items in (
        (PAY, pay_fr),
        (HIRING, hiring_fr),
        (CERTIFICATIONS, certifications_fr),
        (PAY_EN, pay_en),
        (HIRING_EN, hiring_en),
        (CERTIFICATIONS_EN, certifications_en),
    ):
        if items:
            lines += [f"## {heading}", "", *(f"- {item}" for item in items), ""]
    return lines
