"""A card's certification lines, French and English: each certification's type, level,
RNCP codes, certifiers, routes and leavers in work, cited and dated. Pure:
:mod:`advisor.corpus.figure_sections` puts them in the card's sections.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from advisor.corpus.certifications import IJ_ROUTES, ROUTES, Certification
from advisor.corpus.numbers import grouped

__all__ = ["CERTIF_YEAR", "LEVEL_NAMES", "certification_line", "certification_lines", "level_text"]

CERTIF_INFO = "Certif Info, Réseau des Carif-Oref"
CERTIF_YEAR = "2024"
INSERJEUNES = "InserJeunes (DEPP, Dares)"
#: The most certifiers a certification line names, the others counted.
MAX_CERTIFIERS = 3
#: European levels, with the French study level they stand for.
LEVEL_NAMES = {3: "CAP", 4: "bac", 5: "bac+2", 6: "bac+3/4", 7: "bac+5", 8: "bac+8"}


def _kind(kind: str) -> str:
    """A certification's type without the level it repeats.

    >>> _kind("Titre professionnel (TP de niveau 4)"), _kind("Autre titre inscrit sur demande au RNCP (niveau 6)")
    ('Titre professionnel', 'titre inscrit au RNCP')
    >>> _kind("Autre diplôme d'Etat de niveau 6"), _kind("Autre certification sans niveau spécifique")
    ("diplôme d'État", 'certification')
    """
    kind = re.sub(r"\s*\([^)]*\)|\s+(?:de niveau \d|sans niveau spécifique)$", "", kind).strip()
    kind = kind.replace("inscrit sur demande au", "inscrit au").replace("d'Etat", "d'État")
    return kind[len("Autre ") :] if kind.startswith("Autre ") else kind


#: A certification line's words, French then English.
_CERTIFICATION_WORDS = {
    "fr": {"level": "niveau", "certifier": "certificateur", "certifiers": "certificateurs", "others": "et {} autres",
           "routes": " : par {}", "work": " ; en emploi 6 mois après : {}", "share": "{} % des {} {} sortis en {}"},
    "en": {"level": "level", "certifier": "certifier", "certifiers": "certifiers", "others": "and {} more",
           "routes": ": by {}", "work": "; in work 6 months after: {}", "share": "{} % of the {} {} who left in {}"},
}  # fmt: skip


def level_text(level: int, language: str = "fr") -> str:
    """A European level as a certification line writes it (a known one: :data:`LEVEL_NAMES`).

    >>> level_text(3), level_text(6, "en")
    ('niveau 3 (CAP)', 'level 6 (bac+3/4)')
    """
    return f"{_CERTIFICATION_WORDS[language]['level']} {level} ({LEVEL_NAMES[level]})"


def certification_line(cert: Certification, language: str = "fr") -> str:
    """One certification: what it is, who delivers it, the routes open to it, its leavers
    in work. The title and type are names, never translated.

    >>> cap = Certification("CAP boulanger", "Certificat d'aptitude professionnelle", 3, ("37146",), ("Ministère de l'éducation nationale",), ("accessibilite_ca", "accessibilite_vae"), ("D1102",))
    >>> certification_line(cap)
    "CAP boulanger (Certificat d'aptitude professionnelle, niveau 3 (CAP), RNCP 37146, certificateur : Ministère de l'éducation nationale) : par apprentissage, VAE (Certif Info, 2024)."
    >>> certification_line(cap, "en")
    "CAP boulanger (Certificat d'aptitude professionnelle, level 3 (CAP), RNCP 37146, certifier: Ministère de l'éducation nationale): by apprenticeship, VAE (validation of experience) (Certif Info, 2024)."
    """
    words, english = _CERTIFICATION_WORDS[language], language == "en"
    colon = ":" if english else " :"
    facts = [_kind(cert.kind)] if cert.kind else []
    if cert.level in LEVEL_NAMES:
        facts.append(level_text(cert.level, language))
    if cert.rncp:
        facts.append(f"RNCP {', '.join(cert.rncp)}")
    if cert.certifiers:
        label = words["certifiers"] if len(cert.certifiers) > 1 else words["certifier"]
        # A certifier's own name may hold a comma ("Ministère du travail, de la santé …").
        facts.append(f"{label}{colon} {' / '.join(cert.certifiers[:MAX_CERTIFIERS])}")
        if len(cert.certifiers) > MAX_CERTIFIERS:
            facts[-1] += " " + words["others"].format(len(cert.certifiers) - MAX_CERTIFIERS)
    routes = [english_name if english else name for column, name, english_name in ROUTES if column in cert.routes]
    line = f"{cert.title} ({', '.join(facts)})"
    if routes:
        line += words["routes"].format(", ".join(routes))
    line += f" (Certif Info, {CERTIF_YEAR})"
    if cert.employment:
        shares = ", ".join(
            words["share"].format(job.rate, grouped(job.leavers), IJ_ROUTES[job.route][int(english)], job.cohort)
            for job in cert.employment
        )
        line += words["work"].format(shares) + f" (InserJeunes, {cert.employment[0].cohort})"
    return line + "."


def certification_lines(certifications: Iterable[Certification], more: int = 0) -> tuple[list[str], list[str]]:
    """The lines of a card's certifications, French and English, with the count of the
    ``more`` left out and the sources; none without certifications."""
    listed = list(certifications)
    fr = [certification_line(cert) for cert in listed]
    en = [certification_line(cert, "en") for cert in listed]
    if more:
        fr.append(f"Et {more} autres certifications que la fiche cite (Certif Info, {CERTIF_YEAR}).")
        en.append(f"And {more} more certifications that the card names (Certif Info, {CERTIF_YEAR}).")
    if fr:
        fr.append(f"Source : {CERTIF_INFO} ({CERTIF_YEAR}) ; parts en emploi : {INSERJEUNES}.")
        en.append(f"Source: {CERTIF_INFO} ({CERTIF_YEAR}); shares in work: {INSERJEUNES}.")
    return fr, en
