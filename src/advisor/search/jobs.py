"""Job linking: which cards a question is about, from their titles, ~13,000 aliases and English names.

Most questions name a job, often with a typo or another gender form than the card's
title; matching character n-grams of the question's word spans against every name
finds it where word search fails ("boulangé", "develloper web", "infirmiére").
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from advisor.search.english_names import EnglishNames
from advisor.search.name_spans import BARE_NAME_SCORE, EXACT_NAME_SCORE, BareNames, diplomas_as_such, question_spans
from advisor.text import fold, fold_words, gender_forms
from advisor.vocabulary import ALIASES, CERTAIN, ENGLISH_NAMES, FOCUS, NAMED

if TYPE_CHECKING:  # index.embeddings imports langchain_core (0.3 s): only its type is needed here
    from advisor.index.embeddings import Encoder
    from advisor.index.store import ChromaStore

#: Link scores given to the encoder's three best cards when no name matched for sure.
DENSE_LINK_WEIGHTS = (0.9, 0.6, 0.4)
#: A name match this close, by more of the question's words, rivals an exact name.
LONGER_RIVAL = 0.8
PROFILE_CHARS = 400
#: The store's collection of profile vectors (``ChromaStore.vectors``).
PROFILES = "profiles"
PROFILE_ENGLISH_NAMES = 3
#: English names match word for word (``english_names``); a misspelt one ("locksmth") is
#: read by characters, as French names are, when no name matched, and below certainty
#: (dev EN hit@1 0.78 -> 0.80; applied to every question it cost 0.02).
ENGLISH_TYPO_WEIGHT = 0.8
SUMMARY_CHARS = 250
#: Beyond the k best, how many cards sure ties are looked for among.
TIES = 20


@dataclass(frozen=True)
class Job:
    path: str
    title: str
    rome_code: str
    names: tuple[str, ...]
    summary: str = ""  # the first line of its "Focus métier"
    english: tuple[str, ...] = ()  # its English names (ESCO's), matched word for word
    rome_parent: str = ""  # the ROME v3 card it comes from (itself if not split)


def is_variant(job: Job, main: Job) -> bool:
    """Whether a card is a specialised form of the main card: split from the same ROME v3
    card, or titled by the same first word. ESCO calls a midwife a "nurse midwife", which
    makes her no kind of nurse.

    >>> nurse = Job("a", "Infirmier / Infirmière en soins généraux (IDE)", "J1506", (), rome_parent="J1506")
    >>> is_variant(Job("b", "Infirmier / Infirmière scolaire", "J1511", (), rome_parent="J1505"), nurse)
    True
    >>> is_variant(Job("c", "Homme sage-femme / Sage-femme", "J1104", (), rome_parent="J1104"), nurse)
    False
    """
    head = fold_words(main.title).split()[:1]
    return bool(main.rome_parent and job.rome_parent == main.rome_parent) or fold_words(job.title).split()[:1] == head


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


class JobLinker:
    """Cards ranked by how well the question names them.

    First by the characters of its word spans against every title and alias; when no
    name is found that way (another language, a paraphrase), by a multilingual encoder's
    similarity between the question and each card's profile.
    """

    def __init__(self, jobs: list[Job], encoder: Encoder | None = None, profiles: np.ndarray | None = None) -> None:
        from sklearn.feature_extraction.text import TfidfVectorizer

        self.jobs = jobs
        self._number = {id(job): number for number, job in enumerate(jobs)}
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

    def variants(self, question: str) -> dict[str, list[Job]]:
        """For each card a bare name of the question goes to (by path), the specialised
        cards that name also fits: "infirmière" -> the general-care nurse, and the school,
        theatre, anaesthetist… nurses."""
        return {
            self.jobs[main].path: [
                self.jobs[other] for other in others if is_variant(self.jobs[other], self.jobs[main])
            ]
            for main, others in self._bare.main_cards(question).items()
        }

    def unrivalled(self, question: str, matches: list[tuple[Job, float]]) -> bool:
        """Whether the first of the question's ``name_matches`` is the job named: a sure
        name with no sure rival, nor a near one named by more of the question's words
        ("UX designer": "designer" is one card's exact name, "UX - UI Designer" the
        longer match), unless the everyday table chose it ("police officer")."""
        if not matches or matches[0][1] < CERTAIN:
            return False
        top = self._number[id(matches[0][0])]
        if top in self._bare.sure_everyday_cards:
            return True
        if any(score >= CERTAIN for _, score in matches[1:]):
            return False
        near = [self._number[id(job)] for job, score in matches[1:] if score >= LONGER_RIVAL]
        if not near:
            return True
        _, longest, _, _ = self._scores(question)
        return not any(longest[number] > longest[top] for number in near)

    def _scores(self, question: str) -> tuple[np.ndarray, np.ndarray, dict[int, tuple[int, ...]], bool]:
        """Each card's best name score for the question, the words of the span that gave
        it, the main cards of its bare names, and whether an English name is exact."""
        spans = question_spans(question)
        if not spans or self._names is None:
            return np.zeros(len(self.jobs)), np.zeros(len(self.jobs)), {}, False
        by_span = (self._vectorizer.transform(spans) @ self._names.T).toarray()
        similarity = by_span.max(axis=0)
        best_per_job = np.zeros(len(self.jobs))
        np.maximum.at(best_per_job, self._owner, similarity)
        # Of two names as close, the one a longer span matches: "ostéopathe animalier" is
        # the animal osteopath's exact name, and "ostéopathe" the osteopath's.
        words = np.array([len(span.split()) for span in spans])[by_span.argmax(axis=0)]
        longest = np.zeros(len(self.jobs))
        np.maximum.at(longest, self._owner, np.where(similarity >= best_per_job[self._owner], words, 0))
        exact = self._english.matches(question)
        for number, score in exact.items():
            best_per_job[number] = max(best_per_job[number], score)
        mains = self._bare.main_cards(question)
        for number in mains:
            score = EXACT_NAME_SCORE if number in self._bare.sure_everyday_cards else BARE_NAME_SCORE
            best_per_job[number] = max(best_per_job[number], score)
        return best_per_job, longest, mains, bool(exact)

    def name_matches(self, question: str, k: int) -> list[tuple[Job, float]]:
        """The k cards with a name closest to a span of the question (1: an exact name):
        French titles and aliases by characters, English names word for word."""
        spans = question_spans(question)
        if not spans or self._names is None:
            return []
        best_per_job, longest, mains, exact = self._scores(question)
        # Only where nothing was named: an English label read loosely once linked French
        # questions at random ("kiné" to an erector).
        if not exact and best_per_job.max() < NAMED and self._english_names is not None:
            loose = (self._vectorizer.transform(spans) @ self._english_names.T).toarray().max(axis=0)
            np.maximum.at(best_per_job, self._english_owner, ENGLISH_TYPO_WEIGHT * loose)
        # Sure ties (ESCO names three cards "auto mechanic") go to the bare name's main card, then
        # to the longer span; looser ties keep the order they had.
        rounded = np.round(best_per_job, 6)  # 1.0 and 0.9999999999999999 tie

        def rank(i: int) -> tuple[float, bool, float]:
            sure = rounded[i] >= CERTAIN
            return -rounded[i], not (sure and i in mains), -longest[i] if sure else 0.0

        ranked = sorted(np.argsort(-best_per_job)[: k + TIES], key=rank)[:k]
        return [(self.jobs[i], float(best_per_job[i])) for i in ranked if best_per_job[i] > 0]
