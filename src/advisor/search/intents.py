"""What a question asks about a job, as the card sections that answer it. Pure.

Cards share their section names (ROME cards and the seed card alike), so an intent
is a set of section-name prefixes; a question may carry several intents or none.

>>> sections_for("How do I become an Edge AI engineer?")
('Se lancer dans ce métier',)
>>> sections_for("Combien gagne un data scientist ?")
('Revenus',)
>>> sections_for("C'est quoi le salaire d'un boulanger ?"), sections_for("C'est quoi l'Edge AI ?")
(('Revenus',), ('Focus métier',))
>>> sections_for("Où travaille un boulanger et avec quelles compétences ?")
('Compétences clés', 'Où et comment exercer')
"""

import re
from functools import lru_cache

from advisor.corpus.certifications import ROUTES
from advisor.text import fold
from advisor.vocabulary import SECTIONS

#: Section-name prefix -> words (folded, as regex fragments) that ask for it, FR and EN.
INTENTS = {section.heading: section.asked_by for section in SECTIONS if section.asked_by}

_PATTERNS = {
    section: re.compile(r"\b(?:" + "|".join(words) + r")", re.IGNORECASE) for section, words in INTENTS.items()
}


#: For a question in English, the card's English section answers first, before the French one.
ENGLISH_FIRST = {section.heading: section.english for section in SECTIONS if section.english}


def sections_for(question: str, language: str = "fr", job_name: str = "") -> tuple[str, ...]:
    """Section-name prefixes the question asks for, in the order of INTENTS (for an
    English question, the English sections before their French counterparts). The
    words of ``job_name``, the job the question names, ask for nothing.

    >>> sections_for("What does a plumber do?", "en")
    ('In English', 'Focus métier')
    >>> sections_for("Un prof des écoles, ça gagne combien ?", "fr", "Professeur / Professeure des écoles")
    ('Revenus',)
    """
    folded = fold(question)
    named = set(re.findall(r"\w+", fold(job_name)))
    if named:
        folded = re.sub(r"\b(?:" + "|".join(map(re.escape, sorted(named))) + r")\b", " ", folded)
    found = [section for section, pattern in _PATTERNS.items() if pattern.search(folded)]
    if language == "en":
        found = [english for section in found for english in (ENGLISH_FIRST.get(section), section) if english]
    return tuple(found)


def section_matches(section: str, wanted: tuple[str, ...]) -> bool:
    """Whether a chunk's section is one of the wanted ones (names compared by prefix).

    >>> section_matches("Revenus & Opportunités", ("Revenus",))
    True
    """
    return fold(section).startswith(_folded(wanted))


@lru_cache(maxsize=256)
def _folded(prefixes: tuple[str, ...]) -> tuple[str, ...]:
    # Called for every candidate chunk of every question, with a handful of distinct tuples.
    return tuple(fold(prefix) for prefix in prefixes)


#: Words asking for a way into a job, folded, with the route's name as a card's
#: certification lines write it (``corpus.certifications.ROUTES``).
_ROUTE_WORDS = {
    "accessibilite_ca": r"apprentissage|apprenti(?:e|s|es)?\b|alternance|apprentice\w*|work[- ]study",
    "accessibilite_vae": r"vae\b|validation des acquis|recognition of (?:prior )?(?:learning|experience)",
    "accessibilite_fc": r"formation continue|continuing education|as an adult|adult education",
    "accessibilite_cp": r"contrat de pro\w*|professionali[sz]ation contract",
}
_ROUTES_ASKED = {
    name: re.compile(r"\b(?:" + _ROUTE_WORDS[column] + ")") for column, name, _ in ROUTES if column in _ROUTE_WORDS
}


def routes_asked(question: str) -> tuple[str, ...]:
    """The routes into a job the question asks about, named as the certification lines name them.

    >>> routes_asked("Peut-on devenir infirmier en apprentissage ?"), routes_asked("Can I get it through VAE?")
    (('apprentissage',), ('VAE',))
    """
    folded = fold(question)
    return tuple(name for name, pattern in _ROUTES_ASKED.items() if pattern.search(folded))


#: Certifications asked for by their kind or level, folded, with the European levels they
#: stand for ("quel CAP", "a bac+2", "niveau bac"). Only the certification asked counts: a
#: learner's own level ("j'ai le bac") names no certification and filters nothing.
_LEVEL_WORDS = (
    ((3,), r"cap|bep|niveau 3"),
    ((4,), r"bac pro|bp|brevet professionnel|niveau 4|bac(?! ?\+)"),
    ((5,), r"btsa?|dut|bac ?\+ ?2|niveau 5|two[- ]year degree"),
    ((6,), r"licences?(?: pro\w*)?|but|bachelor'?s?(?: degree)?|bac ?\+ ?3|niveau 6"),
    ((7,), r"masters?|masteres?|bac ?\+ ?5|niveau 7|master'?s degree"),
    ((8,), r"doctorat|phd|bac ?\+ ?8|niveau 8"),
)
_ASKING_FOR = r"(?:quel(?:le)?s?|which|what|un|une|a|an|en|par|via|through|de|du|level|niveau)"
_LEVELS_ASKED = tuple((levels, re.compile(rf"\b{_ASKING_FOR} (?:{words})(?![\w+])")) for levels, words in _LEVEL_WORDS)
#: "Sans le bac" allows only what comes before it.
_WITHOUT_BAC = re.compile(r"\b(?:sans (?:le |un )?bac|without (?:a |the )?(?:bac|high school diploma))\b")


def levels_asked(question: str) -> tuple[int, ...]:
    """The European levels of the certifications the question asks for, lowest first, or
    none: "quel CAP" is level 3, "sans le bac" level 3 at most.

    >>> levels_asked("Quel CAP pour devenir cuisinier ?"), levels_asked("Which bac+2 leads to network admin?")
    ((3,), (5,))
    >>> levels_asked("Peut-on devenir boulanger sans le bac ?"), levels_asked("J'ai le bac, quelle formation ?")
    ((3,), ())
    """
    folded = fold(question)
    found = sorted({level for levels, pattern in _LEVELS_ASKED if pattern.search(folded) for level in levels})
    if _WITHOUT_BAC.search(folded):
        found = [level for level in found if level <= 3] or [3]
    return tuple(found)
