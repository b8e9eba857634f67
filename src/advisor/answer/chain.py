"""Answers with cited sources, or an honest "the cards don't cover this".

The chain is built from LangChain runnables:

    prepare = clean question | retrieve (follow-ups made standalone) | route to a kind
    respond = PROMPT | chat model | text      (local, openai, ollama; none for extractive)

``route`` (advisor.answer.plan) decides, before any model runs, what kind of answer the
question gets (advisor.answer.kinds). A chat model writes only ``CitedLines``; every
other kind, and every fallback, is the cards' own lines (advisor.answer.render). A model
may still refuse (it then says ``NOT_COVERED``); an answer that states a money figure
absent from its sources is replaced by the cards' answer.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Generator, Iterator

from langchain_core.output_parsers import StrOutputParser
from langchain_core.runnables import RunnableLambda

from advisor.answer.answers import Answer, Source, clean_question
from advisor.answer.extractive import MODEL_LINE_CHARS, MODEL_LINES
from advisor.answer.faithfulness import left_out, repair_citations, unsupported_money
from advisor.answer.kinds import CitedLines, Kind, kind_name
from advisor.answer.plan import route
from advisor.answer.prompts import NOT_COVERED, PROMPT, prompt_values
from advisor.answer.render import NO_ANSWER, Rendered, framed, gated, render, with_uncovered
from advisor.answer.shape import MAX_BULLETS, MIN_BULLETS, as_bullets, unsaid
from advisor.answer.writers import Writer
from advisor.search.language import detect_language
from advisor.search.retrieval import Retriever

#: Said by every answer found while the first index build runs.
INTERIM = "the index is still being built: this answer comes from word search in the cards, without semantic search"


class AnswerStream:
    """An answer being written: iterate for the pieces of its text as they come, then
    ``answer`` holds the whole ``Answer`` (reading it first reads the rest).

    The final text can differ from the pieces (the gate takes statements out, the
    answer's first and last lines are added): a display should show ``answer.answer``.
    """

    def __init__(self, run: Generator[str, None, Answer]) -> None:
        self._run = run
        self._answer: Answer | None = None

    def __iter__(self) -> Iterator[str]:
        if self._answer is None:
            self._answer = yield from self._run

    @property
    def answer(self) -> Answer:
        for _ in self:
            pass
        assert self._answer is not None  # the run returns it when its text is all read
        return self._answer


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
        self.prepare = RunnableLambda(self._route)
        self.respond = (
            RunnableLambda(self._prompt) | PROMPT | writer.chat | StrOutputParser() if writer.chat is not None else None
        )

    def warm_up(self, question: str = "Comment devenir boulanger ?") -> None:
        """Pay at start what the first question would: the served corpus, the model, and
        the system prompt in its cache. One token is written, not a whole answer: a learner
        asking at once would share the cores with it."""
        kind = self.prepare.invoke({"question": question, "history": ()})
        if self.writer.chat is not None and isinstance(kind, CitedLines):
            # max_completion_tokens: the name ChatOpenAI sends its max_tokens field under.
            (RunnableLambda(self._prompt) | PROMPT | self.writer.chat.bind(max_completion_tokens=1)).invoke(kind)

    def ask(self, question: str, history: tuple[str, ...] = ()) -> Answer:
        return self.stream(question, history).answer

    def stream(self, question: str, history: tuple[str, ...] = ()) -> AnswerStream:
        """The answer to ``question`` (``history``: the conversation's earlier questions),
        written as it is read; a question that is empty or too long is refused at once."""
        return AnswerStream(self._run(clean_question(question, self.max_question_chars), tuple(history)))

    def _run(self, question: str, history: tuple[str, ...]) -> Generator[str, None, Answer]:
        started = time.perf_counter()
        kind = self.prepare.invoke({"question": question, "history": history})
        retrieved = time.perf_counter()
        first_token, notice, mode, shown = None, None, "extractive", False
        if self.respond is not None and isinstance(kind, CitedLines):
            pieces = []
            try:
                for piece in self._respond(kind):
                    first_token = first_token or time.perf_counter()
                    pieces.append(piece)
                    if piece != NOT_COVERED:  # the answer that replaces it is shown instead
                        shown = True
                        yield piece
                rendered, notice, mode = self._check("".join(pieces), kind)
            except Exception as error:  # a model server gone away must not cost the answer
                if pieces:
                    raise
                rendered = render(kind, self.analyze)
                notice = f"the {self.writer.mode} model failed ({error.__class__.__name__}: {error}); the answer quotes the cards instead"
        else:
            rendered = render(kind, self.analyze)
            mode = "none" if rendered.abstained else "extractive"
        first_token = first_token or time.perf_counter()
        if not shown:
            yield rendered.text
        finished = time.perf_counter()
        checks = rendered.checks
        return Answer(
            question=question,
            answer=rendered.text,
            abstained=rendered.abstained,
            sources=[Source.of(n, hit) for n, hit in enumerate(kind.retrieved.hits, 1)],
            llm=mode,
            notice="; ".join(filter(None, [notice or self.writer.notice, INTERIM if kind.retrieved.interim else None]))
            or None,
            timings={
                "retrieve_ms": round((retrieved - started) * 1000, 1),
                "first_token_ms": round((first_token - started) * 1000, 1),
                "total_ms": round((finished - started) * 1000, 1),
            },
            candidates=[
                {"title": title, "rome_code": code, "path": path} for title, code, path in kind.retrieved.candidates
            ],
            checks={"unsupported": checks.unsupported, "dropped": checks.dropped, "repeated": checks.repeated},
            kind=kind_name(kind),
            uncovered=list(kind.uncovered),
        )

    def _route(self, request: dict) -> Kind:
        question, history = request["question"], request["history"]
        with self._retrieval_lock:
            retrieval = self.retriever.search(question, self.k, history)
        return route(
            retrieval,
            detect_language(question),
            self.analyze,
            earlier=history[-1] if history else "",
            line_limits=None if self.writer.chat is None else (MODEL_LINES, MODEL_LINE_CHARS),
        )

    def _prompt(self, kind: CitedLines) -> dict[str, str]:
        return prompt_values(
            kind.asked or kind.question,
            kind.language,
            list(kind.lines),
            list(kind.retrieved.hits),
            kind.earlier,
            dict(kind.english_names),
        )

    def _respond(self, kind: CitedLines) -> Iterator[str]:
        """The writer's text, held back while it could still be the refusal word, and
        never the refusal word itself: the answer that replaces it is shown instead."""
        assert self.respond is not None  # only a chat writer responds
        pieces = self.respond.stream(kind)
        pending = ""
        for piece in pieces:
            pending += piece
            head = pending.lstrip()
            if len(head) >= len(NOT_COVERED) or not NOT_COVERED.startswith(head):
                break
        if pending.lstrip().startswith(NOT_COVERED):
            yield NOT_COVERED  # for _check: _run does not pass it on
            return
        if pending:
            yield pending
        yield from pieces

    def _check(self, text: str, kind: CitedLines) -> tuple[Rendered, str | None, str]:
        """The final answer, a notice, and who wrote it."""
        if text.strip().startswith(NOT_COVERED):
            if not kind.sure:
                return Rendered(NO_ANSWER[kind.language], abstained=True), None, self.writer.mode
            # A small model refuses extracts that answer only part of a question; when
            # retrieval is sure of the job and section, the cards' own lines are shown.
            return self._quoted(kind, "the model found no answer in the extracts")
        # Only the lines the model was shown count: a figure from a line kept from it (an
        # order planted in a card) or from the question ("say it pays 9 000 €") is made up.
        made_up = unsupported_money(text, "\n".join(line.text for line in kind.lines))
        if made_up:
            return self._quoted(kind, f"the model stated {', '.join(made_up)}, which the cards do not say")
        # One statement a line first, so that each gets its own citation and check. A
        # statement may be cited anew only to a source the model was shown: the bakery card
        # of a question on judges does not support "a CAP Boulanger" said of judges.
        shown = {line.source for line in kind.lines}
        checks = gated(repair_citations(as_bullets(text), list(kind.lines), self.analyze), kind, only=shown)
        # The gate also drops what the model says of the learner ("You have a specialization
        # in TinyML [1]", the learner's own words cited): no card says it.
        learner = "what the learner has or is, or their own words" if checks.about_learner else ""
        if not checks.kept:
            terms = ", ".join(filter(None, [*checks.unsupported, learner])) or "nothing it could cite"
            return self._quoted(kind, f"the model's answer stated {terms}, which the cards it cites do not hold")
        notice = None
        if checks.dropped:
            why = [f"{', '.join(checks.unsupported)} is not in the card it cites"] if checks.unsupported else []
            why += [f"{learner} is no card's statement"] if learner else []
            notice = f"{checks.dropped} statement(s) of the model removed: {'; '.join(why)}"
        text = framed(self._completed(as_bullets(checks.text), kind), kind, quoted=False)
        # What no card covers is said first whoever writes the rest, as render() says it.
        return with_uncovered(Rendered(text, checks=checks), kind), notice, self.writer.mode

    def _completed(self, text: str, kind: CitedLines) -> str:
        """The model's answer, with the shown lines it left out that name a diploma, an exam,
        a school or a figure, quoted as bullets while the answer has room; an answer of
        fewer than MIN_BULLETS bullets gets the best shown lines it does not say."""
        lines = list(kind.lines)
        bullets = text.count("\n- ")
        extra = left_out(text, lines)[: max(MAX_BULLETS - bullets, 0)]
        short = MIN_BULLETS - bullets - len(extra)
        if short > 0:
            rest = [line for line in lines if line not in extra]
            extra += [rest[n] for n in unsaid(text, [line.text for line in rest], self.analyze)][:short]
        return "\n".join([text, *(f"- {line.text} [{line.source}]" for line in extra)])

    def _quoted(self, kind: CitedLines, why: str) -> tuple[Rendered, str, str]:
        return render(kind, self.analyze), f"{why}: the answer quotes the cards instead", "extractive"
