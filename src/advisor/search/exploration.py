"""Jobs to suggest to a learner who describes themself: ROME's interests and themes the
question matches (by the multilingual encoder over their labels and definitions, and by
their words), how close each card's profile is to the question, and the level the
learner allows. The ranking itself is pure (``advisor.search.fit``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from advisor.index.store import Hit
from advisor.search.exploration_request import LIKES, describing_words, max_level, wishes
from advisor.search.exploration_words import (
    CLAUSE_BREAKS,
    INTEREST_WORDS,
    SEEKING,
    STATED_LIKES,
    VAGUE_LABEL_WORDS,
)
from advisor.search.fit import LISTED, Facets, Signals, figure, listed, strongest
from advisor.search.intents import section_matches
from advisor.search.jobs import stored_passages
from advisor.search.lexical import Analyzer
from advisor.search.message import sentences
from advisor.text import fold, straight_quotes
from advisor.vocabulary import ACCESS, FOCUS, HIRING, IN_ENGLISH, PAY, TRANSLATED

if TYPE_CHECKING:
    from advisor.corpus.discovery import Discovery
    from advisor.index.embeddings import Encoder
    from advisor.index.store import ChromaStore
    from advisor.search.served import ServedCorpus

#: Per family of topics: how many a question matches at most, and from how many standard
#: scores above the family's mean (dev explore questions; tried: 1.0 and 2.0 for interests).
TOPICS = {"interests": (3, 1.5), "themes": (2, 1.5), "subdomains": (3, 2.0)}
#: The store's collection of the topics' vectors (``ChromaStore.vectors``).
TOPICS_KIND = "topics"
#: A word of the question found in an interest's label weighs as much as this.
LABEL_WORD_WEIGHT = 0.5
#: The cards whose chunks share the question's describing words join closeness at this
#: weight (dev explore questions, an acceptable job in the first five / three or more: 0
#: gave 0.92 / 0.89, 0.5 gave 0.94 / 0.89; with the words of job seeking left in, 0.5 gave
#: 0.97 / 0.89 and 1.0 gave 1.00 / 0.83, but "quels métiers" found the cards saying "métiers").
WORDS_WEIGHT = 0.5
#: Reciprocal-rank constant of the words' chunks, as in the hybrid search.
WORDS_RANK_K = 10
#: Each stated like (``clauses``) also matches the one topic it stands closest to, from
#: this many standard scores above the family's mean: one vector of "J'aime les sciences, la
#: musique, les arts" hears the sciences only. Bare likes score 2.4 to 4 ("la musique" 2.8,
#: "numbers" 4.0); words that state none mostly under 2.2 ("Any suggestions?" 1.7). At 2.3
#: the dev explore questions with 3+ acceptable jobs went 0.89 -> 0.86; at 2.5 they stay.
CLAUSE_FLOOR = {"interests": 2.5}
#: At most this many likes are read apart (each costs the encoder a query).
MAX_CLAUSES = 12
#: A sentence of at most this many words that asks nothing is a like said apart ("numbers").
BARE_LIKE_WORDS = 3
#: The section whose chunk holds the line of a figure a list is sorted by (its English
#: translation first for an English answer): a list cites it beside the figure it shows,
#: which the answer's gate checks there.
SORTED_SECTION = {"pay": PAY, "difficulty": HIRING}


def _text(label_fr: str, label_en: str, definition: str) -> str:
    # With the definitions, dev explore questions found an acceptable job in the first five
    # 0.81 of the time; with the labels alone, 0.58.
    return f"{label_fr}. {label_en}. {definition}"


@dataclass(frozen=True)
class Suggestion:
    card: Facets
    score: float
    hits: tuple[Hit, ...]  # what it is (Focus métier, or In English), its access, the figure sorted by


@dataclass(frozen=True)
class Choice:
    """What a learner picked instead of (or besides) writing: interests by code, RIASEC
    letters, the highest level of study, a ROME domain; how to sort the jobs that fit
    ("" by fit, or a figure of ``SORTS``: "pay", "difficulty"), and whether to keep only
    those one can train for as an apprentice."""

    interests: tuple[int, ...] = ()
    riasec: str = ""
    max_level: str | None = None
    domain: str = ""
    sort: str = ""
    apprenticeship: bool = False


@dataclass(frozen=True)
class Exploration:
    """What an exploration found: the jobs, the level allowed, the interests matched, and
    how the jobs are sorted and filtered."""

    suggestions: tuple[Suggestion, ...]
    level: str | None
    interests: tuple[str, ...]  # labels of the matched interests, in the question's language
    sort: str = ""
    apprenticeship: bool = False


class Explorer:
    """Ranks the served cards for a question that describes the learner."""

    def __init__(self, discovery: Discovery | None, encoder: Encoder | None, store: ChromaStore | None = None) -> None:
        """``store`` keeps the encoder's vectors of the topics (``store_topics``)."""
        self.discovery, self.encoder, self.store = discovery, encoder, store
        self._analyze = Analyzer()
        self._vectors: dict[str, tuple[list, np.ndarray]] | None = None
        self._areas: list[str] = []
        self._label_words: dict[int, set[str]] | None = None
        self._everyday: dict[int, set[str]] = {
            code: set(self._analyze(words)) for code, words in INTEREST_WORDS.items()
        }

    def _families(self, areas: list[str]) -> dict[str, tuple[list, list[str]]]:
        """Each family of topics (interests, themes, ROME sub-domains): its keys and the
        texts the encoder reads of them (labels, and definitions)."""
        families: dict[str, tuple[list, list[str]]] = {}
        if self.discovery is not None:
            families["interests"] = (
                [i.code for i in self.discovery.interests],
                [_text(i.label_fr, i.label_en, i.definition_fr) for i in self.discovery.interests],
            )
            families["themes"] = (
                [t.code for t in self.discovery.themes],
                [_text(t.label_fr, t.label_en, t.definition_fr) for t in self.discovery.themes],
            )
        families["subdomains"] = (areas, areas)
        return {name: family for name, family in families.items() if family[0]}

    def _topics(self, cards: list[Facets]) -> dict[str, tuple[list, np.ndarray]]:
        """Each family's keys and the encoder's vectors of its texts, read from the store
        (or encoded) on first use and again when a new index generation brings other
        sub-domains."""
        areas = _areas(cards)
        if self._vectors is None or areas != self._areas:
            assert self.encoder is not None
            self._areas = areas
            self._vectors = {
                name: (keys, stored_passages(texts, self.encoder, self.store, TOPICS_KIND))
                for name, (keys, texts) in self._families(areas).items()
            }
        return self._vectors

    def store_topics(self, cards: list[Facets]) -> None:
        """Encode the topics of these cards into the store (the index build does, before it
        commits), and forget the topics no longer there."""
        if self.encoder is None or self.store is None:
            return
        texts = [text for _, family in self._families(_areas(cards)).values() for text in family]
        stored_passages(texts, self.encoder, self.store, TOPICS_KIND, forget_others=True)

    def _labels(self) -> dict[int, set[str]]:
        """Each interest's label words (stems, FR and EN), less those every label has."""
        if self._label_words is None:
            interests = self.discovery.interests if self.discovery else ()
            words = {i.code: set(self._analyze(f"{i.label_fr} {i.label_en}")) for i in interests}
            self._label_words = distinctive(words, set(self._analyze(VAGUE_LABEL_WORDS)))
        return self._label_words

    def signals(self, question: str, cards: list[Facets], profiles: np.ndarray | None) -> Signals:
        """Interests, themes, sub-domains and closeness of every card, for the question."""
        signals = Signals()
        if self.encoder is None:
            return signals
        query = np.asarray(self.encoder.query(question), dtype=np.float32)
        parts = clauses(question)
        likes = [np.asarray(self.encoder.query(part), dtype=np.float32) for part in parts] if len(parts) > 1 else []
        matched: dict[str, dict] = {}
        for name, (keys, vectors) in self._topics(cards).items():
            keep, floor = TOPICS[name]
            scores = vectors @ query
            matched[name] = strongest(dict(zip(keys, (float(v) for v in scores), strict=True)), keep, floor)
            if name in CLAUSE_FLOOR:
                for like in likes:
                    each = dict(zip(keys, (float(v) for v in vectors @ like), strict=True))
                    for key, weight in strongest(each, 1, CLAUSE_FLOOR[name]).items():
                        matched[name][key] = max(matched[name].get(key, 0.0), weight)
        signals.interests = matched.get("interests", {})
        signals.themes = matched.get("themes", {})
        signals.subdomains = matched.get("subdomains", {})
        # The whole question's: "hands-on" in "Any hands-on jobs?" is a like too.
        words = set(self._analyze(question))
        for code, label in self._labels().items():
            # "animaux" in the question and in "J'aime m'occuper des animaux"; "numbers"
            # is an everyday word of "J'aime manier les chiffres".
            if shares_word(words, label) or words & self._everyday.get(code, set()):
                signals.interests[code] = signals.interests.get(code, 0.0) + LABEL_WORD_WEIGHT
        if profiles is not None and len(cards) == len(profiles):
            closeness = profiles @ query
            mean, spread = float(closeness.mean()), float(closeness.std()) or 1.0
            standard = (closeness - mean) / spread
            top = float(standard.max()) or 1.0
            signals.closeness = {
                card.path: max(0.0, float(value) / top) for card, value in zip(cards, standard, strict=True)
            }
        return signals

    def explore(
        self, question: str, served: ServedCorpus, language: str, choice: Choice | None = None, limit: int = LISTED
    ) -> Exploration:
        """The jobs of the served cards that fit, each with the chunks an answer quotes.
        The cards whose chunks share the question's describing words (BM25) count too: "la
        mer" finds the seaweed harvester whose card says so. Picked interests count as a
        perfect match; a domain alone lists its jobs by title. A wish, picked or said,
        sorts the jobs that fit by a figure or keeps the apprenticeship ones."""
        choice = choice or Choice()
        level = choice.max_level or max_level(question)
        sort, apprentice, question = wishes(question)
        sort, apprentice = choice.sort or sort, choice.apprenticeship or apprentice
        cards = served.facets
        signals = self.signals(question, cards, served.linker.profiles) if question.strip() else Signals()
        if question.strip():
            for path, value in _by_card(served.cards_with_words(describing_words(question))).items():
                signals.closeness[path] = signals.closeness.get(path, 0.0) + WORDS_WEIGHT * value
        for code in choice.interests:
            signals.interests[code] = signals.interests.get(code, 0.0) + 1.0
        signals.riasec = choice.riasec.upper()
        described = bool(question.strip() or signals.interests or signals.riasec)
        suggestions = []
        for card, score in listed(cards, signals, level, limit, choice.domain, sort, apprentice, described):
            chunks = served.chunks_of(card.path)
            what = _first(chunks, (IN_ENGLISH, FOCUS) if language == "en" else (FOCUS,))
            access = _first(chunks, (ACCESS,))
            sections: tuple[str, ...] = ()
            if sort and figure(card, sort):
                section = SORTED_SECTION[sort]
                sections = (TRANSLATED[section], section) if language == "en" else (section,)
            shown = _first(chunks, sections)
            hits = tuple(hit for hit in (what, access, shown) if hit is not None)
            if hits:
                suggestions.append(Suggestion(card, score, hits))
        labels = []
        if self.discovery is not None:
            named = {i.code: i.label_en if language == "en" else i.label_fr for i in self.discovery.interests}
            labels = [named[code] for code in sorted(signals.interests, key=lambda c: -signals.interests[c])]
        return Exploration(tuple(suggestions), level, tuple(labels[:3]), sort, apprentice)


