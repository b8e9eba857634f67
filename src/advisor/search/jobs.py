"""Job linking: which cards a question is about, from their titles, ~13,000 aliases and English names.

Most questions name a job, often with a typo or another gender form than the card's
title; matching character n-grams of the question's word spans against every name
finds it where word search fails ("boulangé", "develloper web", "infirmiére").
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from advisor.search.english_names import EnglishNames
from advisor.search.lexical import STOPWORDS
from advisor.text import fold, gender_forms
from advisor.vocabulary import ALIASES, CERTAIN, ENGLISH_NAMES, FOCUS, NAMED

if TYPE_CHECKING:  # index.embeddings imports langchain_core (0.3 s): only its type is needed here
    from advisor.index.embeddings import Encoder
    from advisor.index.store import ChromaStore

_MAX_SPAN = 5
_WORD = r"[^\W_][\w'-]*"
_PREPOSITIONS = frozenset({"at", "for", "in", "of", "on", "to", "with"})
#: Link scores given to the encoder's three best cards when no name matched for sure.
DENSE_LINK_WEIGHTS = (0.9, 0.6, 0.4)
PROFILE_CHARS = 400
#: The store's collection of profile vectors (``ChromaStore.vectors``).
PROFILES = "profiles"
PROFILE_ENGLISH_NAMES = 3
#: English names match word for word (``english_names``); a misspelt one ("locksmth") is
#: read by characters, as French names are, when no name matched, and below certainty
#: (dev EN hit@1 0.78 -> 0.80; applied to every question it cost 0.02).
ENGLISH_TYPO_WEIGHT = 0.8
SUMMARY_CHARS = 250
#: Diplomas name no job: "un master de psycho" read as "Scrum Master", "un BTS" as
#: "Chargé de méthodes BTP", "un CAP" as "Aide-comptable".
DIPLOMAS = frozenset({"bac", "bachelor", "bep", "bts", "cap", "dut", "licence", "master", "mba"})
#: Words of career talk that read as job names ("en début de carrière": "Carrière" is the
#: quarry worker's feminine title, and "carriere" reads as "carrier" by its characters;
#: "à son compte" read as "Poseur de compteurs"; "a people person" as "delivery person";
#: "les femmes" as "Femme de chambre"), and diplomas: alone they are no span of the question.
NOT_NAMES = frozenset({"carriere", "compte", "femme", "homme", "person", "professional"}) | DIPLOMAS
#: A bare name that fits more cards than this ("agent", "chef": hundreds) is too loose to
#: name a main card.
MAX_BARE_CARDS = 30
#: A bare name names its main card for sure, if less than its exact name does.
BARE_NAME_SCORE = CERTAIN


@dataclass(frozen=True)
class Job:
    path: str
    title: str
    rome_code: str
    names: tuple[str, ...]
    summary: str = ""  # the first line of its "Focus métier"
    english: tuple[str, ...] = ()  # its English names (ESCO's), matched word for word
    rome_parent: str = ""  # the ROME v3 card it comes from (itself if not split)


def alias_lines(body: str) -> list[str]:
    """Aliases listed in an "Autres intitulés" section: bullet lines or comma lists.

    >>> alias_lines("- Mitron\\n- Baker")
    ['Mitron', 'Baker']
    >>> alias_lines("Embedded AI Engineer, Ingénieur Edge AI")
    ['Embedded AI Engineer', 'Ingénieur Edge AI']
    """
    aliases = []
    for line in body.splitlines():
        line = line.strip()
        if line.startswith("### ") or not line:
            continue
        if line.startswith("- "):
            aliases.append(line[2:].strip())
        else:
            aliases += [part.strip() for part in line.split(",") if part.strip()]
    return aliases


_ALIASES, _ENGLISH_NAMES, _FOCUS = fold(ALIASES), fold(ENGLISH_NAMES), fold(FOCUS)


def jobs_from_chunks(chunks: Iterable[tuple[str, dict]]) -> list[Job]:
    """One Job per card, from the served chunks' (text, metadata)."""
    cards: dict[str, dict] = {}
    for text, metadata in sorted(chunks, key=lambda chunk: chunk[1]["position"]):
        card = cards.setdefault(
            metadata["path"],
            {
                "title": metadata["title"],
                "rome_code": metadata["rome_code"],
                "rome_parent": metadata.get("rome_parent", ""),
                "names": [metadata["title"]],
            },
        )
        section = fold(metadata["section"])
        if section.startswith(_ALIASES):
            card["names"] += alias_lines(text.split("\n", 1)[-1])
        elif section.startswith(_ENGLISH_NAMES):
            card.setdefault("english", []).extend(alias_lines(text.split("\n", 1)[-1]))
        elif section.startswith(_FOCUS) and "summary" not in card:
            card["summary"] = text.split("\n", 1)[-1].split("\n", 1)[0][:SUMMARY_CHARS]
    return [
        Job(
            path,
            card["title"],
            card["rome_code"],
            tuple(dict.fromkeys(card["names"])),
            card.get("summary", ""),
            tuple(dict.fromkeys(card.get("english", []))),
            card["rome_parent"],
        )
        for path, card in sorted(cards.items())
    ]


