"""The spans of a question that may name a job, and the main card a bare everyday name
means ("infirmière": the general-care nurse, not the school nurse). Pure."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import Protocol

from advisor.search.lexical import STOPWORDS
from advisor.text import fold, gender_forms
from advisor.vocabulary import CERTAIN


class Card(Protocol):
    """What a bare name is matched against: a card's names and its ROME codes (a ``Job``)."""

    @property
    def title(self) -> str: ...
    @property
    def rome_code(self) -> str: ...
    @property
    def rome_parent(self) -> str: ...
    @property
    def names(self) -> tuple[str, ...]: ...
    @property
    def english(self) -> tuple[str, ...]: ...


_MAX_SPAN = 5
_WORD = r"[^\W_][\w'-]*"
_PREPOSITIONS = frozenset({"at", "for", "in", "of", "on", "to", "with"})
#: Diplomas name no job: "un master de psycho" read as "Scrum Master", "un BTS" as
#: "Chargé de méthodes BTP", "un CAP" as "Aide-comptable".
DIPLOMAS = frozenset({"bac", "bachelor", "bep", "bts", "cap", "dut", "licence", "master", "mba"})
#: How one trains names no job: "un CAP en apprentissage" read as the machine-learning
#: ("apprentissage automatique") engineer.
ROUTES = frozenset({"apprentissage", "alternance", "apprenticeship", "formation", "stage", "internship"})
#: Words of career talk that read as job names ("en début de carrière": "Carrière" is the
#: quarry worker's feminine title, and "carriere" reads as "carrier" by its characters;
#: "à son compte" read as "Poseur de compteurs"; "a people person" as "delivery person";
#: "les femmes" as "Femme de chambre"; "what to major in" as the army's major; "préparer un
#: bac" as a tax preparer; "la poursuite de mes études" as a follow-spot operator), and
#: diplomas: alone they are no span of the question.
NOT_NAMES = (
    frozenset({"carriere", "compte", "femme", "homme", "person", "professional", "major", "preparer", "poursuite"})
    | DIPLOMAS
    | ROUTES
)
#: A bare name that fits more cards than this ("agent", "chef": hundreds) is too loose to
#: name a main card.
MAX_BARE_CARDS = 30
#: A bare name names its main card for sure, if less than its exact name does.
BARE_NAME_SCORE = CERTAIN
#: What an exact name scores (by characters or word for word).
EXACT_NAME_SCORE = 1.0
#: Everyday names whose main card the cards' names do not show, by ROME code. Counting
#: names misleads where a specialised card carries many aliases ("mécanicien": the aircraft
#: mechanic's 21), where ESCO gives a word another sense ("doctor": doctors of science,
#: read as the R&D engineer; "militaire" went to the army dentist), or where two families
#: tie ("électricien": building and maintenance, 10 names each). Each is the job a
#: careers counsellor hears in the word.
EVERYDAY = {
    "mecanicien": "I1604",
    "electricien": "F1602",
    "educateur": "K1207",
    "pompier": "K1705",
    "militaire": "K1701",
    "soldat": "K1701",
    "policier": "K1708",
    "doctor": "J1102",
    "welder": "H2913",
    "vet": "A1504",
    "soldier": "K1701",
    "social worker": "K1201",
    "artist": "B1101",
    "developer": "M1805",
    "firefighter": "K1705",
    # Found by asking "How do I become a …?" of 70 more everyday names (December 2026):
    # "professeur" went to the music teacher, "prof" to French as a foreign language,
    # "paramedic" to a paramedical school's head, "police officer" to the senior rank,
    # "mason" to the stonemason, "secrétaire" to the technical secretary, "chef" to an IT
    # project lead, "ambulancier" to the auxiliary, and "culinary school" to a fitter of
    # professional kitchens.
    "professeur": "K2107",
    "prof": "K2107",
    "paramedic": "J1305",
    "ambulancier": "J1305",
    "police officer": "K1708",
    "mason": "F1703",
    "secretaire": "M1607",
    "chef": "G1601",
    "culinary": "G1609",
    "prof de sport": "G1204",
    "prof des ecoles": "K2106",
    # American and British names that ESCO spells otherwise ("primary school teacher",
    # "make-up and hair designer", "ambulance technician").
    "elementary school teacher": "K2106",
    "elementary teacher": "K2106",
    "primary teacher": "K2106",
    "makeup artist": "L1501",
    "cosmetology": "D1202",
    "cosmetologist": "D1202",
    "emt": "J1305",
    "hairstylist": "D1202",
    "hair stylist": "D1202",
}


