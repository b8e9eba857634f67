"""The cards' answer to each kind of question, in its full shape and through the
faithfulness gate: what the extractive writer says, and what every writer says for the
kinds no model writes. Pure.

``RENDERERS`` maps each kind to its renderer; adding a kind adds one line here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from advisor.answer.exploration_answer import exploration_answer
from advisor.answer.extractive import (
    comparison,
    compose,
    not_covered_sentence,
    occupation,
    section_name,
    section_prefix,
)
from advisor.answer.faithfulness import Gated, cited, gate, source_text
from advisor.answer.kinds import (
    AskBack,
    CitedLines,
    Comparison,
    Declined,
    Figures,
    JobList,
    Kind,
    NameList,
    NotCovered,
    Quoted,
)
from advisor.answer.shape import about, quoted_in_french, related_line, variants_line
from advisor.answer.situation import adult_lead, ask_back, uncovered_sentence
from advisor.answer.transition import transition_line

Analyze = Callable[[str], list[str]]

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


@dataclass(frozen=True)
class Rendered:
    text: str
    abstained: bool = False
    checks: Gated = field(default_factory=lambda: Gated(""))


def gated(text: str, kind: Kind, only: set[int] | None = None) -> Gated:
    """The text through the faithfulness gate, against the kind's sources (``only`` those
    numbers: a model's statement may be cited anew only to a source it was shown)."""
    sources = {
        number: source_text(hit.metadata["title"], hit.metadata.get("rome_code") or "", hit.text)
        for number, hit in enumerate(kind.retrieved.hits, 1)
        if only is None or number in only
    }
    return gate(text, sources, kind.question, kind.retrieved.titles)


def framed(body: str, kind: Quoted, quoted: bool) -> str:
    """Lines of one job around their body: which job they are about when the question did
    not name it for sure, the related jobs, what the cards lack, and for English whether
    the lines are French (``quoted``: the body is the cards' own lines)."""
    hits = kind.retrieved.hits
    parts = [body]
    if kind.adult:
        parts.insert(0, adult_lead(kind.language))
    if not kind.named_surely:
        parts.insert(0, about(hits[0], kind.language))
    if kind.change[0]:
        leaving, joining = kind.change
        title = hits[joining - 1].metadata["title"]
        parts.append(transition_line(hits[leaving - 1], leaving, hits[joining - 1], joining, title, kind.language))
    if kind.variants:
        parts.append(variants_line(kind.variants, kind.language))
    if kind.related:
        parts.append(related_line(hits[kind.related - 1], kind.related, kind.language))
    if kind.missing:
        parts.append(not_covered_sentence(kind.missing, kind.language))
    if quoted:
        parts.append(quoted_in_french(list(hits), cited(body), kind.language))
    # A blank line ends the bullets: the related jobs must not read as one more bullet.
    return "\n\n".join(part for part in parts if part)


def _declined(kind: Declined, analyze: Analyze) -> Rendered:
    if kind.uncovered:  # said once, by render()
        return Rendered("", abstained=True)
    return Rendered((OFF_TOPIC if kind.off_topic else NO_ANSWER)[kind.language], abstained=True)


def _ask_back(kind: AskBack, analyze: Analyze) -> Rendered:
    return Rendered(ask_back(kind.undecided, kind.language), abstained=True)


def _not_covered(kind: NotCovered, analyze: Analyze) -> Rendered:
    """What the subject's cards lack, then what they hold, with citations."""
    hits = kind.retrieved.hits
    subject = occupation(hits[0])
    held: list[tuple[str, int]] = []
    for number, hit in enumerate(hits, 1):
        if occupation(hit) == subject and hit.metadata["section"] not in [h for h, _ in held]:
            held.append((hit.metadata["section"], number))
    lack = not_covered_sentence(kind.missing, kind.language).replace(
        "ce métier" if kind.language == "fr" else "this job", f"**{hits[0].metadata['title']}**"
    )
    names = ", ".join(f"{section_name(section_prefix(s), kind.language)} [{n}]" for s, n in held)
    return Rendered(f"{lack} {WHAT_THEY_COVER[kind.language].format(names)}", abstained=True)


def _quoted(kind: Quoted, analyze: Analyze) -> Rendered:
    checks = gated(compose(list(kind.lines), list(kind.retrieved.hits), kind.language), kind)
    return Rendered(framed(checks.text, kind, quoted=True), checks=checks)


def _whole(body: str, kind: Kind) -> Rendered:
    """A table or a list of jobs, through the gate, and whether its lines are French."""
    checks = gated(body, kind)
    hits = list(kind.retrieved.hits)
    text = "\n\n".join(
        part for part in (checks.text, quoted_in_french(hits, cited(checks.text), kind.language)) if part
    )
    return Rendered(text, checks=checks)


def _comparison(kind: Comparison, analyze: Analyze) -> Rendered:
    table = comparison(list(kind.retrieved.hits), kind.language, set(analyze(kind.question)), analyze)
    return _whole(table, kind)


def _job_list(kind: JobList, analyze: Analyze) -> Rendered:
    # The heading says what the learner said they like, never an interest matched for them.
    exploration = replace(kind.exploration, interests=kind.stated)
    return _whole(exploration_answer(exploration, kind.language), kind)


RENDERERS: dict[type[Kind], Callable[[Any, Analyze], Rendered]] = {
    Declined: _declined,
    NotCovered: _not_covered,
    CitedLines: _quoted,
    NameList: _quoted,
    Figures: _quoted,
    Comparison: _comparison,
    JobList: _job_list,
    AskBack: _ask_back,
}


def render(kind: Kind, analyze: Analyze) -> Rendered:
    """The cards' answer to ``kind``; ``analyze`` is the lexical analyzer (comparison cells).
    What the question asks that no card covers is said first, in one sentence."""
    rendered = RENDERERS[type(kind)](kind, analyze)
    return with_uncovered(rendered, kind)


def with_uncovered(rendered: Rendered, kind: Kind) -> Rendered:
    """The answer, after the sentence on what no card covers when the question asks it."""
    if not kind.uncovered:
        return rendered
    text = "\n\n".join(part for part in (uncovered_sentence(kind.uncovered, kind.language), rendered.text) if part)
    return replace(rendered, text=text)
