"""Find the chunks that answer a question, from the generation the index serves.

Three retrievers, chosen by ``mode``, so that they can be compared (``advisor eval``):
- ``dense``: the embedding model's nearest chunks (Chroma);
- ``lexical``: BM25 over the same chunks;
- ``hybrid``: both, fused by reciprocal rank, plus the two signals that know this
  corpus is about jobs: the cards whose names the question mentions (job linking),
  and the sections its intent asks for (access, pay, skills, …).
"""

from __future__ import annotations

import threading
from concurrent.futures import Future
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from advisor.errors import ConfigError, IndexMismatchError, IndexMissingError
from advisor.index.chunks import is_figure
from advisor.index.store import ChromaStore, Hit, Manifest
from advisor.search.comparison import compared_jobs, comparison_hits
from advisor.search.exploration import Choice
from advisor.search.exploration_request import exploring, max_level, wishes
from advisor.search.intents import sections_for
from advisor.search.language import detect_language
from advisor.search.message import Message, diploma_in_a_field, read, sentences, with_alternatives
from advisor.search.message_jobs import asked_job, searched, skills_of_change
from advisor.search.name_spans import diplomas_as_such
from advisor.search.ranking import asked_section_first, candidates, fuse, named_first, related_chunk
from advisor.search.served import ServedCorpus, served_manifest
from advisor.search.wishes import compares_now, with_fields_named
from advisor.text import fold
from advisor.vocabulary import ACCESS, CERTAIN, NAMED

if TYPE_CHECKING:  # langchain_core costs 0.3 s to import, and a no-change run needs none of it
    from langchain_core.embeddings import Embeddings

    from advisor.index.embeddings import Encoder
    from advisor.search.exploration import Exploration, Explorer

MODES = ("dense", "lexical", "hybrid")
CANDIDATES = 50  # chunks taken from each ranker before fusion
LINKED_JOBS = 3
#: An answer to a question back ("Which job?" -> "infirmier") is a name of a few words.
NAME_ONLY_WORDS = 4
#: A sentence of a long message this short may set two jobs against each other by itself.
SHORT_SENTENCE_WORDS = 6


@dataclass
class Retrieval:
    """What a search found, and what the answer stage needs to judge it."""

    question: str
    query: str  # the question made standalone with the conversation's topic
    hits: list[Hit]
    named: float  # how surely the question itself names a job by a card's name (1: exactly)
    sections: tuple[str, ...]  # section prefixes the question's intent asks for
    compared: tuple[str, str] | None = None  # the two cards' paths, when it compares two jobs
    #: Other cards the question may be about, best first: (title, ROME code, path).
    candidates: list[tuple[str, str, str]] = field(default_factory=list)
    related: Hit | None = None  # the best card's "Métiers proches", for the answer's last line
    titles: frozenset[str] = frozenset()  # the cards' titles of two words or more, folded
    english_names: dict[str, str] = field(default_factory=dict)  # a hit's card path -> its first English name
    exploration: Exploration | None = None  # the jobs suggested to a learner who described themself
    interim: bool = False  # found while the first build runs: word search, no vectors
    message: Message | None = None  # the reading of the learner's message
    #: The key skills of the job the learner has and of the one they want, when they say both.
    leaving: Hit | None = None
    joining: Hit | None = None
    #: The best card's specialised variants (title, ROME code), when a bare name found it.
    variants: tuple[tuple[str, str], ...] = ()


