"""The sentences that speak to the learner rather than quote a card: the question back,
what no card covers and who does, and the lead-in to the routes open to adults. Fixed
texts, checked here once, never written by a model. Pure.

>>> print(ask_back(undecided=False, language="en"))
Which job do you mean? Tell me its name (for example “nurse” or “baker”), or what you enjoy (working with people, with your hands, outdoors, with numbers…), or pick your interests in the Explore tab.
>>> print(uncovered_sentence(("visa",), "fr"))
Les fiches métiers ne traitent pas des visas et titres de séjour : c'est la préfecture (ou France-Visas, depuis l'étranger) qui en décide.
"""

from __future__ import annotations

from advisor.search.message_words import UNCOVERED

_ASK_JOB = {
    "fr": "De quel métier parlez-vous ? Donnez-m'en le nom (par exemple « infirmier » ou « boulanger »), "
    "ou dites-moi ce que vous aimez faire (travailler avec des gens, de vos mains, dehors, avec des chiffres…), "
    "ou choisissez vos centres d'intérêt dans l'onglet Explorer.",
    "en": "Which job do you mean? Tell me its name (for example “nurse” or “baker”), or what you enjoy "
    "(working with people, with your hands, outdoors, with numbers…), or pick your interests in the Explore tab.",
}
_ASK_LIKES = {
    "fr": "Pour vous proposer des métiers, j'ai besoin d'en savoir un peu plus : qu'aimez-vous faire "
    "(travailler avec des gens, de vos mains, dehors, avec des chiffres, créer…), et jusqu'où "
    "voulez-vous étudier (sans diplôme, CAP, bac, bac+2, plus) ? Vous pouvez aussi choisir vos "
    "centres d'intérêt dans l'onglet Explorer.",
    "en": "To suggest jobs, I need to know a little more: what do you enjoy doing (working with people, "
    "with your hands, outdoors, with numbers, making things…), and how long do you want to study "
    "(no diploma, a CAP, the bac, two years, more)? You can also pick your interests in the Explore tab.",
}
#: Who answers what no card covers, by UNCOVERED topic: (French, English).
_WHO_ANSWERS = {
    "visa": (
        "c'est la préfecture (ou France-Visas, depuis l'étranger) qui en décide",
        "the préfecture (or France-Visas, from abroad) decides on it",
    ),
    "recognition": (
        "pour un métier réglementé, c'est l'autorité de la profession qui en décide ; sinon, le centre "
        "ENIC-NARIC France délivre des attestations de comparabilité",
        "for a regulated job, the profession's authority decides; otherwise ENIC-NARIC France issues "
        "statements of comparability",
    ),
    "rights": (
        "l'inspection du travail, un syndicat ou un avocat peuvent vous renseigner",
        "the labour inspectorate, a union or a lawyer can advise you",
    ),
    "benefits": ("France Travail peut vous renseigner", "France Travail can tell you"),
    "job_search": (
        "les offres d'emploi sont publiées notamment par France Travail",
        "job offers are published by France Travail, among others",
    ),
    "family": (
        "un conseiller d'orientation (au CIO) ou en évolution professionnelle peut vous aider à préparer "
        "cette discussion",
        "a careers adviser can help you prepare that conversation",
    ),
    "admission": (
        "chaque formation fixe ses critères d'admission : renseignez-vous auprès d'elle",
        "each course sets its own admission criteria: ask its admissions office",
    ),
}
_ADULT_LEAD = {
    "fr": "Pour un adulte ou une reconversion, voici d'abord les voies d'accès que la fiche indique :",
    "en": "For an adult or a career change, here first are the routes the card names:",
}


def ask_back(undecided: bool, language: str) -> str:
    """The question back: what the learner likes (``undecided``), or which job they mean."""
    return (_ASK_LIKES if undecided else _ASK_JOB)[language]


def uncovered_sentence(topics: tuple[str, ...], language: str) -> str:
    """One sentence per topic no card covers, and who can answer it.

    >>> uncovered_sentence(("recognition",), "en").startswith("The job cards do not cover the recognition")
    True
    """
    sentences = []
    for topic in topics:
        name_fr, name_en = UNCOVERED[topic][1:]
        who_fr, who_en = _WHO_ANSWERS[topic]
        if language == "fr":
            sentences.append(f"Les fiches métiers ne traitent pas {_de(name_fr)} : {who_fr}.")
        else:
            sentences.append(f"The job cards do not cover {name_en}: {who_en}.")
    return " ".join(sentences)


def adult_lead(language: str) -> str:
    return _ADULT_LEAD[language]


def _de(name: str) -> str:
    """ "de" before a French noun phrase.

    >>> _de("le droit du travail"), _de("les offres"), _de("un visa"), _de("la reconnaissance")
    ('du droit du travail', 'des offres', "d'un visa", 'de la reconnaissance')
    """
    for article, joined in (("le ", "du "), ("les ", "des ")):
        if name.startswith(article):
            return joined + name[len(article) :]
    return f"d'{name}" if name[0] in "aeiouyéh" else f"de {name}"
