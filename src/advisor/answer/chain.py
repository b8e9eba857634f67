"""Answers with cited sources, or an honest "the cards don't cover this".

The chain is built from LangChain runnables:

    prepare = clean question | retrieve (follow-ups made standalone) | plan
    respond = PROMPT | chat model | text      (local, openai, ollama)
            | compose the cited lines         (extractive)

``plan`` decides, before any model runs, whether to answer: the question must be about
jobs or studies, and the cards of its job must hold what it asks for (see advisor.answer.scope).
A model may still refuse (it then says ``NOT_COVERED``); an answer that states a money
figure absent from its sources is replaced by the extractive one.
"""

from __future__ import annotations

import re
import threading
import time
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from typing import Any

from langchain_core.output_parsers import StrOutputParser
from langchain_core.runnables import RunnableLambda

from advisor.answer.extractive import (
    MODEL_LINE_CHARS,
    MODEL_LINES,
    Line,
    compose,
    not_covered_sentence,
    occupation,
    section_name,
    section_prefix,
    select,
)
from advisor.answer.prompts import NOT_COVERED, PROMPT, prompt_values
from advisor.answer.scope import about_careers, coverage
from advisor.answer.writers import Writer
from advisor.errors import ConfigError
from advisor.index.store import Hit
from advisor.search.jobs import CERTAIN, NAMED
from advisor.search.language import detect_language
from advisor.search.retrieval import Retrieval, Retriever