class Retriever:
    def __init__(
        self,
        store: ChromaStore,
        model_name: str,
        embeddings: Embeddings,
        mode: str = "hybrid",
        encoder: Encoder | None = None,
        explorer: Explorer | None = None,
    ) -> None:
        """``encoder`` (multilingual, optional) links questions to cards across languages
        (its vectors of the cards are kept in the store); ``explorer`` suggests jobs to
        questions that describe the learner."""
        if mode not in MODES:
            raise ConfigError(f"unknown retriever {mode!r}: use one of {', '.join(MODES)}")
        self.store, self.model_name, self.embeddings, self.mode = store, model_name, embeddings, mode
        self.encoder, self.explorer = encoder, explorer
        self._served: ServedCorpus | None = None
        self._interim: Future[ServedCorpus] | None = None
        self._loading = threading.Lock()

    @staticmethod
    def standalone(question: str, history: tuple[str, ...], served: ServedCorpus | None) -> str:
        """A follow-up that names no job ("How much does it pay?") is about the job the
        conversation was about: the latest earlier question that named one is added.

        Only a sure name counts: "Et ça paie bien ?" half-matches "Gestionnaire paie".
        """
        if not history:
            return question
        if served is None:
            return f"{question} {history[-1]}"
        if served.linker.names(question, CERTAIN):
            # A job's name alone answers the question back to an earlier one that named none
            # ("Gagnez-vous bien votre vie ?" -> "De quel métier ?" -> "infirmier").
            if len(question.split()) <= NAME_ONLY_WORDS and not served.linker.names(history[-1]):
                return f"{question} {history[-1]}"
            return question
        topic = next((earlier for earlier in reversed(history) if served.linker.names(earlier)), history[-1])
        return f"{question} {topic}"

    def _side(self, text: str, sure_only: bool) -> tuple[str, float] | None:
        """The card one side of a comparison is about, found as if it were asked alone (a
        word alone links worse than with the rest of the search: "Infirmier" has 20 cards);
        with ``sure_only``, how surely it names a job by a name, else 1."""
        found = self.search(with_fields_named(text), 1, compare=False)  # "pharmacy or nursing"
        return (found.hits[0].metadata["path"], found.named if sure_only else 1.0) if found.hits else None

    def _compared(self, message: Message) -> tuple[str, str] | None:
        """The two cards a message sets against each other. A long message's "or" joins
        many things: there both sides must name a job by a name, in its asking sentences
        or in a sentence of a few words ("Électricien ou mécanicien.")."""
        if not message.long:
            return compared_jobs(message.focus, self._side, NAMED)
        asking = message.asking
        pieces = sentences(message.text)
        # Two short sentences joined by "or" ("I should start with LPN. Or straight into RN")
        # are one short choice.
        short = [
            part
            for part in with_alternatives(pieces)
            if len(part.split()) <= SHORT_SENTENCE_WORDS * (1 if part in pieces else 2)
        ]
        # "Je voulais être styliste ou architecte" compares no job the learner wants now.
        parts = [part for part in dict.fromkeys(asking + short) if compares_now(part)]
        return next(filter(None, (compared_jobs(part, self._side, CERTAIN) for part in parts)), None)

    def _explore(
        self, message: Message, history: tuple[str, ...], served: ServedCorpus, named: float, language: str
    ) -> Retrieval | None:
        """The suggestions for a message that describes the learner, or for a follow-up
        that narrows an earlier one ("et sans diplôme ?"); a follow-up that points at one
        of them ("tell me more about the second one") is a search about that job. The
        message's asking sentences decide; its stated interests, wherever they stand,
        rank the jobs too."""
        if self.explorer is None:
            return None
        # A story's every "I'd like" and "a job" would read as describing the learner.
        question = message.focus if message.long else message.text

        def named_by(text: str) -> float:
            return named if text == question else max((s for _, s in served.linker.name_matches(text, 1)), default=0.0)

        found = exploring(question, history, named_by)
        leads_to = "diploma_leads_to" in message.asks and diploma_in_a_field(message.text)
        if found is not None and found[1] is None and message.long and not message.interests and not leads_to:
            return None  # a story's "a new job" or "what should I do" states nothing to suggest jobs by
        # A field a diploma is in half-names its job ("psycho": 0.74 the psychologist's).
        if found is None and not history and ((message.interests and named < NAMED) or (leads_to and named < CERTAIN)):
            found = (question, None)  # "I love animals. What should I do?": likes said apart from the asking
        if found is None:
            return None
        # "la banque ou la finance" half-names two jobs: only two sure names make a comparison
        # (looked for only now: each side is a search of its own).
        if found[1] is None:
            compares = self._compared(message) if message.long else compared_jobs(question, self._side, CERTAIN)
            if compares:
                return None
        asked, number = found
        elsewhere = [liked for liked in message.interests if fold(liked) not in fold(asked)]
        if number is None and elsewhere:
            asked = " ".join((asked, *elsewhere))  # likes said outside the asking sentences
        if "diploma_leads_to" in message.asks and diploma_in_a_field(asked):
            # "un master de psycho" is a diploma in psychology, not the Scrum Master (elsewhere
            # "avec un CAP" is the level the learner allows).
            asked = diplomas_as_such(with_fields_named(asked))
        choice = None
        if message.long and message.interests and number is None:
            # A story's asking sentences only ask ("any advice on a career?" reads as the
            # careers adviser's card): its stated likes describe the learner, and the
            # level it allows is kept.
            sort, apprenticeship, _ = wishes(asked)
            choice = Choice(max_level=max_level(asked), sort=sort, apprenticeship=apprenticeship)
            asked = " ".join(message.interests)
        exploration = self.explorer.explore(asked, served, language, choice)
        listed = exploration.suggestions
        if number is not None:
            if not listed:
                return None
            pick = listed[min(number, len(listed)) - 1 if number > 0 else -1]
            return self.search(f"{question} {pick.card.title}", compare=False)
        hits = [hit for suggestion in listed for hit in suggestion.hits]
        return Retrieval(message.text, asked, hits, named, (), titles=served.titles, exploration=exploration)

    def served(self, manifest: Manifest) -> ServedCorpus:
        # Rebuilt when an index run commits a new generation (or a rebuild a new collection);
        # once, when the web app's warm-up and its Explore tab ask at the same time.
        with self._loading:
            if self._served is None or self._served.key != (manifest.collection, manifest.generation):
                self._served = ServedCorpus.load(self.store, manifest, self.encoder)
            return self._served

    def serve_interim(self, corpus: Future[ServedCorpus] | None) -> None:
        """Chunks to answer from while no usable index is committed (the first build, or a
        rebuild for another embedding model): word search and job linking, no vectors.
        A question waits for them while they are read; None once the build has committed."""
        self._interim = corpus

    def current(self) -> tuple[Manifest | None, ServedCorpus]:
        """The served manifest and corpus; no manifest while the interim corpus serves."""
        try:
            manifest = served_manifest(self.store, self.model_name)
        except (IndexMissingError, IndexMismatchError):
            interim = self._interim
            if interim is None:
                raise
            return None, interim.result()
        return manifest, self.served(manifest)

    def explore(
        self, question: str = "", choice: Choice | None = None, language: str = "fr", limit: int = 30
    ) -> Exploration:
        """The jobs that fit a learner's words and picks (the Explore tab, ``advisor explore``)."""
        if self.explorer is None:
            raise ConfigError("exploring needs the multilingual encoder: build the retriever with an explorer")
        return self.explorer.explore(question, self.current()[1], language, choice, limit)

    def job_titles(self) -> frozenset[str]:
        """The served cards' titles of two words or more, folded (what the answer gate checks)."""
        return self.current()[1].titles

    def retrieve(self, question: str, k: int = 5, history: tuple[str, ...] = ()) -> list[Hit]:
        """The k best chunks; ``history`` holds the conversation's earlier questions."""
        return self.search(question, k, history).hits

    def _nearest(self, manifest: Manifest | None, query: str) -> list[Hit]:
        """The chunks nearest to the query by the encoder, the figures left out: a question
        reaches them through its card (``is_figure``); their heading's vector would put every
        card's pay section near every pay question."""
        found = self.store.search(manifest, self.embeddings.embed_query(query), CANDIDATES) if manifest else []
        return [hit for hit in found if not is_figure(hit.metadata["section"])]

    def search(self, question: str, k: int = 5, history: tuple[str, ...] = (), compare: bool = True) -> Retrieval:
        """The k best chunks and what the answer needs to judge them; a question that
        compares two jobs (``compare``) gets both cards' chunks side by side instead."""
        if self.mode == "dense":
            query = self.standalone(read(question).focus, history, None)
            hits = self._nearest(served_manifest(self.store, self.model_name), query)[:k]
            return Retrieval(question, query, hits, 0.0, sections_for(question, detect_language(question)))
        manifest, served = self.current()
        message = read(question)
        subject = asked_job(message, served) if message.long else ""
        asked = subject or searched(message)
        query = self.standalone(asked, history, served)
        # The intent is the new question's, not the history's.
        language = detect_language(question)
        lexical = served.lexical.search(query, CANDIDATES)
        matches = served.linker.name_matches(query, LINKED_JOBS)
        # A follow-up: only the new question's own words name a job.
        own = matches if query == asked else served.linker.name_matches(asked, 1)
        named = max((score for _, score in own), default=0.0)
        refused = {top[0][0].path for text in message.refused if (top := served.linker.name_matches(text, 1))}
        if own and own[0][0].path in refused:
            named = 0.0  # "I want to work with children but I don't want to be a teacher"
        if message.long and not subject:
            named = 0.0  # a story's words half-read as names ("change": a trader's) name no job asked about
        # The job's own name asks for nothing: a "professeur des écoles" wants no school.
        title = own[0][0].title if named >= CERTAIN else ""
        # A story's own words ("il a gagné sa vie", "ils craignent pour son avenir") ask nothing:
        # only its asking sentences do.
        asking = " ".join(message.asking) if message.long else asked
        sections = sections_for(asking, language, title)
        if not sections and query != asked and title:  # a name answering a question back: its intent
            sections = sections_for(query, language, title)
        if message.long and message.targets and named >= NAMED and not sections:
            sections = (ACCESS,)  # a story of the job wanted, asking nothing more: how to get there
        if message.adult and named >= NAMED and (not sections or message.long):
            # An adult naming a job: the routes open to them first, whatever a story worries about.
            sections = (ACCESS, *(section for section in sections if section != ACCESS))
        explored = self._explore(message, history, served, named, language) if compare else None
        if explored is not None:
            return replace(explored, interim=manifest is None, message=message)
        if self.mode == "lexical":
            hits = [replace(served.chunks[i], score=score) for i, score in lexical[:k]]
            return Retrieval(question, query, hits, named, sections, interim=manifest is None, message=message)
        dense = self._nearest(manifest, query)
        links = served.linker.link(query, LINKED_JOBS, matches)
        linked = served.same_occupation({job.path: score for job, score in links})
        # Every question is also searched in English: its language picks nothing away.
        english = served.english.search(query, CANDIDATES)
        pool = {hit.id: hit for hit in dense}
        pool.update((served.chunks[i].id, served.chunks[i]) for i, _ in lexical + english)
        for path in linked:
            pool.update((chunk.id, chunk) for chunk in served.chunks_of(path))
        metadata = {chunk_id: hit.metadata for chunk_id, hit in pool.items()}
        scores = fuse(
            [
                [hit.id for hit in dense],
                [served.chunks[i].id for i, _ in lexical],
                [served.chunks[i].id for i, _ in english],
            ],
            linked,
            sections,
            metadata,
        )
        ranked = sorted(scores, key=lambda chunk_id: -scores[chunk_id])
        if named >= CERTAIN and own[0][0].rome_code and served.linker.unrivalled(asked, own):
            ranked = named_first(ranked, metadata, own[0][0].rome_code)
        best = ranked[:k]
        hits = asked_section_first(
            [replace(pool[chunk_id], score=scores[chunk_id]) for chunk_id in best], served, sections, k
        )
        paths = {hit.metadata["path"] for hit in hits}
        names = {path: served.english_names[path] for path in paths if path in served.english_names}
        found = Retrieval(
            question,
            query,
            hits,
            named,
            sections,
            titles=served.titles,
            english_names=names,
            interim=manifest is None,
            message=message,
        )
        pair = self._compared(message) if compare else None
        if pair:
            compared = comparison_hits(pair, served.chunks_of, sections, language == "en")
            return replace(found, hits=compared or hits, compared=pair if compared else None)
        leaving, joining = skills_of_change(message, served, hits)
        return replace(
            found,
            candidates=candidates(links, hits),
            related=related_chunk(hits, served),
            leaving=leaving,
            joining=joining,
            variants=tuple(
                (job.title, job.rome_code)
                for job in served.linker.variants(asked).get(hits[0].metadata["path"] if hits else "", [])
            ),
        )