def word_spans(question: str) -> list[tuple[range, str]]:
    """Runs of up to _MAX_SPAN words that neither start nor end with a stopword, with
    the positions of their words; no word of ``NOT_NAMES`` alone.

    >>> word_spans("ma carrière de comptable")
    [(range(1, 4), 'carriere de comptable'), (range(3, 4), 'comptable')]
    """
    words = re.findall(_WORD, fold(question))
    spans = []
    for start in range(len(words)):
        for end in range(start + 1, min(start + _MAX_SPAN, len(words)) + 1):
            if words[start] not in STOPWORDS and words[end - 1] not in STOPWORDS:
                spans.append((range(start, end), " ".join(words[start:end])))
    return [(at, span) for at, span in spans if not {span, span.removesuffix("s")} & NOT_NAMES]


def question_spans(question: str) -> list[str]:
    return [span for _, span in word_spans(question)]


def diplomas_as_such(question: str) -> str:
    """The question with each diploma called a diploma, for the encoder: it read "un master
    de psycho" as the Scrum Master, "un diplôme de psycho" as the psychologist.

    >>> diplomas_as_such("Que faire avec un Master de psycho, ou un BTS ?")
    'Que faire avec un diplôme de psycho, ou un diplôme ?'
    """
    return re.sub(rf"\b(?:{'|'.join(sorted(DIPLOMAS))})s?\b", "diplôme", question, flags=re.IGNORECASE)


def name_words(name: str) -> tuple[str, ...]:
    """A name's words as :func:`word_spans` cuts a question, plurals made singular.

    >>> name_words("Infirmières d'entreprise")
    ('infirmiere', "d'entreprise")
    """
    return tuple(
        w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w for w in re.findall(_WORD, fold(name))
    )


def _english_head(name: tuple[str, ...]) -> tuple[str, ...]:
    """An English name up to its head: its last word, or the one before "of", "in"…

    >>> _english_head(("teacher", "in", "special", "educational", "need"))
    ('teacher',)
    """
    cut = next((at for at, word in enumerate(name) if word in _PREPOSITIONS), len(name))
    return name[:cut]


def _within(span: tuple[str, ...], name: tuple[str, ...]) -> bool:
    """Whether the span's words stand in the name, in order, gaps allowed."""
    rest = iter(name)
    return all(word in rest for word in span)