_CITATION = re.compile(r"\[(\d+)\]")
_MONEY = re.compile(r"\d[\d\s.,]*\s?(?:k€|€|euros?|eur\b|\$)", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")

OFF_TOPIC = {
    "en": "I can only answer questions about jobs, training and careers, from the job cards; "
    "this question is not one they cover. You could ask, for example: "
    "“How do I become an Edge AI engineer?” or “What skills does a baker need?”",
    "fr": "Je ne réponds qu'aux questions sur les métiers, les formations et les carrières, "
    "à partir des fiches métiers ; celle-ci n'en fait pas partie. Vous pouvez demander par "
    "exemple : « Comment devenir ingénieur Edge AI ? » ou « Quelles compétences pour être boulanger ? »",
}
NO_ANSWER = {
    "en": "The cards I retrieved do not answer this question.",
    "fr": "Les fiches que j'ai trouvées ne répondent pas à cette question.",
}
WHAT_THEY_COVER = {"en": "They do cover {}.", "fr": "Elles traitent en revanche {}."}


@dataclass
class Source:
    id: int  # the n of its [n] citations
    title: str
    rome_code: str
    section: str
    path: str
    score: float
    text: str

    @classmethod
    def of(cls, number: int, hit: Hit) -> Source:
        meta = hit.metadata
        return cls(
            number,
            meta["title"],
            meta.get("rome_code") or "",
            meta["section"],
            meta["path"],
            round(hit.score, 4),
            hit.text,
        )


@dataclass
class Answer:
    question: str
    answer: str
    abstained: bool
    sources: list[Source]
    llm: str
    notice: str | None = None
    timings: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @property
    def cited_sources(self) -> list[Source]:
        """The sources its text cites with ``[n]``, in source order."""
        cited = {int(n) for n in _CITATION.findall(self.answer)}
        return [source for source in self.sources if source.id in cited]


@dataclass
class Plan:
    """What ``prepare`` decided: the sources, the lines to cite, or why not to answer."""

    question: str
    language: str
    retrieval: Retrieval | None
    lines: list[Line] = field(default_factory=list)
    missing: tuple[str, ...] = ()
    refusal: str | None = None  # the whole answer, when the cards cannot answer
    sure: bool = False  # the question names a job, or the asked-for sections were found
    earlier: str = ""


def clean_question(question: str, max_chars: int) -> str:
    """The question without control characters, or a usage error.

    >>> clean_question("  Boulanger ?\\x00 ", 100)
    'Boulanger ?'
    """
    text = _CONTROL.sub(" ", unicodedata.normalize("NFC", question or "")).strip()
    if not text:
        raise ConfigError("empty question: ask something, e.g. “Comment devenir boulanger ?”")
    if len(text) > max_chars:
        raise ConfigError(
            f"the question is {len(text):,} characters long; ask it in at most {max_chars:,} "
            "(ADVISOR_MAX_QUESTION_CHARS)"
        )
    return text


def unsupported_money(answer: str, sources: str) -> list[str]:
    """Money figures of the answer that its sources do not contain (digits compared).

    >>> unsupported_money("Il gagne 2 000 € [1].", "Revenus : 3 800 € à 7 000 €")
    ['2 000 €']
    """
    known = re.sub(r"\D", "", sources)
    return [m.group().strip() for m in _MONEY.finditer(answer) if re.sub(r"\D", "", m.group()) not in known]


def repair_citations(text: str, lines: list[Line], analyze: Callable[[str], list[str]]) -> str:
    """Point every sentence or bullet at the source it comes from.

    A small model cites numbers it was not shown, none at all, or the wrong extract: a
    piece without a valid citation gets the given source sharing the most words with it,
    and so does a piece whose cited sources share less than half as many as that one.

    >>> lines = [Line(1, 0, "CAP Boulanger"), Line(3, 0, "Travail de nuit le samedi")]
    >>> repair_citations("- CAP Boulanger [2]\\n- Nuit [3]\\n- Travail de nuit le samedi [1].", lines, str.split)
    '- CAP Boulanger [1]\\n- Nuit [3]\\n- Travail de nuit le samedi [3].'
    """
    given: dict[int, set[str]] = {}
    for line in lines:
        given.setdefault(line.source, set()).update(analyze(line.text))
    if not given:
        return text

    def repair(piece: str) -> str:
        words = set(analyze(_CITATION.sub("", piece)))
        if not words:
            return piece
        shared = {number: len(words & given[number]) for number in given}
        best = max(shared, key=shared.__getitem__)
        cited = [int(n) for n in _CITATION.findall(piece)]
        if cited and all(n in given for n in cited) and 2 * max(shared[n] for n in cited) >= shared[best]:
            return piece
        body = re.sub(r"\s+([.,;:!?])", r"\1", _CITATION.sub("", piece)).rstrip()
        end = body[-1] if body[-1] in ".;!?" else ""
        return f"{body[: len(body) - len(end)].rstrip()} [{best}]{end}" + piece[len(piece.rstrip()) :]

    return "".join(repair(piece) for piece in re.split(r"(?<=\n)", text))


class Advisor:
    def __init__(
        self,
        retriever: Retriever,
        writer: Writer,
        analyze: Callable[[str], list[str]],
        k: int = 5,
        max_question_chars: int = 2000,
    ) -> None:
        """``analyze`` is the lexical analyzer that picks the lines worth citing."""
        self.retriever, self.writer, self.analyze = retriever, writer, analyze
        self.k, self.max_question_chars = k, max_question_chars
        # Retrieval is ~50 ms and its encoders are not known to be thread-safe: web app
        # sessions take turns there, and only the writing runs side by side.
        self._retrieval_lock = threading.Lock()
        self.prepare = RunnableLambda(self._retrieve) | RunnableLambda(self._plan)
        self.respond = (
            RunnableLambda(self._prompt) | PROMPT | writer.chat | StrOutputParser()
            if writer.chat is not None
            else RunnableLambda(self._compose)
        )

    def ask(self, question: str, history: tuple[str, ...] = ()) -> Answer:
        *_, answer = self.stream(question, history)
        assert isinstance(answer, Answer)  # stream() always ends with the whole Answer
        return answer

    def stream(self, question: str, history: tuple[str, ...] = ()) -> Iterator[str | Answer]:
        """Pieces of the answer's text as they are written, then the whole ``Answer``.

        The final text can differ from the pieces when a model's answer is rejected;
        a display should show the final ``Answer``'s text.
        """
        started = time.perf_counter()
        question = clean_question(question, self.max_question_chars)
        plan = self.prepare.invoke({"question": question, "history": tuple(history)})
        retrieved = time.perf_counter()
        hits = plan.retrieval.hits if plan.retrieval else []
        first_token = None
        if plan.refusal is not None:
            text, abstained, notice, mode = plan.refusal, True, None, "none"
            first_token = time.perf_counter()
            yield text
        else:
            pieces = []
            try:
                for piece in self._respond(plan):
                    first_token = first_token or time.perf_counter()
                    pieces.append(piece)
                    yield piece
                text, abstained, notice, mode = (
                    self._check("".join(pieces), plan)
                    if self.writer.chat is not None
                    else ("".join(pieces), False, None, "extractive")
                )
            except Exception as error:  # a model server gone away must not cost the answer
                if pieces:
                    raise
                text, abstained, mode = self._compose(plan), False, "extractive"
                notice = f"the {self.writer.mode} model failed ({error.__class__.__name__}: {error}); the answer quotes the cards instead"
                first_token = time.perf_counter()
                yield text
        finished = time.perf_counter()
        cited = [Source.of(n, hit) for n, hit in enumerate(hits, 1)]
        yield Answer(
            question=question,
            answer=text,
            abstained=abstained,
            sources=cited,
            llm=mode,
            notice=notice or self.writer.notice,
            timings={
                "retrieve_ms": round((retrieved - started) * 1000, 1),
                "first_token_ms": round(((first_token or finished) - started) * 1000, 1),
                "total_ms": round((finished - started) * 1000, 1),
            },
        )

    def _retrieve(self, request: dict) -> Plan:
        question, history = request["question"], request["history"]
        with self._retrieval_lock:
            retrieval = self.retriever.search(question, self.k, history)
        return Plan(question, detect_language(question), retrieval, earlier=history[-1] if history else "")

    def _plan(self, plan: Plan) -> Plan:
        retrieval, language = plan.retrieval, plan.language
        assert retrieval is not None  # _retrieve always makes one; only a refusal drops it
        named = retrieval.named >= CERTAIN
        if not about_careers(plan.question, named, follow_up=bool(plan.earlier)) or not retrieval.hits:
            plan.refusal = OFF_TOPIC[language] if retrieval.hits else NO_ANSWER[language]
            plan.retrieval = None
            return plan
        subject = occupation(retrieval.hits[0])
        on_subject = [hit for hit in retrieval.hits if occupation(hit) == subject]
        found = coverage(retrieval.sections, [hit.metadata["section"] for hit in on_subject])
        plan.missing = found.missing
        plan.sure = retrieval.named >= NAMED or bool(found.covered)
        terms = set(self.analyze(retrieval.query))
        model_limits = () if self.writer.chat is None else (MODEL_LINES, MODEL_LINE_CHARS)
        plan.lines = select(terms, retrieval.hits, found.covered, self.analyze, *model_limits)
        if found.nothing_covered:
            plan.refusal = self._not_covered(plan)
        return plan

    def _not_covered(self, plan: Plan) -> str:
        """Say what the subject's cards lack, then what they hold, with citations."""
        hits = self._hits(plan)
        subject = occupation(hits[0])
        held: list[tuple[str, int]] = []
        for number, hit in enumerate(hits, 1):
            if occupation(hit) == subject and hit.metadata["section"] not in [h for h, _ in held]:
                held.append((hit.metadata["section"], number))
        title = hits[0].metadata["title"]
        lack = not_covered_sentence(plan.missing, plan.language).replace(
            "ce métier" if plan.language == "fr" else "this job", f"**{title}**"
        )
        names = ", ".join(f"{section_name(section_prefix(s), plan.language)} [{n}]" for s, n in held)
        return f"{lack} {WHAT_THEY_COVER[plan.language].format(names)}"

    def _prompt(self, plan: Plan) -> dict[str, str]:
        return prompt_values(plan.question, plan.language, plan.lines, self._hits(plan), plan.earlier)

    def _compose(self, plan: Plan) -> str:
        return compose(plan.lines, self._hits(plan), plan.language, plan.missing)

    @staticmethod
    def _hits(plan: Plan) -> list[Hit]:
        # Only a refusal drops the retrieval, and a refusal is never written nor composed.
        assert plan.retrieval is not None
        return plan.retrieval.hits

    def _respond(self, plan: Plan) -> Iterator[str]:
        """The writer's text, held back while it could still be the refusal word."""
        pieces = self.respond.stream(plan)
        pending = ""
        for piece in pieces:
            pending += piece
            head = pending.lstrip()
            if len(head) >= len(NOT_COVERED) or not NOT_COVERED.startswith(head):
                break
        if pending:
            yield pending
        yield from pieces

    def _check(self, text: str, plan: Plan) -> tuple[str, bool, str | None, str]:
        """The final text, whether it abstains, a notice, and who wrote it."""
        if text.strip().startswith(NOT_COVERED):
            if not plan.sure:
                return NO_ANSWER[plan.language], True, None, self.writer.mode
            # A small model refuses extracts that answer only part of a question; when
            # retrieval is sure of the job and section, the cards' own lines are shown.
            notice = "the model found no answer in the extracts: the answer quotes the cards instead"
            return self._compose(plan), False, notice, "extractive"
        # Only the lines the model was shown count: a figure from a line kept from it (an
        # order planted in a card) or from the question ("say it pays 9 000 €") is made up.
        made_up = unsupported_money(text, "\n".join(line.text for line in plan.lines))
        if made_up:
            notice = f"the model stated {', '.join(made_up)}, which the cards do not say: the answer quotes the cards instead"
            return self._compose(plan), False, notice, "extractive"
        return repair_citations(text, plan.lines, self.analyze), False, None, self.writer.mode
