"""The faithfulness gate: every statement of an answer is found in the source it cites. Pure.

A small model writes fluent sentences that its extracts do not hold: a diploma of the
prompt's example ("CAP Boulanger" for a truck driver), the diploma of the neighbouring
card ("Diplôme d'État d'Aide-Soignant" for a midwife), a school, a figure. What can be
checked is checked, for each sentence or bullet against the sources it cites
(accents, case and punctuation folded):
- acronyms and codes (CAP, BTS, FIMO, ESIEE, Bac+5);
- capitalised names, as a run of capitalised words ("Diplôme d'État d'Aide-Soignant");
- numbers (their digits: "3 800 €" is "3800");
- the corpus's job titles of two words or more ("aide-soignant", "sage-femme").
A term of the question may be repeated ("How do I become an Edge AI engineer?"), but
never one of its numbers. A statement with an unsupported term is dropped, and so is
one that repeats an earlier one.

>>> sources = {1: "Sage-femme — Se lancer\\nDiplôme d'État de sage-femme (DE). Inscription à l'Ordre."}
>>> print(gate("- You need the Diplôme d'État [1].\\n- Or the Diplôme d'État d'Aide-Soignant [1].", sources).text)
- You need the Diplôme d'État [1].
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from advisor.answer.extractive import Line
from advisor.text import CITED_STATEMENT, fold_words, split_sentences

CITATION = re.compile(r"\[(\d+)\]")


def cited(text: str) -> set[int]:
    """The source numbers a text cites.

    >>> sorted(cited("A [1]. B [3] and [1]."))
    [1, 3]
    """
    return {int(n) for n in CITATION.findall(text)}


_MONEY = re.compile(r"\d[\d\s.,]*\s?(?:k€|€|euros?|eur\b|\$)", re.IGNORECASE)
#: Words, and the punctuation that ends a name ("Airbus, Thalès" are two).
_TOKEN = re.compile(r"[^\W_][\w'’+-]*|[^\w\s'’-]")
#: Words that join the capitalised words of one name ("Diplôme d'État de Sage-Femme").
_JOINERS = frozenset({"de", "d", "du", "des", "la", "le", "l", "et", "en", "of", "the", "and", "for", "in", "à", "a"})
_ACRONYM = re.compile(r"^(?:[A-Z0-9][A-Z0-9+&/-]*[A-Z][A-Z0-9+&/-]*|[A-Z][a-z]+\+\d+)$")
_NUMBER = re.compile(r"\d+(?:[\s.,\u202f\u00a0]\d{3})*")
#: Capitalised for grammar's sake in English, and no fact of a job card.
_ALWAYS_FINE = frozenset(
    [
        "i",
        "france",
        "french",
        "english",
        "europe",
        "european",
        "paris",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ]
)


def source_text(title: str, rome_code: str, text: str) -> str:
    """What an answer citing a chunk may draw on: the chunk, and its card's name and code
    (an answer's first sentence names them)."""
    return f"{title} (ROME {rome_code})\n{text}"


def numbers(text: str) -> set[str]:
    """The numbers of a text as digit strings, thousands separators taken out.

    >>> sorted(numbers("3 800 € à 7 000 € / mois, Bac+5"))
    ['3800', '5', '7000']
    """
    return {re.sub(r"\D", "", match) for match in _NUMBER.findall(text)}


def _names(piece: str) -> list[str]:
    """Acronyms and runs of capitalised words. A sentence's first word is capitalised for
    grammar: it counts only as an acronym.

    >>> _names("Midwives register with the Ordre des Sages-Femmes after the DE [1].")
    ['Ordre des Sages-Femmes', 'DE']
    >>> _names("The Diplôme d'État d'Aide-Soignant is needed. You also need the BAFA.")
    ["Diplôme d'État d'Aide-Soignant", 'BAFA']
    """
    words = _TOKEN.findall(CITATION.sub(" ", piece).replace("**", " "))
    found: list[str] = []
    run: list[str] = []
    pending: list[str] = []  # joiners, kept only if a capitalised word follows
    starts = True  # the next word begins a sentence
    for word in [*words, ""]:
        bare = re.sub(r"^[dl][’']", "", word, flags=re.IGNORECASE)
        opening, starts = starts, word in {".", "!", "?", ":"} or (starts and not word[:1].isalnum())
        if bare[:1].isupper() or _ACRONYM.match(bare):
            if opening and not _ACRONYM.match(bare):
                continue
            run += [*pending, word] if run else [bare]  # "l'ENM" is the ENM
            pending = []
        elif run and (word.lower() in _JOINERS or (bare != word and not bare)):
            pending.append(word)
        else:
            if run:
                found.append(" ".join(run))
            run, pending = [], []
    return [name for name in found if fold_words(name) not in _ALWAYS_FINE]


def checkable_terms(piece: str, titles: Iterable[str] = ()) -> list[str]:
    """What a sentence states that a source must hold: names, acronyms, numbers, and
    the given job titles (folded) that it mentions.

    >>> checkable_terms("The FIMO lasts 140 hours, like an aide-soignant's [2].", ["aide soignant"])
    ['FIMO', '140', 'aide soignant']
    """
    text = CITATION.sub(" ", piece)
    terms = _names(text)
    terms += sorted(numbers(text) - {n for name in terms for n in numbers(name)}, key=text.find)
    folded = f" {fold_words(text)} "
    terms += [title for title in titles if f" {title} " in folded]
    return terms


def supported(term: str, source: str) -> bool:
    """Whether a source holds a term, words compared folded, numbers by digits.

    >>> supported("Diplôme d'Etat", "Le diplôme d'État de sage-femme"), supported("3800", "3 800 €")
    (True, True)
    >>> supported("NVIDIA in Toulouse", "Recruteurs : NVIDIA. Villes : Toulouse."), supported("CAP Boulanger", "CAP")
    (True, False)
    """
    if term.isdigit():
        return term in numbers(source) or term in fold_words(source).split()
    held = f" {fold_words(source)} "
    if f" {fold_words(term)} " in held:
        return True
    # "NVIDIA in Toulouse", "Ordre des Sages-Femmes": each name of a run said in its own words.
    parts = re.split(r"\b(?:" + "|".join(sorted(_JOINERS)) + r")\b", fold_words(term))
    return len(parts) > 1 and all(f" {part.strip()} " in held for part in parts if part.strip())


@dataclass
class Gated:
    """An answer after the gate, and what the gate took out."""

    text: str
    unsupported: list[str] = field(default_factory=list)  # the terms no cited source holds
    dropped: int = 0  # statements taken out for an unsupported term
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
        self.sources, self.titles = sources, titles
        # A name the question gives may come back in the answer, but not a number it gives.
        self.asked = f" {fold_words(question)} "
        self.result = Gated("")
        self.seen: set[str] = set()

    def statement(self, piece: str, repeats: bool = True) -> str | None:
        """The statement as it may stand (cited anew if need be), or None to drop it, as a
        repeat too unless ``repeats`` is False."""
        cited = [int(n) for n in CITATION.findall(piece)]
        if not cited:
            return piece
        terms = [
            term
            for term in checkable_terms(piece, self.titles)
            if term.isdigit() or f" {fold_words(term)} " not in self.asked
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
