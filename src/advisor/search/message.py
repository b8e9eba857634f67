"""What a learner's message says, read once: where it asks, which job it wants and which it
leaves, its situation, its stated interests, and what no card covers. Pure.

Real messages are long and personal ("I'm 40, 12 years in IT, I'd like to become a
dietician. Am I too old?"). Searched whole, every job they mention competes, and the
one the learner has often wins. So the message is read sentence by sentence: the
sentences that ask or wish come first and make the ``focus`` the job is looked for in,
with the learner's own job taken out; the rest still tells the situation.

>>> m = read("J'ai 40 ans et je suis comptable. Je voudrais devenir infirmière. Est-ce trop tard ?")
>>> m.focus, m.situation.age, m.situation.current_job
('Est-ce trop tard ? Je voudrais devenir infirmière.', 40, 'comptable')
>>> m.asks, m.adult
(('suits_me',), True)
>>> read("Will British qualifications be recognised in France after Brexit?").uncovered
('recognition',)
>>> read("Est-ce que ce métier est difficile ?").unnamed_job
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from advisor.search.lexical import STOPWORDS
from advisor.search.message_words import (
    AGE,
    ASKING,
    ASKS,
    CURRENT_JOB,
    DIPLOMA_IN,
    LIKED_BEFORE,
    LIKING,
    NO_INTEREST,
    SITUATIONS,
    UNCOVERED,
    UNDECIDED,
    UNNAMED_JOB,
)
from advisor.search.wishes import aligned, starts_a_wish, states_a_wish, targets, wishes
from advisor.text import fold, straight_quotes

#: An adult by age: past the age of initial training, the routes for adults come first.
ADULT_AGE = 25
#: Beyond this, a message tells a story (the golden set's questions are one or two sentences).
LONG_SENTENCES, LONG_CHARS = 3, 250
_ASKING = [re.compile(pattern) for pattern in ASKING]
_LIKING = re.compile(LIKING)
_DIPLOMA_IN = re.compile(DIPLOMA_IN)
_CURRENT = re.compile(CURRENT_JOB)
_AGES = [re.compile(pattern) for pattern in AGE]
_SITUATIONS = {name: re.compile(pattern) for name, pattern in SITUATIONS.items()}
_ASKS = {name: re.compile(pattern) for name, pattern in ASKS.items()}
_UNNAMED = re.compile(UNNAMED_JOB)
_UNDECIDED = re.compile(UNDECIDED)
_UNCOVERED = {name: re.compile(words) for name, (words, _, _) in UNCOVERED.items()}
_NO_INTEREST = frozenset(NO_INTEREST.split())
_LIKED_BEFORE = re.compile(LIKED_BEFORE)
#: Where a stated interest ends.
_INTEREST_END = re.compile(
    r"[.;:!?()]|,\s*(?:but|mais|and i|et je|et j'|so|donc|what|which|que|quel\w*|je|i|c'est|it's)\b|"
    r"\b(?:but|mais|and feel|et je|because|parce)\b|,\s*and (?:have|has|had|am|was|would|will|want|i)\b"
)
MAX_INTEREST_CHARS = 60
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|\n+")


@dataclass(frozen=True)
class Situation:
    """The learner's situation, as the message states it."""

    age: int | None = None
    current_job: str = ""  # the words naming the learner's job now or before ("comptable")
    career_change: bool = False
    disability: bool = False
    no_diploma: bool = False
    location: bool = False
    money: bool = False
    doubt: bool = False

    @property
    def raised(self) -> tuple[str, ...]:
        """The situations raised, by name.

        >>> Situation(age=40, doubt=True).raised
        ('age', 'doubt')
        """
        flags = ("career_change", "disability", "no_diploma", "location", "money", "doubt")
        return (("age",) if self.age else ()) + tuple(name for name in flags if getattr(self, name))


