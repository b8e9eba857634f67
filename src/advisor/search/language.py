"""Which language a question is written in, so the answer can be in the same one. Pure.

Only French and English are told apart: the cards are French, and learners ask in
either. Function words decide; a tie goes to French when the text has French accents.

>>> detect_language("How do I become an Edge AI engineer?")
'en'
>>> detect_language("Combien gagne un data scientist ?")
'fr'
>>> detect_language("Le salary d'un web developer junior, c'est combien ?")
'fr'
"""

import re

LANGUAGES = ("fr", "en")
_FRENCH = frozenset(
    """le la les un une des du de d l est sont et ou je tu il elle on nous vous ils quel quelle
    quels quelles comment combien pourquoi quoi que qui pour avec dans sur au aux ce cette ces c
    mon ma mes son sa ses faut peut devenir métier metier travail salaire études etudes école
    ecole être etre avoir fait faire gagne quelles plutôt plutot aussi mais ça ca qu j n ne pas""".split()
)
_ENGLISH = frozenset(
    """the a an is are was were and or i you he she it we they what which how why who where when
    do does did to of for in on with my your his her their can could should would become job jobs
    work working get need study school salary pay earn much many be being that this there any
    like about much than also but not""".split()
)
_WORD = re.compile(r"[^\W\d_]+")
_FRENCH_LETTERS = re.compile(r"[éèêàùâîôûçœë]", re.IGNORECASE)


def detect_language(text: str) -> str:
    words = _WORD.findall(text.lower())
    french = sum(word in _FRENCH for word in words)
    english = sum(word in _ENGLISH for word in words)
    if french != english:
        return "fr" if french > english else "en"
    return "fr" if _FRENCH_LETTERS.search(text) else "en"