def _word_spans(question: str) -> list[tuple[range, str]]:
    """Runs of up to _MAX_SPAN words that neither start nor end with a stopword, with
    the positions of their words; no word of ``NOT_NAMES`` alone.

    >>> _word_spans("ma carrière de comptable")
    [(range(1, 4), 'carriere de comptable'), (range(3, 4), 'comptable')]
    """
    words = re.findall(_WORD, fold(question))
    spans = []
    for start in range(len(words)):
        for end in range(start + 1, min(start + _MAX_SPAN, len(words)) + 1):
            if words[start] not in STOPWORDS and words[end - 1] not in STOPWORDS:
                spans.append((range(start, end), " ".join(words[start:end])))
    return [(at, span) for at, span in spans if not {span, span.removesuffix("s")} & NOT_NAMES]


def _spans(question: str) -> list[str]:
    return [span for _, span in _word_spans(question)]


def profile_text(job: Job) -> str:
    """What the multilingual encoder reads of a card: title, a few aliases, what the job is.

    Measured on the dev questions in English: the title alone links 0.39 of them (top 1),
    with the definition 0.59, with five aliases too 0.63. With the card's first three
    English names (ESCO's), hybrid retrieval's dev hit@5 in English went from 0.86 to
    0.90 (one name: 0.90 with a lower hit@1; five: 0.87).
    """
    english = f"{', '.join(job.english[:PROFILE_ENGLISH_NAMES])}. " if job.english else ""
    return f"{job.title}. {english}{', '.join(job.names[1:6])}. {job.summary}"[:PROFILE_CHARS]


def vector_key(encoder_name: str, text: str) -> str:
    """What a vector is stored under: the encoder and the text it encoded."""
    return hashlib.sha256(f"{encoder_name}\0{text}".encode()).hexdigest()[:32]


def stored_passages(
    texts: list[str], encoder: Encoder, store: ChromaStore | None, kind: str, forget_others: bool = False
) -> np.ndarray:
    """The encoder's passage vectors of the texts: those the store holds under ``kind``,
    the others encoded and stored, so an edited text costs its own vector only;
    ``forget_others`` deletes the ``kind`` vectors of any other text."""
    keys = [vector_key(encoder.name, text) for text in texts]
    stored = store.vectors(kind, keys) if store else {}
    missing = [number for number, key in enumerate(keys) if key not in stored]
    if missing:
        encoded = np.asarray(encoder.passages([texts[n] for n in missing]), dtype=np.float32)
        stored.update(zip((keys[n] for n in missing), encoded, strict=True))
        if store:
            store.save_vectors(kind, [keys[n] for n in missing], encoded.tolist())
    if store and forget_others:
        store.keep_vectors(kind, set(keys))
    vectors = np.asarray([stored[key] for key in keys], dtype=np.float32)
    return vectors.reshape(len(keys), -1) if keys else vectors.reshape(0, 0)


def profile_vectors(
    jobs: list[Job], encoder: Encoder, store: ChromaStore | None, forget_others: bool = False
) -> np.ndarray:
    """The encoder's vectors of every card's profile (a minute for the shipped corpus)."""
    return stored_passages([profile_text(job) for job in jobs], encoder, store, PROFILES, forget_others)


def diplomas_as_such(question: str) -> str:
    """The question with each diploma called a diploma, for the encoder: it read "un master
    de psycho" as the Scrum Master, "un diplôme de psycho" as the psychologist.

    >>> diplomas_as_such("Que faire avec un Master de psycho, ou un BTS ?")
    'Que faire avec un diplôme de psycho, ou un diplôme ?'
    """
    return re.sub(rf"\b(?:{'|'.join(sorted(DIPLOMAS))})s?\b", "diplôme", question, flags=re.IGNORECASE)