def clauses(question: str) -> list[str]:
    """The likes a question states, one a part, to match apart: each item listed in its
    sentences that speak of the learner, and its sentences of a few words that ask
    nothing (likes said elsewhere in a message, appended).

    >>> clauses("J'aime les sciences, la musique et les arts. Des idées ?")
    ["J'aime les sciences", 'la musique', 'les arts']
    >>> clauses("I'm organized and good with numbers. Trouble is, I'm so lost. Any suggestions? numbers")
    ["I'm organized", 'good with numbers', 'numbers']
    """
    parts: list[str] = []
    for sentence in sentences(question):
        bare = len(sentence.split()) <= BARE_LIKE_WORDS and not sentence.endswith("?")
        folded = fold(straight_quotes(sentence))
        if bare or LIKES.search(folded) or re.search(STATED_LIKES, folded):
            parts += [part.strip(" .!?") for part in re.split(CLAUSE_BREAKS, sentence, flags=re.IGNORECASE)]
    return [part for part in parts if _says_something(part)][:MAX_CLAUSES]


def _says_something(part: str) -> bool:
    # "and I'd like" states nothing: only words of looking for a job, or short ones.
    return any(len(word) > 2 and fold(word) not in SEEKING for word in re.findall(r"[\w-]+", part))


def distinctive(labels: dict[int, set[str]], vague: set[str]) -> dict[int, set[str]]:
    """Each label's words that tell it from the others: less the vague ones, and those
    another label has too ("care" in "take care of others" and "of animals").

    >>> distinctive({1: {"car", "animal"}, 2: {"car", "other", "good"}}, {"good"})
    {1: {'animal'}, 2: {'other'}}
    """
    counts: dict[str, int] = {}
    for words in labels.values():
        for word in words:
            counts[word] = counts.get(word, 0) + 1
    return {code: {w for w in words if counts[w] == 1 and w not in vague} for code, words in labels.items()}


