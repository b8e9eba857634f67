"""The answer to a learner who describes themself: the jobs that fit, each with what it is
and the level it is open at, cited, then one question back to narrow the list. Pure.

    Des métiers qui peuvent vous correspondre (J'aime m'occuper des animaux) :
    - **Auxiliaire vétérinaire** (ROME A1501) : Assiste le vétérinaire… [1] Cet emploi est accessible avec un CAP… [2]
    - …
    Lequel de ces domaines vous attire le plus : Soins aux animaux, Élevage ou Vente ? …
"""

from __future__ import annotations

from advisor.answer.extractive import lines_of
from advisor.answer.shape import card_name
from advisor.corpus.family_figures import PAY_PERIOD, TENSION_YEAR
from advisor.corpus.numbers import euros
from advisor.index.chunks import is_figure
from advisor.search.exploration import Exploration
from advisor.search.fit import Facets, figure
from advisor.vocabulary import STUDY_LEVELS

LINE_CHARS = 220
#: How an answer names a level the learner allows ("open without a diploma").
LEVEL_NAMES = {level.code: (level.name_fr, level.name_en) for level in STUDY_LEVELS}
#: How a list names the figure it is sorted by (French, English), and its source as the
#: card's line gives it: the gate finds each word and number of it in the cited line.
FIGURE_NAMES = {
    "pay": (("salaire médian de la famille", "median family pay"), f"Dares, {PAY_PERIOD}"),
    "difficulty": (("difficulté de recrutement", "recruitment difficulty"), f"Dares, {TENSION_YEAR}"),
}
#: What the opening says of how the list is sorted or filtered (French, English).
ORDER_NAMES = {
    "pay": (
        "classés par salaire médian de leur famille de métiers, du plus haut au plus bas",
        "sorted by their job family's median pay, highest first",
    ),
    "difficulty": (
        "classés par difficulté de recrutement, les plus recherchés d'abord",
        "sorted by recruitment difficulty, hardest to fill first",
    ),
    "apprenticeship": ("préparables en apprentissage", "that you can train for as an apprentice"),
}


def exploration_answer(exploration: Exploration, language: str) -> str:
    """The list of jobs, cited in the order of ``exploration``'s hits, and a question back.

    >>> from advisor.index.store import Hit
    >>> from advisor.search.fit import Facets
    >>> from advisor.search.exploration import Suggestion
    >>> meta = {"title": "Toiletteur", "rome_code": "A1503", "path": "t.md"}
    >>> focus = Hit("1", "Toiletteur — Focus métier\\nLave et coiffe les chiens.", {**meta, "section": "Focus métier"}, 0.0)
    >>> access = Hit("2", "Toiletteur — Se lancer\\nAccessible avec un CAP.", {**meta, "section": "Se lancer dans ce métier"}, 0.0)
    >>> card = Facets("t.md", "Toiletteur", "A1503", subdomain="Soins aux animaux")
    >>> found = Exploration((Suggestion(card, 1.0, (focus, access)),), "cap", ("I like animals",))
    >>> print(exploration_answer(found, "en"))
    Jobs that may suit you (I like animals), open with a CAP or less:
    - **Toiletteur** (ROME A1503): Lave et coiffe les chiens. [1] Accessible avec un CAP. [2]
    <BLANKLINE>
    Which of these areas appeals to you most: Soins aux animaux? Ask me about one of them ("tell me more about the first one"), or narrow the list ("what about without a diploma?").
    """
    french = language == "fr"
    if not exploration.suggestions:
        level = LEVEL_NAMES.get(exploration.level or "", ("", ""))[0 if french else 1]
        if french:
            return f"Les fiches n'ont aucun métier correspondant ouvert {level} : essayez sans ce niveau, ou avec d'autres goûts."
        return f"The cards have no matching job open {level}: try without that level, or with other interests."
    liked = f" ({'; '.join(exploration.interests)})" if exploration.interests else ""
    allowed = LEVEL_NAMES.get(exploration.level or "")
    opening = ("Des métiers qui peuvent vous correspondre" if french else "Jobs that may suit you") + liked
    if allowed:
        opening += f", ouverts {allowed[0]}" if french else f", open {allowed[1]}"
    for wish in ("apprenticeship" if exploration.apprenticeship else "", exploration.sort):
        if wish:
            opening += ", " + ORDER_NAMES[wish][0 if french else 1]
    opening += " :" if french else ":"
    bullets, number = [], 0
    for suggestion in exploration.suggestions:
        parts = []
        for hit in suggestion.hits:
            number += 1
            if exploration.sort and is_figure(hit.metadata["section"]):
                # The figure from the card's front matter, cited to the line that says it.
                parts.append(f"— {figure_text(suggestion.card, exploration.sort, language)} [{number}]")
                continue
            line = next(iter(lines_of(hit.text, LINE_CHARS)), "")
            if line:
                parts.append(f"{line} [{number}]")
        if parts:
            head = card_name(suggestion.hits[0])
            bullets.append(f"- {head}{' :' if french else ':'} " + " ".join(parts))
    return "\n".join([opening, *bullets]) + "\n\n" + question_back(exploration, language)


def figure_value(card: Facets, sort: str) -> str:
    """The card's figure a list is sorted by, as a list shows it ("" if not known).

    >>> figure_value(Facets("a", "A", "A1", pay=1558), "pay"), figure_value(Facets("a", "A", "A1", difficulty=5), "difficulty")
    ('1 558 €', '5/5')
    """
    value = figure(card, sort)
    if not value:
        return ""
    return euros(value) if sort == "pay" else f"{value}/5"


def figure_text(card: Facets, sort: str, language: str) -> str:
    """The figure with its name and source, or "" if not known.

    >>> figure_text(Facets("a", "A", "A1", pay=1558), "pay", "fr")
    'salaire médian de la famille : 1 558 € (Dares, 2017-2019)'
    >>> figure_text(Facets("a", "A", "A1", difficulty=5), "difficulty", "en")
    'recruitment difficulty: 5/5 (Dares, 2019)'
    """
    (name_fr, name_en), source = FIGURE_NAMES[sort]
    value = figure_value(card, sort)
    name = f"{name_fr} :" if language == "fr" else f"{name_en}:"
    return f"{name} {value} ({source})" if value else ""


def question_back(exploration: Exploration, language: str) -> str:
    """One question to narrow the list: the ROME areas (sub-domains) of the jobs listed."""
    areas = list(dict.fromkeys(s.card.subdomain for s in exploration.suggestions if s.card.subdomain))[:3]
    if language == "fr":
        choice = f"Lequel de ces domaines vous attire le plus : {_either(areas, 'ou')} ? " if areas else ""
        return choice + "Demandez-moi l'un d'eux (« parle-moi du premier »), ou précisez (« et sans diplôme ? »)."
    choice = f"Which of these areas appeals to you most: {_either(areas, 'or')}? " if areas else ""
    return (
        choice
        + 'Ask me about one of them ("tell me more about the first one"), or narrow the list ("what about without a diploma?").'
    )


def _either(items: list[str], word: str) -> str:
    """ "A, B or C".

    >>> _either(["A", "B", "C"], "or"), _either(["A"], "ou")
    ('A, B or C', 'A')
    """
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {word} {items[-1]}"
