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

from advisor.index.chunks import ENGLISH_DESCRIPTION_SECTION, ENGLISH_NAMES_SECTION
from advisor.search.lexical import fold

#: Section-name prefix -> words (folded, as regex fragments) that ask for it, FR and EN.
INTENTS: dict[str, tuple[str, ...]] = {
    "Se lancer dans ce métier": (
        r"devenir",
        r"devien[st]\b",
        r"deviendr\w*",
        r"become",
        r"becoming",
        r"formation",
        r"former",
        r"diplome",
        r"etudes?",
        r"ecoles?",
        r"school",
        r"degree",
        r"diploma",
        r"study",
        r"studies",
        r"training",
        r"train",
        r"qualification",
        r"certification",
        r"acces",
        r"access",
        r"prerequis",
        r"requirements?",
        r"bac\b",
        r"bts",
        r"cap\b",
        r"master",
        r"concours",
        r"get into",
        r"get started",
        r"start (?:as|in)",
        r"commencer",
        r"par ou (?:je )?commence",
        r"permis",
        r"licen[cs]es?\b",
        r"licensed",
        r"register\w*",
        r"inscri\w*",
        r"ordre des",
        r"professional body",
        r"obligatoire",
        r"required",
        r"se lancer",
        r"apprentissage",
        r"reconvertir",
    ),
    "Revenus": (
        r"salaire",
        r"gagne",
        r"gagner",
        r"remuneration",
        r"revenus?",
        r"paye",
        r"payes?\b",
        r"pay\b",
        r"paid",
        r"salary",
        r"salaries",
        r"earn",
        r"earnings",
        r"income",
        r"wage",
        r"combien .* mois",
        r"how much .* make",
        r"paie\b",
        r"money",
        r"touche\w* combien",
        r"make (?:per|a) (?:month|year)",
    ),
    "Compétences clés": (
        r"competences?",
        r"skills?",
        r"savoir",
        r"qualites?",
        r"aptitudes?",
        r"abilities",
        r"know-how",
        r"what .* need to know",
        r"bon(?:ne)? en\b",
        r"good at",
        r"qualities",
        r"maitriser",
        r"tools?",
        r"outils?",
    ),
    "Focus métier": (
        r"que fait",
        r"fait quoi",
        r"what do(?:es)? .*\bdo\b",
        r"missions?",
        r"taches?",
        r"tasks?",
        r"quotidien",
        r"day[- ]to[- ]day",
        r"daily",
        r"role",
        r"job description",
        r"c'?est quoi(?! (?:les? |la |l')?(?:salaire|paie|paye|remuneration))",
        r"what is an?\b",
        r"en quoi consiste",
        r"activites?",
        r"duties",
    ),
    "Où et comment exercer": (
        r"ou travaille",
        r"where",
        r"secteurs?",
        r"sectors?",
        r"employeurs?",
        r"employers?",
        r"entreprises?",
        r"companies",
        r"recrut\w*",
        r"hire",
        r"hiring",
        r"conditions",
        r"horaires?",
        r"hours",
        r"nuits?\b",
        r"nights?\b",
        r"week-?ends?",
        r"samedis?\b",
        r"dimanches?\b",
        r"shifts?\b",
        r"astreintes?",
        r"deplacements?",
        r"a son compte",
        r"self-employed",
        r"schedule",
        r"environnement",
        r"environment",
        r"lieux?",
        r"workplaces?",
        r"teletravail",
        r"remote",
        r"statut",
        r"independant",
        r"freelance",
    ),
    "Métiers proches": (
        r"proches?",
        r"similaires?",
        r"similar",
        r"related",
        r"close to",
        r"passerelles?",
        r"reconversion",
        r"evoluer",
        r"evolution",
        r"other jobs",
        r"autres metiers",
        r"mobilite",
        r"career change",
        r"switch",
    ),
    "Autres intitulés": (
        r"intitules?",
        r"job titles?",
        r"other (?:names|titles)",
        r"autres? noms?",
        r"s'appelle",
        r"called",
    ),
    "Pourquoi un métier d’avenir": (r"avenir", r"future", r"debouches?", r"prospects?", r"demande"),
}

_PATTERNS = {
    section: re.compile(r"\b(?:" + "|".join(words) + r")", re.IGNORECASE) for section, words in INTENTS.items()
}


#: For a question in English, the card's English section answers first, before the French one.
ENGLISH_FIRST = {"Focus métier": ENGLISH_DESCRIPTION_SECTION, "Autres intitulés": ENGLISH_NAMES_SECTION}


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
