"""Answers with cited sources, or an honest "the cards don't cover this".

The chain is built from LangChain runnables:

    prepare = clean question | retrieve (follow-ups made standalone) | plan
    respond = PROMPT | chat model | text      (local, openai, ollama; none for extractive)

An extractive writer, a comparison, and every fallback compose the cards' own lines.

``plan`` decides, before any model runs, whether to answer: the question must be about
jobs or studies, and the cards of its job must hold what it asks for (see advisor.answer.scope).
A model may still refuse (it then says ``NOT_COVERED``); an answer that states a money
figure absent from its sources is replaced by the extractive one.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator

from langchain_core.output_parsers import StrOutputParser
from langchain_core.runnables import RunnableLambda

from advisor.answer.answers import (
    NO_ANSWER,
    OFF_TOPIC,
    WHAT_THEY_COVER,
    Answer,
    Plan,
    Source,
    clean_question,
)
from advisor.answer.exploration_answer import suggestions_answer
from advisor.answer.extractive import (
    MODEL_LINE_CHARS,
    MODEL_LINES,
    NAME_SECTIONS,
    comparison,
    compose,
    not_covered_sentence,
    occupation,
    section_name,
    section_prefix,
    select,
)
from advisor.answer.faithfulness import (
    Gated,
    cited,
    gate,
    left_out,
    repair_citations,
    source_text,
    unsupported_money,
)
from advisor.answer.prompts import NOT_COVERED, PROMPT, prompt_values
from advisor.answer.scope import about_careers, coverage
from advisor.answer.shape import MAX_BULLETS, MIN_BULLETS, about, as_bullets, quoted_in_french, related_line, unsaid
from advisor.answer.writers import Writer
from advisor.index.store import Hit
from advisor.search.intents import section_matches
from advisor.search.jobs import CERTAIN, NAMED
from advisor.search.language import detect_language
from advisor.search.retrieval import Retriever

#: Said by every answer found while the first index build runs.
INTERIM = "the index is still being built: this answer comes from word search in the cards, without semantic search"


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
            RunnableLambda(self._prompt) | PROMPT | writer.chat | StrOutputParser() if writer.chat is not None else None
        )

    def warm_up(self, question: str = "Comment devenir boulanger ?") -> None:
        """Pay at start what the first question would: the served corpus, the model, and
        the system prompt in its cache. One token is written, not a whole answer: a learner
        asking at once would share the cores with it."""
        plan = self.prepare.invoke({"question": question, "history": ()})
        if self.writer.chat is not None and plan.refusal is None and not plan.from_cards:
            # max_completion_tokens: the name ChatOpenAI sends its max_tokens field under.
            (RunnableLambda(self._prompt) | PROMPT | self.writer.chat.bind(max_completion_tokens=1)).invoke(plan)

    def ask(self, question: str, history: tuple[str, ...] = ()) -> Answer:
        *_, answer = self.stream(question, history)
        assert isinstance(answer, Answer)  # stream() always ends with the whole Answer
        return answer

    def stream(self, question: str, history: tuple[str, ...] = ()) -> Iterator[str | Answer]:
        """Pieces of the answer's text as they are written, then the whole ``Answer``.

        The final text can differ from the pieces (the gate takes statements out, the
        answer's first and last lines are added): a display should show the final
        ``Answer``'s text.
        """
        started = time.perf_counter()
        question = clean_question(question, self.max_question_chars)
        plan = self.prepare.invoke({"question": question, "history": tuple(history)})
        retrieved = time.perf_counter()
        hits = plan.retrieval.hits if plan.retrieval else []
        first_token = None
        checks = Gated("")
        if plan.refusal is not None:
            text, abstained, notice, mode = plan.refusal, True, None, "none"
            first_token = time.perf_counter()
            yield text
        elif self.writer.chat is None or plan.from_cards:
            text, checks = self._cards_answer(plan)
            abstained, notice, mode = False, None, "extractive"
            first_token = time.perf_counter()
            yield text
        else:
            pieces = []
            try:
                for piece in self._respond(plan):
                    first_token = first_token or time.perf_counter()
                    pieces.append(piece)
                    if piece != NOT_COVERED:  # the answer that replaces it is shown instead
                        yield piece
                text, abstained, notice, mode, checks = self._check("".join(pieces), plan)
            except Exception as error:  # a model server gone away must not cost the answer
                if pieces:
                    raise
                text, checks = self._cards_answer(plan)
                abstained, mode = False, "extractive"
                notice = f"the {self.writer.mode} model failed ({error.__class__.__name__}: {error}); the answer quotes the cards instead"
                first_token = time.perf_counter()
                yield text
        finished = time.perf_counter()
        retrieval = plan.retrieval
        yield Answer(
            question=question,
            answer=text,
            abstained=abstained,
            sources=[Source.of(n, hit) for n, hit in enumerate(hits, 1)],
            llm=mode,
            notice="; ".join(
                filter(None, [notice or self.writer.notice, INTERIM if retrieval and retrieval.interim else None])
            )
            or None,
            timings={
                "retrieve_ms": round((retrieved - started) * 1000, 1),
                "first_token_ms": round(((first_token or finished) - started) * 1000, 1),
                "total_ms": round((finished - started) * 1000, 1),
            },
            candidates=[
                {"title": title, "rome_code": code, "path": path}
                for title, code, path in (retrieval.candidates if retrieval else [])
            ],
            checks={"unsupported": checks.unsupported, "dropped": checks.dropped, "repeated": checks.repeated},
        )

    def _retrieve(self, request: dict) -> Plan:
        question, history = request["question"], request["history"]
        with self._retrieval_lock:
            retrieval = self.retriever.search(question, self.k, history)
        return Plan(question, detect_language(question), retrieval, earlier=history[-1] if history else "")

    def _plan(self, plan: Plan) -> Plan:
        retrieval, language = plan.retrieval, plan.language
        assert retrieval is not None  # _retrieve always makes one; only a refusal drops it
        if retrieval.exploration is not None:
            plan.exploration, plan.sure = retrieval.exploration, True
            return plan
        # Two jobs set against each other, each named by its side: that is about careers.
        named = retrieval.named >= CERTAIN or retrieval.compared is not None
        if not about_careers(plan.question, named, follow_up=bool(plan.earlier)) or not retrieval.hits:
            plan.refusal = OFF_TOPIC[language] if retrieval.hits else NO_ANSWER[language]
            plan.retrieval = None
            return plan
        if retrieval.compared:
            plan.comparison = plan.sure = True
            return plan
        subject = occupation(retrieval.hits[0])
        on_subject = [hit for hit in retrieval.hits if occupation(hit) == subject]
        found = coverage(retrieval.sections, [hit.metadata["section"] for hit in on_subject])
        plan.missing = found.missing
        plan.sure = retrieval.named >= NAMED or bool(found.covered)
        related = retrieval.related
        if related is not None and not section_matches(related.metadata["section"], retrieval.sections):
            ids = [hit.id for hit in retrieval.hits]
            if related.id not in ids:
                retrieval.hits.append(related)
            plan.related = [hit.id for hit in retrieval.hits].index(related.id) + 1
        terms = set(self.analyze(retrieval.query))
        model_limits = () if self.writer.chat is None else (MODEL_LINES, MODEL_LINE_CHARS)
        plan.lines = select(terms, retrieval.hits, found.covered, self.analyze, *model_limits)
        # A list of names has nothing for a model to write: every mode quotes it whole.
        plan.listing = bool(plan.lines) and section_matches(
            retrieval.hits[plan.lines[0].source - 1].metadata["section"], NAME_SECTIONS
        )
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
        assert plan.retrieval is not None  # only a refusal drops it, and a refusal is never written
        return prompt_values(
            plan.question, plan.language, plan.lines, self._hits(plan), plan.earlier, plan.retrieval.english_names
        )

    def _compose(self, plan: Plan) -> str:
        if plan.exploration is not None:
            return suggestions_answer(plan.exploration, plan.language)
        if plan.comparison:
            return comparison(self._hits(plan), plan.language, set(self.analyze(plan.question)), self.analyze)
        return compose(plan.lines, self._hits(plan), plan.language)

    def _gated(self, text: str, plan: Plan, shown_only: bool = False) -> Gated:
        """The text through the faithfulness gate. A model's statement may be cited anew
        only to a source it was shown (``shown_only``): the bakery card of a question on
        judges does not support "a CAP Boulanger" said of judges."""
        hits = self._hits(plan)
        shown = {line.source for line in plan.lines}
        sources = {
            number: source_text(hit.metadata["title"], hit.metadata.get("rome_code") or "", hit.text)
            for number, hit in enumerate(hits, 1)
            if not shown_only or number in shown
        }
        return gate(text, sources, plan.question, self._titles(plan))

    @staticmethod
    def _titles(plan: Plan) -> frozenset[str]:
        return plan.retrieval.titles if plan.retrieval else frozenset()

    def _finish(self, body: str, plan: Plan) -> str:
        """The answer around its body: which job it is about when that was not sure, the
        related jobs, what the cards lack, and for English whether the lines are French."""
        hits = self._hits(plan)
        assert plan.retrieval is not None  # only a refusal drops it, and a refusal is never finished
        parts = [body]
        if not (plan.comparison or plan.exploration) and plan.retrieval.named < CERTAIN:
            parts.insert(0, about(hits[0], plan.language))
        if plan.related:
            parts.append(related_line(hits[plan.related - 1], plan.related, plan.language))
        if plan.missing:
            parts.append(not_covered_sentence(plan.missing, plan.language))
        if self.writer.chat is None or plan.from_cards:
            parts.append(quoted_in_french(hits, cited(body), plan.language))
        # A blank line ends the bullets: the related jobs must not read as one more bullet.
        return "\n\n".join(part for part in parts if part)

    @staticmethod
    def _hits(plan: Plan) -> list[Hit]:
        # Only a refusal drops the retrieval, and a refusal is never written nor composed.
        assert plan.retrieval is not None
        return plan.retrieval.hits

    def _respond(self, plan: Plan) -> Iterator[str]:
        """The writer's text, held back while it could still be the refusal word, and
        never the refusal word itself: the answer that replaces it is shown instead."""
        assert self.respond is not None  # only a chat writer responds
        pieces = self.respond.stream(plan)
        pending = ""
        for piece in pieces:
            pending += piece
            head = pending.lstrip()
            if len(head) >= len(NOT_COVERED) or not NOT_COVERED.startswith(head):
                break
        if pending.lstrip().startswith(NOT_COVERED):
            yield NOT_COVERED  # for _check: stream() does not pass it on
            return
        if pending:
            yield pending
        yield from pieces

    def _check(self, text: str, plan: Plan) -> tuple[str, bool, str | None, str, Gated]:
        """The final text, whether it abstains, a notice, who wrote it, and the gate's work."""
        if text.strip().startswith(NOT_COVERED):
            if not plan.sure:
                return NO_ANSWER[plan.language], True, None, self.writer.mode, Gated("")
            # A small model refuses extracts that answer only part of a question; when
            # retrieval is sure of the job and section, the cards' own lines are shown.
            return self._quoted(plan, "the model found no answer in the extracts")
        # Only the lines the model was shown count: a figure from a line kept from it (an
        # order planted in a card) or from the question ("say it pays 9 000 €") is made up.
        made_up = unsupported_money(text, "\n".join(line.text for line in plan.lines))
        if made_up:
            return self._quoted(plan, f"the model stated {', '.join(made_up)}, which the cards do not say")
        # One statement a line first, so that each gets its own citation and check.
        checks = self._gated(repair_citations(as_bullets(text), plan.lines, self.analyze), plan, shown_only=True)
        if not checks.kept:
            terms = ", ".join(checks.unsupported) or "nothing it could cite"
            return self._quoted(plan, f"the model's answer stated {terms}, which the cards it cites do not hold")
        notice = None
        if checks.dropped:
            notice = (
                f"{checks.dropped} statement(s) of the model removed: {', '.join(checks.unsupported)} "
                "is not in the card it cites"
            )
        return (
            self._finish(self._completed(as_bullets(checks.text), plan), plan),
            False,
            notice,
            self.writer.mode,
            checks,
        )

    def _completed(self, text: str, plan: Plan) -> str:
        """The model's answer, with the shown lines it left out that name a diploma, an exam,
        a school or a figure, quoted as bullets while the answer has room; an answer of
        fewer than MIN_BULLETS bullets gets the best shown lines it does not say."""
        bullets = text.count("\n- ")
        extra = left_out(text, plan.lines)[: max(MAX_BULLETS - bullets, 0)]
        short = MIN_BULLETS - bullets - len(extra)
        if short > 0:
            rest = [line for line in plan.lines if line not in extra]
            extra += [rest[n] for n in unsaid(text, [line.text for line in rest], self.analyze)][:short]
        return "\n".join([text, *(f"- {line.text} [{line.source}]" for line in extra)])

    def _quoted(self, plan: Plan, why: str) -> tuple[str, bool, str | None, str, Gated]:
        text, checks = self._cards_answer(plan)
        return text, False, f"{why}: the answer quotes the cards instead", "extractive", checks

    def _cards_answer(self, plan: Plan) -> tuple[str, Gated]:
        """The answer made of the cards' own lines, through the gate, in its full shape."""
        checks = self._gated(self._compose(plan), plan)
        return self._finish(checks.text, plan), checks