@dataclass(frozen=True)
class Message:
    text: str
    #: The sentences that ask or wish, asking first, without the learner's own job: what
    #: the job is looked for in, and what the intents are read from.
    focus: str
    situation: Situation = field(default_factory=Situation)
    asks: tuple[str, ...] = ()  # beyond the sections' intents: "suits_me", "difficulty", "diploma_leads_to"
    interests: tuple[str, ...] = ()  # what the learner says they like, in their words
    targets: tuple[str, ...] = ()  # the words after a wish ("become a nurse": "nurse"), folded
    refused: tuple[str, ...] = ()  # the words after a wish taken back ("I don't want to be a teacher")
    uncovered: tuple[str, ...] = ()  # UNCOVERED topics asked about
    unnamed_job: bool = False  # refers to a job without naming it ("ce métier", "gagnez-vous")
    undecided: bool = False  # does not know what to do ("no idea what career")

    @property
    def adult(self) -> bool:
        """An adult starting again (by age, by saying so, or leaving a job for another):
        the card's routes for adults answer first."""
        situation = self.situation
        changing = bool(situation.current_job) and bool(self.targets)
        return situation.career_change or changing or (situation.age or 0) >= ADULT_AGE

    @property
    def long(self) -> bool:
        return is_long(self.text)

    @property
    def asking(self) -> list[str]:
        """The sentences of its focus that ask something."""
        return [part for part in sentences(self.focus) if asks(part)]


def is_long(text: str) -> bool:
    """A message of several sentences: it tells its story, and a job it names in passing is
    not a job it asks about. A shorter one is read whole ("How do I train as an upholsterer?
    I'd love to restore old armchairs": the armchairs help find the job).

    >>> is_long("Comment devenir boulanger ?"), is_long("J'ai 40 ans. Je suis comptable. Infirmière, trop tard ?")
    (False, True)
    """
    return len(sentences(text)) >= LONG_SENTENCES or len(text) > LONG_CHARS


def sentences(text: str) -> list[str]:
    """The message's sentences, in order.

    >>> sentences("Bonjour. J'ai 40 ans… Trop tard ?\\nMerci")
    ['Bonjour.', "J'ai 40 ans…", 'Trop tard ?', 'Merci']
    """
    return [part.strip() for part in _SENTENCE_END.split(text) if part.strip()]


def with_alternatives(parts: list[str]) -> list[str]:
    """The sentences, each one that starts with "or" joined to the one before: "Trauma
    nurse? or EMT?" sets two jobs side by side.

    >>> with_alternatives(["Ok.", "Trauma nurse?", "or EMT?", "Ou boulanger ?"])
    ['Ok.', 'Trauma nurse? or EMT? Ou boulanger ?']
    """
    joined: list[str] = []
    for part in parts:
        if joined and re.match(r"(?:or|ou)\b", part, re.IGNORECASE):
            joined[-1] = f"{joined[-1]} {part}"
        else:
            joined.append(part)
    return joined


def focus(text: str) -> str:
    """The sentences that ask, then those that wish, each in their order; the whole text
    when none does, or all do.

    >>> focus("I've been a chef for 10 years. I want to become a nurse. Any advice?")
    'Any advice? I want to become a nurse.'
    """
    parts = sentences(text)
    folded = [fold(part) for part in parts]
    asking = [part for part in parts if asks(part)]
    wishing = [p for p, f in zip(parts, folded, strict=True) if p not in asking and states_a_wish(f)]
    chosen = asking + wishing
    return " ".join(chosen) if chosen and len(chosen) < len(parts) else text


def asks(sentence: str) -> bool:
    """Whether a sentence asks (a question mark, or words that ask: "any advice").

    >>> asks("Any advice?"), asks("I have been a chef for years.")
    (True, False)
    """
    return any(pattern.search(fold(sentence)) for pattern in _ASKING)


def without_current_job(text: str) -> tuple[str, str]:
    """The learner's present or past job (folded, or ""), and the text without the words
    that say it, when the text also names a job to go to: "je suis infirmière, quels
    métiers proches ?" and "I'm a nurse, which jobs could I move into?" are about the
    learner's own job.

    >>> without_current_job("Je suis aide-soignante depuis 10 ans et je veux devenir infirmière")
    ('aide-soignante', 'depuis 10 ans et je veux devenir infirmiere')
    >>> without_current_job("After 12 years in IT, I want to become a dietician")
    ('it', 'after , i want to become a dietician')
    >>> without_current_job("Je suis infirmière, quels métiers proches ?")
    ('infirmiere', 'Je suis infirmière, quels métiers proches ?')
    >>> without_current_job("I'm a general nurse. Which related jobs could I move into later?")[1]
    "I'm a general nurse. Which related jobs could I move into later?"
    """
    folded = fold(text)
    for found in _CURRENT.finditer(folded):
        if starts_a_wish(folded, found.start("job")):
            continue  # "I'm a … want to become" read from its wish is no job
        rest = (folded[: found.start()] + folded[found.end() :]).strip()
        return found.group("job").strip(), rest if targets(rest) else text
    return "", text


