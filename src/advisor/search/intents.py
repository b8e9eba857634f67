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