def _words(name: str) -> tuple[str, ...]:
    """A name's words as :func:`_word_spans` cuts a question, plurals made singular.

    >>> _words("Infirmières d'entreprise")
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
    {1}
    >>> cards.main_cards("infirmière scolaire")  # the name of one card: no bare name
    set()
    >>> cards.main_cards("retraining as a primary teacher"), cards.main_cards("a teacher")
    ({4}, {5})
    """

    def __init__(self, jobs: Sequence[Job]) -> None:
        self._jobs = jobs
        self._titles = [{_words(form) for form in gender_forms(job.title, " / ")} for job in jobs]
        self._names: list[set[tuple[str, ...]]] = []
        # French names by their first word, English ones by their head, the last word.
        self._french: dict[str, list[tuple[tuple[str, ...], int]]] = defaultdict(list)
        self._english: dict[str, list[tuple[tuple[str, ...], int]]] = defaultdict(list)
        self._as_head: Counter[str] = Counter()
        self._in_names: Counter[str] = Counter()
        for number, job in enumerate(jobs):
            french = {_words(form) for name in job.names for form in gender_forms(name, " / ")} - {()}
            english = {_words(name) for name in job.english} - {()}
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

    def main_cards(self, question: str) -> set[int]:
        """The main cards of the question's bare names."""
        found: set[int] = set()
        covered: set[int] = set()
        for at, span in sorted(_word_spans(question), key=lambda item: -len(item[0])):
            words = _words(span)
            fitted = self.fits(words) if not covered.intersection(at) else Counter()
            if 0 < len(fitted) <= MAX_BARE_CARDS:
                covered.update(at)  # the name of one card ("infirmière scolaire") is no bare name
                main = self.main(words, fitted) if len(fitted) > 1 else None
                found.update([] if main is None else [main])
        return found


class JobLinker:
    """Cards ranked by how well the question names them.

    First by the characters of its word spans against every title and alias; when no
    name is found that way (another language, a paraphrase), by a multilingual encoder's
    similarity between the question and each card's profile.
    """

    def __init__(self, jobs: list[Job], encoder: Encoder | None = None, profiles: np.ndarray | None = None) -> None:
        from sklearn.feature_extraction.text import TfidfVectorizer

        self.jobs = jobs
        self._encoder, self.profiles = encoder, profiles
        owner: list[int] = []
        names = []
        for number, job in enumerate(jobs):
            for name in job.names:
                for variant in gender_forms(name, " / "):
                    names.append(fold(variant))
                    owner.append(number)
        self._owner = np.array(owner)
        self._vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 4), sublinear_tf=True)
        self._names = self._vectorizer.fit_transform(names) if names else None
        self._english = EnglishNames([job.english for job in jobs])
        self._bare = BareNames(jobs)
        english_owner = [number for number, job in enumerate(jobs) for _ in job.english]
        english_names = [fold(name) for job in jobs for name in job.english]
        self._english_owner = np.array(english_owner)
        self._english_names = self._vectorizer.transform(english_names) if english_names else None

    def names(self, question: str, threshold: float = NAMED) -> bool:
        """Whether the question names a job by one of its titles or aliases."""
        return any(score >= threshold for _, score in self.name_matches(question, 1))

    def link(
        self, question: str, k: int = 5, matches: list[tuple[Job, float]] | None = None
    ) -> list[tuple[Job, float]]:
        """The k best cards, scored in [0, 1]; ``matches`` are the question's name matches,
        when the caller already has them."""
        matches = self.name_matches(question, k) if matches is None else matches
        if (matches and matches[0][1] >= CERTAIN) or self.profiles is None:
            return matches
        # No name for sure (another language, a paraphrase, an English word that is also
        # a French alias, as "driver"): the encoder's best cards join the name matches.
        assert self._encoder is not None  # the profiles are its vectors
        similarity = self.profiles @ np.asarray(self._encoder.query(diplomas_as_such(question)), dtype=np.float32)
        scores = {id(job): (job, score) for job, score in matches}
        for weight, i in zip(DENSE_LINK_WEIGHTS, np.argsort(-similarity), strict=False):
            job = self.jobs[i]
            scores[id(job)] = (job, max(weight, scores.get(id(job), (job, 0.0))[1]))
        return sorted(scores.values(), key=lambda pair: -pair[1])[:k]

    def name_matches(self, question: str, k: int) -> list[tuple[Job, float]]:
        """The k cards with a name closest to a span of the question (1: an exact name):
        French titles and aliases by characters, English names word for word."""
        spans = _spans(question)
        if not spans or self._names is None:
            return []
        similarity = (self._vectorizer.transform(spans) @ self._names.T).toarray().max(axis=0)
        best_per_job = np.zeros(len(self.jobs))
        np.maximum.at(best_per_job, self._owner, similarity)
        exact = self._english.matches(question)
        for number, score in exact.items():
            best_per_job[number] = max(best_per_job[number], score)
        for number in self._bare.main_cards(question):
            best_per_job[number] = max(best_per_job[number], BARE_NAME_SCORE)
        # Only where nothing was named: an English label read loosely once linked French
        # questions at random ("kiné" to an erector).
        if not exact and best_per_job.max() < NAMED and self._english_names is not None:
            loose = (self._vectorizer.transform(spans) @ self._english_names.T).toarray().max(axis=0)
            np.maximum.at(best_per_job, self._english_owner, ENGLISH_TYPO_WEIGHT * loose)
        ranked = np.argsort(-best_per_job)[:k]
        return [(self.jobs[i], float(best_per_job[i])) for i in ranked if best_per_job[i] > 0]