def shares_word(words: set[str], label: set[str], least: int = 5, enough: int = 6) -> bool:
    """Whether the question has a word of the label, or one that begins as a label's word
    of at least ``least`` letters does, for ``enough`` letters or the whole word: stems of
    two languages and spellings differ ("organized", "organis"; "naturel", "natur").

    >>> shares_word({"organized"}, {"organis"}), shares_word({"naturel"}, {"natur"})
    (True, True)
    >>> shares_word({"drawn"}, {"draw"}), shares_word({"art"}, {"artist"}), shares_word({"organ"}, {"organis"})
    (False, False, False)
    """
    return bool(words & label) or any(
        len(stem) >= least and word[: min(len(stem), enough)] == stem[:enough] for stem in label for word in words
    )


def _areas(cards: list[Facets]) -> list[str]:
    return sorted({card.subdomain for card in cards if card.subdomain})


def _by_card(paths: list[str]) -> dict[str, float]:
    """Each card's share of the reciprocal ranks of its chunks, the best card at 1.

    >>> _by_card(["a", "b", "a"])
    {'a': 1.0, 'b': 0.496}
    """
    scores: dict[str, float] = {}
    for rank, path in enumerate(paths):
        scores[path] = scores.get(path, 0.0) + 1.0 / (WORDS_RANK_K + rank)
    top = max(scores.values(), default=1.0)
    return {path: round(value / top, 3) for path, value in scores.items()}


def _first(chunks: list[Hit], prefixes: tuple[str, ...]) -> Hit | None:
    return next(
        (chunk for prefix in prefixes for chunk in chunks if section_matches(chunk.metadata["section"], (prefix,))),
        None,
    )