class BareNames:
    """The main card a job's bare, everyday name goes to. Pure.

    A bare name is a span of the question that is the head of several cards' names:
    their first word in French ("infirmière" heads names of ten cards, from "Infirmière
    de bloc opératoire" to "Infirmière scolaire"), their last word (before any "of",
    "in"…) in English ("nurse" ends names of nine cards; "primary teacher" fits two:
    "primary school teacher", "primary school head teacher"). It names the main card
    among those it fits: the card whose title it is; else one named exactly that; else
    the card whose family (itself and the cards it is the ROME parent of) holds most of
    the names it fits. "Infirmière" has no card of its own:
    J1506 (soins généraux, 15 names) with J1508 (1) and J1510 (6), of which it is the
    parent, holds 22 of the names; J1505 (prévention) with its J1511 and J1512 holds 7.

    Only the longest spans count ("primary teacher", not every "teacher"). A span names
    none when it fits more than ``MAX_BARE_CARDS`` cards ("agent", "chef": hundreds), or
    when two cards tie for main (ESCO names two cards "zookeeper" alone, one name each):
    their names' scores stand.

    >>> from advisor.search.jobs import Job
    >>> def job(code, title, names=(), parent="", english=()):
    ...     return Job(f"{code}.md", title, code, (title, *names), english=english, rome_parent=parent or code)
    >>> cards = BareNames([
    ...     job("J1505", "Infirmier / Infirmière de prévention"),
    ...     job("J1506", "Infirmier / Infirmière en soins généraux", ("Infirmier libéral / Infirmière libérale",)),
    ...     job("J1508", "Infirmier / Infirmière en pratique avancée", parent="J1506"),
    ...     job("J1511", "Infirmier / Infirmière scolaire", parent="J1505"),
    ...     job("K2106", "Professeur / Professeure des écoles", english=("primary school teacher",)),
    ...     job("K2107", "Professeur / Professeure de lycée", english=("PE teacher", "art teacher", "music teacher")),
    ...     job("K2118", "Directeur / Directrice d'école", parent="K2106", english=("primary school head teacher",)),
    ... ])
    >>> cards.main_cards("Je veux devenir infirmière")  # families: J1506's 3 names, J1505's 2
    {1: (0, 2, 3)}
    >>> cards.main_cards("infirmière scolaire")  # the name of one card: no bare name
    {}
    >>> list(cards.main_cards("retraining as a primary teacher")), list(cards.main_cards("a teacher"))
    ([4], [5])
    """

    def __init__(self, jobs: Sequence[Card]) -> None:
        self._jobs = jobs
        by_code = {job.rome_code: number for number, job in reversed(list(enumerate(jobs)))}
        self._everyday = {name_words(name): by_code[code] for name, code in EVERYDAY.items() if code in by_code}
        #: The cards EVERYDAY names in several words: where one is a bare name's main card,
        #: it is named as surely as by its exact name ("police officer" is also ESCO's exact
        #: name for the senior rank, and the counsellor still hears the gardien de la paix).
        #: One word is a bare name ("professeur": "des écoles" may follow).
        self.sure_everyday_cards = frozenset(card for words, card in self._everyday.items() if len(words) > 1)
        self._titles = [{name_words(form) for form in gender_forms(job.title, " / ")} for job in jobs]
        self._names: list[set[tuple[str, ...]]] = []
        # French names by their first word, English ones by their head, the last word.
        self._french: dict[str, list[tuple[tuple[str, ...], int]]] = defaultdict(list)
        self._english: dict[str, list[tuple[tuple[str, ...], int]]] = defaultdict(list)
        self._as_head: Counter[str] = Counter()
        self._in_names: Counter[str] = Counter()
        for number, job in enumerate(jobs):
            french = {name_words(form) for name in job.names for form in gender_forms(name, " / ")} - {()}
            english = {name_words(name) for name in job.english} - {()}
            heads = {_english_head(name) for name in english} - {()}
            self._names.append(french | english)
            for name in french:
                self._french[name[0]].append((name, number))
            for name in heads:
                self._english[name[-1]].append((name, number))
            self._as_head.update([name[0] for name in french] + [name[-1] for name in heads])
            self._in_names.update(word for name in french | english for word in set(name))

    def _heads(self, word: str) -> bool:
        """Whether a word names jobs: it heads at least half the names it is in ("nurse"
        34 of 49); "school" heads 15 of 201 ("secondary school teacher"), "web" 8 of 87
        ("Développeur web"): they only say what a job is about. Acronyms ("pa") are too
        loose."""
        return len(word) > 2 and 2 * self._as_head[word] >= self._in_names[word]

    def fits(self, span: tuple[str, ...]) -> Counter[int]:
        """The cards whose names the span is the head of, with how many of their names."""
        french = self._french.get(span[0], []) if self._heads(span[0]) else []
        english = self._english.get(span[-1], []) if self._heads(span[-1]) else []
        return Counter(number for name, number in french + english if _within(span, name))

    def main(self, span: tuple[str, ...], fitted: Counter[int]) -> int | None:
        """The main card among the cards a bare name fits (see the class), if one leads."""

        def rank(number: int) -> tuple[bool, bool, int]:
            code = self._jobs[number].rome_code
            family = sum(
                names
                for other, names in fitted.items()
                if other == number or (code and self._jobs[other].rome_parent == code)
            )
            return span in self._titles[number], span in self._names[number], family

        first, second = sorted(fitted, key=rank, reverse=True)[:2]
        return first if rank(first) > rank(second) else None

    def main_cards(self, question: str) -> dict[int, tuple[int, ...]]:
        """The main cards of the question's bare names, each with the other cards its name
        fits (its specialised variants), those with most names first."""
        found: dict[int, tuple[int, ...]] = {}
        covered: set[int] = set()
        for at, span in sorted(word_spans(question), key=lambda item: -len(item[0])):
            words = name_words(span)
            fitted = self.fits(words) if not covered.intersection(at) else Counter()
            main: int | None = None
            if words in self._everyday and not covered.intersection(at):
                covered.update(at)
                main = self._everyday[words]
            elif 0 < len(fitted) <= MAX_BARE_CARDS:
                covered.update(at)  # the name of one card ("infirmière scolaire") is no bare name
                main = self.main(words, fitted) if len(fitted) > 1 else None
            if main is not None:
                found[main] = tuple(number for number, _ in fitted.most_common() if number != main)
        return found
