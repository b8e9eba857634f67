"""The faithfulness gate: every statement of an answer is found in the source it cites. Pure.

A small model writes fluent sentences that its extracts do not hold: a diploma of the
prompt's example ("CAP Boulanger" for a truck driver), the diploma of the neighbouring
card ("Diplôme d'État d'Aide-Soignant" for a midwife), a school, a figure. What can be
checked is checked, for each sentence or bullet against the sources it cites: its terms
(names, acronyms, numbers, job titles: advisor.answer.claims) must be in the source it
cites. The question is no source: a name it gives stands only said as the question says
it, beside the same word (the job asked about: "an Edge AI engineer"), and never one of
its numbers. A statement about the learner rather than the job ("You have a
specialization in TinyML [1]", "Je veux devenir infirmière [1].") is dropped, whatever
its line holds; so is a statement with an unsupported term, and one that repeats an
earlier one.

>>> sources = {1: "Sage-femme — Se lancer\\nDiplôme d'État de sage-femme (DE). Inscription à l'Ordre."}
>>> print(gate("- You need the Diplôme d'État [1].\\n- Or the Diplôme d'État d'Aide-Soignant [1].", sources).text)
- You need the Diplôme d'État [1].
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from advisor.answer.claims import CITATION, about_learner, checkable_terms, named_as_asked, supported
from advisor.answer.extractive import Line
from advisor.text import CITED_STATEMENT, fold_words, split_sentences


def cited(text: str) -> set[int]:
    """The source numbers a text cites.

    >>> sorted(cited("A [1]. B [3] and [1]."))
    [1, 3]
    """
    return {int(n) for n in CITATION.findall(text)}


_MONEY = re.compile(r"\d[\d\s.,]*\s?(?:k€|€|euros?|eur\b|\$)", re.IGNORECASE)


def source_text(title: str, rome_code: str, text: str) -> str:
    """What an answer citing a chunk may draw on: the chunk, and its card's name and code
    (an answer's first sentence names them)."""
    return f"{title} (ROME {rome_code})\n{text}"


@dataclass
class Gated:
    """An answer after the gate, and what the gate took out."""

    text: str
    unsupported: list[str] = field(default_factory=list)  # the terms no cited source holds
    dropped: int = 0  # statements taken out for an unsupported term, or about the learner
    about_learner: list[str] = field(default_factory=list)  # those said of the learner, and why
    repeated: int = 0  # statements taken out as repeats
    kept: int = 0  # cited statements left


def gate(answer: str, sources: dict[int, str], question: str = "", titles: Iterable[str] = ()) -> Gated:
    """The answer without its statements that no source supports, or that say again what
    an earlier one said. ``sources`` maps each ``[n]`` to its text.

    A statement whose terms its cited source lacks but another source holds, all of
    them, is cited to that one; lines without a citation (a heading) are kept as they are;
    a table's cells are checked one by one, and a failed one becomes a dash.

    >>> sources = {1: "Juge — Accès\\nConcours de l'ENM.", 2: "Boulanger — Accès\\nCAP Boulanger."}
    >>> result = gate("- Pass the ENM exam [2].\\n- Get a CAP Pâtissier [1].\\n- Pass the ENM exam [1].", sources)
    >>> result.text, result.unsupported, result.dropped, result.repeated
    ('- Pass the ENM exam [1].', ['CAP Pâtissier'], 1, 1)
    """
    check = _Checker(sources, question, list(titles))
    lines = []
    for line in answer.split("\n"):
        if line.startswith("|"):
            # Two cards may say the same of both jobs: no cell is a repeat.
            checked = [check.statement(cell.strip(), repeats=False) for cell in line.strip().strip("|").split("|")]
            cells = ["—" if cell is None else cell for cell in checked]
            lines.append("| " + " | ".join(cells) + " |")
            continue
        bullet = line.startswith("- ")
        pieces = split_sentences(line.removeprefix("- ") if bullet else line, CITED_STATEMENT)
        kept = [piece for piece in (check.statement(piece) for piece in pieces) if piece]
        if kept:
            # A citation taken out of a sentence's middle leaves two spaces behind.
            lines.append(("- " if bullet else "") + re.sub(r" {2,}", " ", " ".join(kept)))
        elif not line.strip():
            lines.append(line)
    check.result.text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    return check.result


class _Checker:
    """Checks statements one after the other, remembering what was said and dropped."""

    def __init__(self, sources: dict[int, str], question: str, titles: list[str]) -> None:
        self.sources, self.titles, self.question = sources, titles, question
        self.result = Gated("")
        self.seen: set[str] = set()

    def statement(self, piece: str, repeats: bool = True) -> str | None:
        """The statement as it may stand (cited anew if need be), or None to drop it, as a
        repeat too unless ``repeats`` is False."""
        cited = [int(n) for n in CITATION.findall(piece)]
        if not cited:
            return piece
        # The learner's message supports nothing: a name of the question stands only as
        # the question says it (the job asked about), and never one of its numbers.
        terms = [
            term
            for term in checkable_terms(piece, self.titles)
            if term.isdigit() or not named_as_asked(term, piece, self.question)
        ]
        missing = self._missing(terms, cited)
        if missing:
            holder = next((n for n in self.sources if not self._missing(terms, [n])), None)
            if holder is None:
                self.result.unsupported += [t for t in dict.fromkeys(missing) if t not in self.result.unsupported]
                self.result.dropped += 1
                return None
            piece = (
                CITATION.sub("", piece).rstrip(" .") + f" [{holder}]" + ("." if piece.rstrip().endswith(".") else "")
            )
            piece = re.sub(r"\s+([,.;])", r"\1", piece)
            cited = [holder]
        # Said of the learner, not of the job: whatever the line holds, it does not say that.
        why = about_learner(piece, "\n".join(self.sources.get(n, "") for n in cited), self.question)
        if why:
            said = re.sub(r"\s+([,.;!?])", r"\1", CITATION.sub("", piece)).strip()
            self.result.about_learner.append(f"{said} ({why})")
            self.result.dropped += 1
            return None
        said = fold_words(CITATION.sub(" ", piece))
        if repeats and said in self.seen:
            self.result.repeated += 1
            return None
        self.seen.add(said)
        self.result.kept += 1
        return piece

    def _missing(self, terms: list[str], cited: list[int]) -> list[str]:
        held = "\n".join(self.sources.get(n, "") for n in cited)
        return [term for term in terms if not supported(term, held)]


def left_out(answer: str, lines: list[Line]) -> list[Line]:
    """The given lines naming something (a diploma, an exam, a school, a figure) that the
    answer does not say: a paraphrase must not lose the CAP a card names.

    >>> lines = [Line(1, 0, "Accessible avec un CAP Boulanger."), Line(1, 1, "Travail de nuit.")]
    >>> [line.text for line in left_out("You need a diploma [1].", lines)]
    ['Accessible avec un CAP Boulanger.']
    """
    said = f" {fold_words(answer)} "
    return [
        line
        for line in lines
        if (terms := checkable_terms(line.text)) and not all(f" {fold_words(term)} " in said for term in terms)
    ]


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
        words = set(analyze(CITATION.sub("", piece)))
        if not words:
            return piece
        shared = {number: len(words & given[number]) for number in given}
        best = max(shared, key=shared.__getitem__)
        cited = [int(n) for n in CITATION.findall(piece)]
        if cited and all(n in given for n in cited) and 2 * max(shared[n] for n in cited) >= shared[best]:
            return piece
        body = re.sub(r"\s+([.,;:!?])", r"\1", CITATION.sub("", piece)).rstrip()
        end = body[-1] if body[-1] in ".;!?" else ""
        return f"{body[: len(body) - len(end)].rstrip()} [{best}]{end}" + piece[len(piece.rstrip()) :]

    return "".join(repair(piece) for piece in re.split(r"(?<=\n)", text))
