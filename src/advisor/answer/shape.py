"""The shape of every answer, whoever writes it. Pure.

    About *Homme sage-femme / Sage-femme* (J1104):        <- when the job was not named for sure
    To become **Sage-femme** (ROME J1104): <the best line> [1]
    - <2 to 5 more lines of what was asked> [1]
    Related jobs: Aide-soignant, Puériculteur, Infirmier en soins généraux [4]
    The cards say nothing about pay for this job.          <- what was asked and is missing

A comparison is a table: one row per aspect (access, what they do, where they work),
one column per job, each cell a cited line.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from advisor.index.chunks import is_english
from advisor.index.store import Hit
from advisor.search.intents import section_matches
from advisor.text import MODEL_SENTENCE, split_sentences
from advisor.vocabulary import SECTIONS

#: How the first sentence introduces what it answers, by the section its line comes from.
LEADS = {section.heading: (section.lead_fr, section.lead_en) for section in SECTIONS}
ROW_NAMES = {section.heading: (section.row_fr, section.row_en) for section in SECTIONS if section.row_en}
RELATED_SHOWN = 3
MAX_BULLETS = 5
MIN_BULLETS = 2
#: A line counts as said when the answer holds this share of its words.
SAID_SHARE = 0.6
CELL_CHARS = 300
_CODE = re.compile(r"\s*\(([A-Z]\d{4})\)\s*$")


def _pick(language: str, pair: tuple[str, str]) -> str:
    return pair[0] if language == "fr" else pair[1]


def card_name(hit: Hit) -> str:
    """How an answer names a card: its title and ROME code.

    >>> card_name(Hit("1", "", {"title": "Juge", "rome_code": "K1904"}, 0.0))
    '**Juge** (ROME K1904)'
    """
    code = hit.metadata.get("rome_code")
    return f"**{hit.metadata['title']}**" + (f" (ROME {code})" if code else "")


def lead(section: str, hit: Hit, language: str) -> str:
    """The start of the first sentence, naming the job and what the line answers.

    >>> lead("Se lancer dans ce métier", Hit("1", "", {"title": "Juge", "rome_code": "K1904"}, 0.0), "en")
    'To become **Juge** (ROME K1904): '
    """
    template = next(
        (pair for prefix, pair in LEADS.items() if section_matches(section, (prefix,))), ("**{}** : ", "**{}**: ")
    )
    code = hit.metadata.get("rome_code")
    return _pick(language, template).replace("**{}**", card_name(hit) if code else f"**{hit.metadata['title']}**")


def about(hit: Hit, language: str) -> str:
    """The opening line when the job was linked without a sure name: a wrong link shows.

    >>> about(Hit("1", "", {"title": "Homme sage-femme / Sage-femme", "rome_code": "J1104"}, 0.0), "en")
    'About *Homme sage-femme / Sage-femme* (J1104):'
    """
    code = hit.metadata.get("rome_code")
    title = f"*{hit.metadata['title']}*" + (f" ({code})" if code else "")
    return f"À propos de {title} :" if language == "fr" else f"About {title}:"


def related_jobs(text: str) -> list[str]:
    """The job titles listed in a "Métiers proches" chunk, without their codes.

    >>> related_jobs("X — Métiers proches\\n- Aide-soignant / Aide-soignante (J1501)\\n- Puériculteur (J1507)")
    ['Aide-soignant / Aide-soignante', 'Puériculteur']
    """
    lines = [line.strip()[2:] for line in text.split("\n")[1:] if line.strip().startswith("- ")]
    return [_CODE.sub("", line).strip() for line in lines if line.strip()]


def related_line(hit: Hit, number: int, language: str) -> str:
    """One line naming the first related jobs, cited.

    >>> print(related_line(Hit("4", "X — Métiers proches\\n- A (J1501)\\n- B (J1507)", {}, 0.0), 4, "fr"))
    Métiers proches : A, B [4]
    """
    jobs = related_jobs(hit.text)[:RELATED_SHOWN]
    return f"{'Métiers proches :' if language == 'fr' else 'Related jobs:'} {', '.join(jobs)} [{number}]"


#: The specialised cards of a job named by its everyday name, at most.
VARIANTS_SHOWN = 6


def variants_line(variants: tuple[tuple[str, str], ...], language: str) -> str:
    """One line naming the specialised cards of a job its everyday name found.

    >>> print(variants_line((("Infirmier / Infirmière scolaire", "J1511"),), "en"))
    The cards also have specialised jobs under this name: Infirmier / Infirmière scolaire (J1511).
    """
    names = ", ".join(f"{title} ({code})" for title, code in variants[:VARIANTS_SHOWN])
    if language == "fr":
        return f"Les fiches ont aussi des métiers spécialisés sous ce nom : {names}."
    return f"The cards also have specialised jobs under this name: {names}."


def quoted_in_french(hits: list[Hit], cited: set[int], language: str) -> str:
    """For an English answer that quotes French lines, a last line saying so."""
    if language != "en" or not any(not is_english(hits[n - 1].metadata["section"]) for n in cited if n <= len(hits)):
        return ""
    return "_The card's own lines are quoted in French._"


def table(cells: dict[tuple[str, str], tuple[str, int]], columns: list[Hit], rows: list[str], language: str) -> str:
    """A Markdown table: ``cells`` maps (row section, card path) to (line, source number).

    >>> juge = Hit("1", "", {"title": "Juge", "rome_code": "K1904", "path": "j"}, 0.0)
    >>> print(table({("Focus métier", "j"): ("Juge.", 1)}, [juge], ["Focus métier"], "en"))
    | | **Juge** (ROME K1904) |
    |---|---|
    | What they do | Juge. [1] |
    """
    header = "| | " + " | ".join(card_name(hit) for hit in columns) + " |"
    lines = [header, "|---|" + "---|" * len(columns)]
    for row in rows:
        name = _pick(language, ROW_NAMES.get(row, (row, row)))
        values = []
        for hit in columns:
            found = cells.get((row, hit.metadata["path"]))
            values.append(f"{_cell(found[0])} [{found[1]}]" if found else "—")
        lines.append(f"| {name} | " + " | ".join(values) + " |")
    return "\n".join(lines)


def _cell(text: str) -> str:
    text = text.replace("|", "/").strip()
    return text if len(text) <= CELL_CHARS else text[: CELL_CHARS - 1].rsplit(" ", 1)[0] + "…"


def as_bullets(text: str) -> str:
    """A model's answer in the advisor's shape: its first sentence, then one bullet per
    further sentence or bullet (a small model often writes one paragraph, or only bullets).

    >>> print(as_bullets("You need the DE [1]. You register with the Ordre. It is a must [1]."))
    You need the DE [1].
    - You register with the Ordre.
    - It is a must [1].
    >>> print(as_bullets("- CAP Boulanger [1].\\n- Night work [2]."))
    CAP Boulanger [1].
    - Night work [2].
    """
    sentences = [
        sentence
        for line in text.split("\n")
        for sentence in split_sentences(line.strip().removeprefix("- ").removeprefix("* "), MODEL_SENTENCE)
    ]
    if not sentences:
        return ""
    return "\n".join([sentences[0], *(f"- {sentence}" for sentence in sentences[1:])])


def unsaid(answer: str, lines: Sequence[str], analyze: Callable[[str], list[str]]) -> list[int]:
    """The positions of the lines whose words the answer mostly does not hold: what a
    short answer can be completed with.

    >>> unsaid("Night work is common [1].", ["Travail de nuit", "Night work"], str.split)
    [0]
    """
    said = set(analyze(answer))
    return [
        n
        for n, line in enumerate(lines)
        if (words := set(analyze(line))) and len(words & said) < SAID_SHARE * len(words)
    ]