def age(text: str) -> int | None:
    """The learner's age, when the message states it.

    >>> age("I am 40 and would like to become a nurse"), age("J'ai 51 ans"), age("for 12 years")
    (40, 51, None)
    """
    folded = fold(text)
    for pattern in _AGES:
        for found in pattern.finditer(folded):
            value = int(found.group("a"))
            if 14 <= value <= 75:
                return value
    return None


def interests(text: str) -> tuple[str, ...]:
    """What the learner says they like or are good at, in their words.

    >>> interests("I love animals and being outdoors, what could I do?")
    ('animals and being outdoors',)
    >>> interests("I loved electronics in my teens, and have always done skilled work")
    ('electronics in my teens',)
    >>> interests("Je ne sais pas quoi faire de ma vie")
    ()
    """
    found = []
    for sentence in sentences(text):
        before = [
            sentence[liked.start("liked") : liked.end("liked")] for liked in _LIKED_BEFORE.finditer(aligned(sentence))
        ]
        found += [phrase.strip() for phrase in before if _says_an_interest(phrase)]
        for like in _LIKING.finditer(aligned(sentence)):
            rest = sentence[like.end() :]
            end = _INTEREST_END.search(aligned(rest))
            phrase = (rest[: end.start()] if end else rest).strip(" ,:'’")
            if _says_an_interest(phrase):
                found.append(phrase[:MAX_INTEREST_CHARS])
    return tuple(dict.fromkeys(found))


def _says_an_interest(phrase: str) -> bool:
    """Whether the words liked name something to do or know, not only "fun" or "later".

    >>> _says_an_interest("to have fun"), _says_an_interest("plus tard"), _says_an_interest("animals")
    (False, False, True)
    """
    words = set(re.findall(r"[a-z][a-z'-]+", fold(phrase))) - STOPWORDS - _NO_INTEREST
    return any(len(word) > 2 for word in words)


def diploma_in_a_field(text: str) -> bool:
    """Whether the text names a diploma in a field (what it leads to is asked by the field).

    >>> diploma_in_a_field("Que faire avec un master de psycho ?"), diploma_in_a_field("with just a CAP?")
    (True, False)
    """
    return bool(_DIPLOMA_IN.search(fold(text)))


def read(text: str) -> Message:
    """The reading of one message (the conversation is the retriever's). Typographic
    apostrophes are read as straight ones, which the word tables spell ("n’ayant pas pu").

    >>> read("Je n’ai pas envie de devenir boulanger.").targets
    ()
    """
    text = straight_quotes(text)
    folded = fold(text)
    job, rest = without_current_job(focus(text) if is_long(text) else text)
    if not job:
        job = without_current_job(text)[0]
    situation = Situation(
        age=age(text),
        current_job=job,
        **{name: bool(pattern.search(folded)) for name, pattern in _SITUATIONS.items()},
    )
    asked = rest
    asked_folded = fold(asked)
    undecided = bool(_UNDECIDED.search(folded))
    wanted, refused = wishes(text)
    return Message(
        text=text,
        focus=asked,
        situation=situation,
        asks=tuple(name for name, pattern in _ASKS.items() if pattern.search(asked_folded))
        # "J'ai une licence de psycho et je ne sais pas quoi faire": what the diploma leads to.
        + (
            ("diploma_leads_to",)
            if undecided and diploma_in_a_field(text) and not _ASKS["diploma_leads_to"].search(asked_folded)
            else ()
        ),
        interests=interests(text),
        targets=wanted,
        refused=refused,
        uncovered=tuple(name for name, pattern in _UNCOVERED.items() if pattern.search(asked_folded)),
        unnamed_job=bool(_UNNAMED.search(asked_folded)),
        undecided=undecided,
    )


def uncovered_names(topics: tuple[str, ...], language: str) -> list[str]:
    """How an answer names the topics no card covers.

    >>> uncovered_names(("visa",), "en")
    ['a visa or work permit']
    """
    return [UNCOVERED[topic][1 if language == "fr" else 2] for topic in topics]
