"""Questions that describe the learner instead of naming a job: "I love animals and being
outdoors, what could I do?", "Quels métiers pour travailler avec des enfants ?", "Je peux
travailler dans le bâtiment sans le bac ?". Pure.

Such a question is recognised by how it speaks of the learner (likes, wishes, a level of
study) while naming no job for sure; the level it allows is read from its words, and so
is how it wants the list (sorted by pay or by recruitment difficulty, apprenticeship only); a
follow-up ("et sans diplôme ?", "tell me more about the second one") leans on the
earlier question. How well each card fits is ``advisor.search.fit``.

>>> is_exploration("J'aimerais travailler avec des enfants")
True
>>> is_exploration("Comment devenir boulanger ?")
False
>>> max_level("Je peux travailler dans le bâtiment sans le bac ?")
'cap'
>>> wished_sort("Quels métiers qui paient bien ?"), wants_apprenticeship("Des métiers en alternance ?")
('pay', True)
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from advisor.search.exploration_words import (
    APPRENTICESHIP_WORDS,
    FILLER,
    LEVEL_WORDS,
    ORDINALS,
    SEEKING,
    SORT_WORDS,
)
from advisor.search.lexical import STOPWORDS
from advisor.text import fold
from advisor.vocabulary import NAMED

#: How a learner speaks of what they like or wish for (folded).
LIKES = re.compile(
    r"\b(?:j'?aime\w*|j'?adore\w*|kiffe\w*|passionn\w*|ma passion|fan de|m'?interesse\w*|attire\w* par|"
    r"(?:il|elle) (?:aime|adore)|(?:he|she) (?:loves|likes|enjoys|adores)|"
    r"je (?:suis|serais) (?:bon|bonne|doue|douee|fort|forte)|j'?ai envie|envie de|"
    r"je (?:veux|voudrais|souhaite|prefere) (?:travailler|bosser|m'occuper|aider|proteger)|"
    r"(?:travailler|bosser) (?:avec|dans|dehors|en plein air|au contact|aupres)|"
    r"i (?:love|like|enjoy|adore)|i'?d (?:love|like) to|i (?:want|would like) to (?:work|help|look after|protect)|"
    r"i'?m (?:into|good at|interested|passionate|happiest|happy|not academic)|i am (?:into|good at|interested)|"
    r"passionate about|interested in|work (?:with|outdoors|outside|around)|"
    r"je suis (?:creati\w*|manuel\w*|sporti\w*|curieu\w*|nul\w*|plutot)|(?:quelqu'un|someone) (?:qui|who)|"
    r"i'?m (?:creative|sporty|curious|practical|not sure)|for (?:a|an) [\w-]+ person|"
    r"je reve|reve de|i dream|dream (?:of|job)|good with|bon(?:ne)? avec)"
)
#: How a learner looks for work without naming it: "un métier où je peux bouger", "a job in
#: aviation", "des pistes ?", "que faire" (folded).
_WANTS_WORK = re.compile(
    r"\b(?:(?:un|une|des|a|an|any|some) (?:[\w-]+ )?(?:metier|job|boulot|travail|emploi|carriere|career|profession|work)s?"
    r"\b(?! (?:de|d'|of|as) (?!la |l')[\w-]+)|"
    r"idees? de metiers?|job ideas?|career (?:ideas?|paths?|options?)|orientation|m'?orienter|des pistes|"
    r"qu'?est-ce que je (?:peux|pourrais) faire|que faire|what can i do|what work|"
    r"(?:travailler|bosser) dans (?:le|la|l'|les)|dans le domaine|(?:jobs?|work) where|"
    r"in the [\w-]+ (?:sector|industry|field)|(?:me )?reconvertir (?:dans|vers)|reconversion (?:dans|vers)|"
    r"switch to|move into|(?:une|a) formation (?:courte|rapide)|short (?:course|training))"
)
#: How a learner asks for jobs in the plural, or for what they could do (folded).
_ASKS_JOBS = re.compile(
    r"\b(?:quels? (?:metiers?|jobs?|emplois?|boulots?|carrieres?|professions?)\b(?! (?:de|d'|du) )|"
    r"(?:which|what)(?: \w+)? (?:jobs|careers|professions|occupations|kinds? of jobs|kind of work)|"
    r"(?:un|des) metiers? pour (?:moi|ca)|y a(?:-t-il| t'il)? (?:un|des) metiers?|"
    r"(?:metiers|jobs|careers|emplois) (?:de la|de l'|du|des|dans|in|for|with|where|that|qui|pour|avec|en|around)|"
    r"(?:metier|job|career|emploi) (?:dans|in|with|where|that|qui|pour|avec|en|around|ou)\b|"
    r"careers? (?:could|would|might)|"
    r"(?:metiers|jobs|emplois|professions) (?:les |qui (?:sont )?(?:les )?)?(?:mieux|plus) (?:payes|remuneres|recherches|demandes)|"
    r"(?:highest|best|most|better)[- ](?:paying|paid|in[- ]demand) (?:jobs|careers|professions|occupations)|"
    r"(?:pourrais|peux) (?:faire|bosser|travailler)|je (?:peux|pourrais) faire quoi|(?:could|can) (?:i|she|he|they) do|"
    r"(?:il|elle) (?:peut|pourrait) faire (?:quoi|comme metier)|quel metier pour (?:lui|elle|mon fils|ma fille)|"
    r"(?:suit|fit|fits|suits) me|pour moi|me (?:correspond\w*|conviendr\w*))"
)
#: A learner in a job asking where to go next: that job's "Métiers proches".
_MOVE_ON = re.compile(r"\b(?:evolu\w*|changer|reconver\w*|bouger|tourner|switch|move on)\b")
#: The question names its job and asks how to get there, or for that job's neighbours.
_ONE_JOB = re.compile(
    r"\b(?:devenir|deviens|become|be an?|etre (?:un|une)|train as|c'est quel metier|which job is|what'?s the path|"
    r"quel diplome|quelle formation|which (?:diploma|training)|what (?:diploma|training))\b"
)
_NEAR_ONE_JOB = re.compile(
    r"\b(?:(?:proches?|voisins?) (?:de|du|des|d')|ressembl\w*|related jobs?|metiers (?:proches|voisins)|similar to|close to|related to|(?:jobs?|careers?|metiers?|work) (?:like|comme) (?:an?|un|une|the|le|la))\b"
)

_NOT_LONGER = re.compile(r"\b(?:pas|not|don'?t want to|ne veux pas|sans)\b[^.?!]{0,25}(?:5|cinq|five) (?:ans|years)")

_SORTS = {sort: re.compile(r"\b(?:" + "|".join(words) + r")\b") for sort, words in SORT_WORDS.items()}
_APPRENTICESHIP = re.compile(r"\b(?:" + "|".join(APPRENTICESHIP_WORDS) + r")\b")
_NOTHING_SAID = STOPWORDS | set(FILLER.split())
_ANY_LEVEL = re.compile(r"\b(?:" + "|".join(pattern for _, patterns in LEVEL_WORDS for pattern in patterns) + r")")

_ORDINAL = re.compile(r"\b(" + "|".join(sorted(ORDINALS, key=len, reverse=True)) + r")\b")


def is_exploration(question: str, named: float = 0.0, sure: float = 0.9) -> bool:
    """Whether the question describes the learner rather than asks about a job; ``named``
    is how surely it names one (``sure``: surely enough that "devenir …" is about it).

    >>> is_exploration("I'm happiest outdoors and around animals, which careers could fit me?")
    True
    >>> is_exploration("Quels métiers sont proches de data scientist ?")
    False
    >>> is_exploration("Quels métiers pour travailler avec des enfants ?", named=0.95)
    True
    >>> is_exploration("I love horses. Could I become a jockey?", named=1.0)
    False
    >>> is_exploration("Quels sont les métiers les mieux payés ?"), is_exploration("What are the highest paying jobs?")
    (True, True)
    """
    folded = fold(question)
    if _NEAR_ONE_JOB.search(folded) or (named >= sure and _MOVE_ON.search(folded)):
        return False
    likes, asks = LIKES.search(folded), _ASKS_JOBS.search(folded)
    if asks:
        # "quels métiers pour … des enfants" names "Garde d'enfant" by its characters, but
        # asks for jobs in the plural.
        return not (_ONE_JOB.search(folded) and named >= sure)
    if _ONE_JOB.search(folded) and named >= NAMED:
        return False
    return (bool(likes) or bool(_WANTS_WORK.search(folded))) and named < sure


def describing_words(question: str) -> str:
    """The question without the words of looking for a job, for a search by words.

    >>> describing_words("J'aime les animaux, quels métiers ?")
    'les animaux'
    """
    words = re.findall(r"[\w-]+", question)
    return " ".join(word for word in words if fold(word) not in SEEKING)


def max_level(question: str) -> str | None:
    """The highest level of study the question allows, as a LEVELS name, or None.

    >>> max_level("Un métier manuel en deux ans d'études ?"), max_level("without any diploma")
    ('bac+2', 'none')
    >>> max_level("I like numbers but don't want to study 5 years"), max_level("J'aime les animaux")
    ('bac+3', None)
    """
    folded = fold(question)
    if _NOT_LONGER.search(folded):
        return "bac+3"
    for level, patterns in LEVEL_WORDS:
        if re.search(r"\b(?:" + "|".join(patterns) + r")", folded):
            return level
    return None


def wished_sort(question: str) -> str:
    """The figure the question wants the list sorted by ("pay", "difficulty", the first
    said), or "" (by fit).

    >>> wished_sort("Les métiers les mieux payés sans diplôme ?"), wished_sort("Which jobs are in demand?")
    ('pay', 'difficulty')
    >>> wished_sort("Je veux travailler dans le recrutement"), wished_sort("gestionnaire de paie")
    ('', '')
    """
    folded = fold(question)
    found = [(match.start(), sort) for sort, pattern in _SORTS.items() if (match := pattern.search(folded))]
    return min(found)[1] if found else ""


def wants_apprenticeship(question: str) -> bool:
    """Whether the question asks only for jobs one can train for as an apprentice.

    >>> wants_apprenticeship("Any jobs I could do as an apprentice?"), wants_apprenticeship("J'aime apprendre")
    (True, False)
    """
    return bool(_APPRENTICESHIP.search(fold(question)))


def wishes(question: str) -> tuple[str, bool, str]:
    """How the question wants the list: the figure to sort by ("" by fit), whether only
    the jobs one can train for as an apprentice, and the question to rank the cards by,
    folded, without those words: they say how to list the jobs, not which ("qui
    recrutent" would find the recruiters, "bien payés" the payroll clerks). A question
    that says nothing but its sort and level leaves nothing to rank by: every card fits.

    >>> wishes("J'aime les animaux : des métiers qui recrutent, en alternance ?")
    ('difficulty', True, "j'aime les animaux : des metiers , ?")
    >>> wishes("Quels sont les métiers qui paient le mieux sans le bac ?"), wishes("J'aime les animaux")
    (('pay', False, ''), ('', False, "J'aime les animaux"))
    """
    sort, apprenticeship = wished_sort(question), wants_apprenticeship(question)
    if not (sort or apprenticeship):
        return sort, apprenticeship, question
    rest = _APPRENTICESHIP.sub("", fold(question))
    for pattern in _SORTS.values():
        rest = pattern.sub("", rest)
    rest = re.sub(r" {2,}", " ", rest)
    described = describing_words(_ANY_LEVEL.sub(" ", _NOT_LONGER.sub(" ", rest))).split()
    if sort and all(len(word) < 2 or word in _NOTHING_SAID for word in described):
        rest = ""
    return sort, apprenticeship, rest


def ordinal(question: str) -> int | None:
    """Which listed job a follow-up points at (1-based, -1 for the last), or None.

    >>> ordinal("tell me more about the second one"), ordinal("Et le 3e ?"), ordinal("Et le dernier ?")
    (2, 3, -1)
    >>> ordinal("Comment devenir boulanger ?") is None
    True
    """
    found = _ORDINAL.search(fold(question))
    return ORDINALS[found.group(1)] if found else None


def exploring(question: str, history: Sequence[str], named: Callable[[str], float]) -> tuple[str, int | None] | None:
    """What to rank the cards for: the question, or for a follow-up the earlier
    exploration (narrowed by the follow-up's level), with the listed job a follow-up
    points at; None when the conversation explores nothing. ``named`` tells how surely a
    question names a job.

    >>> exploring("et sans diplôme ?", ["J'aime les animaux"], lambda q: 0.0)
    ("J'aime les animaux et sans diplôme ?", None)
    >>> exploring("parle-moi du deuxième", ["J'aime les animaux"], lambda q: 0.0)
    ("J'aime les animaux", 2)
    >>> exploring("Combien gagne un boulanger ?", ["J'aime les animaux"], lambda q: 1.0) is None
    True
    """
    if is_exploration(question, named(question)):
        return question, None
    earlier = next((q for q in reversed(history) if is_exploration(q, named(q))), None)
    if earlier is None:
        return None
    number = ordinal(question)
    if number is not None:
        return earlier, number
    return (f"{earlier} {question}", None) if adds_constraint(question, named(question)) else None


def adds_constraint(question: str, named: float = 0.0) -> bool:
    """Whether a follow-up only narrows or re-orders the earlier exploration ("et sans
    diplôme ?", "et lesquels paient le mieux ?"); a wish does when it names no job
    (``named``: how surely it does), since "Est-ce que boulanger recrute ?" asks about one.

    >>> adds_constraint("et sans diplôme ?"), adds_constraint("Which of those can I do with just a CAP?")
    (True, True)
    >>> adds_constraint("et en alternance ?"), adds_constraint("Est-ce que boulanger recrute ?", named=1.0)
    (True, False)
    >>> adds_constraint("Comment devenir boulanger ?")
    False
    """
    wish = named < NAMED and (bool(wished_sort(question)) or wants_apprenticeship(question))
    return (max_level(question) is not None or wish) and len(question.split()) <= 12
