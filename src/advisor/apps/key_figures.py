"""A card's key figures, read back from the figure sections the index serves, and drawn:
the Jobs tab heads a card with them and two small bar charts, Compare sets two cards'
side by side. Pure.

They are parsed from the card's own lines (written by ``corpus.figure_sections``), not
read from the data files: the apps show what the index serves, so a figure here reads as
the chat quotes it. The English sections are parsed, the app speaking English; the
certifications exist in French only. A line that does not parse is left out, never guessed.

Charts are inline HTML with inline styles, which gradio's sanitizer keeps: no script, no
stylesheet, no dependency. Each bar has its label and number in text beside it, so a chart
reads without colour, and without styles at all.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from html import escape
from typing import Any

from advisor.vocabulary import CERTIFICATIONS, HIRING_EN, PAY_EN

TITLE = "Key figures / Chiffres clés"

_PAY = re.compile(
    r"Median pay in the job family “(?P<name>.*)” \((?P<code>\w+)\): (?P<pay>\d[\d ]* €) net a month, full time"
    r" \((?P<source>[^()]+)\)\."
)
_BANDS = re.compile(
    r"Share of (?P<code>\w+)'s full-time employees by net monthly pay: (?P<items>.+) \((?P<source>[^()]+)\)\."
)
_DIFFICULTY = re.compile(
    r"Recruitment difficulty (?P<level>[a-z ]+ \([1-5] out of 5\)) for the job family “(?P<name>.*)” \((?P<code>\w+)\)"
    r" \((?P<source>[^()]+)\)\."
)
_DRIVERS = re.compile(r"Mainly driven by: (?P<items>.+) \((?P<source>[^()]+)\)\.")
# The six factors' classes, the chart's data; a card without the line gets no factors chart.
_FACTORS = re.compile(r"Difficulty factors, from 1 \(low\) to 5 \(high\): (?P<items>.+) \((?P<source>[^()]+)\)\.")
_SHORTAGE = re.compile(
    r"The family \w+ is (?P<absent>not )?on the (?P<year>\d{4}) shortage occupation list"
    r"(?: for the (?P<whole>whole of France)| in these regions: (?P<regions>.+))?\."
)
_ITEM = re.compile(r"(?P<label>.+): (?P<value>\d+)%?")
# A certification line lists its routes after its title and facts: "… RNCP 37537) : par
# formation initiale, apprentissage, … (Certif Info, 2024) ; en emploi 6 mois après : …".
_ROUTES = re.compile(r" : par (?P<routes>[^()]+) \(Certif Info")
_MORE = re.compile(r"Et (?P<more>\d+) autres certifications")
_CERTIFICATION_SOURCE = re.compile(r"Source : (?P<source>[^;]+?) ;")
_YEAR = re.compile(r"\d{4}(?:-\d{4})?$")


@dataclass(frozen=True)
class Chart:
    """Horizontal bars: (label, value) each, a full bar standing for ``scale``."""

    title: str
    bars: tuple[tuple[str, int], ...]
    scale: int
    unit: str  # after each number
    source: str  # with its year


@dataclass(frozen=True)
class KeyFigures:
    """What a card's figure sections say; a figure they lack is empty."""

    pay: str = ""  # "1 558 € net a month, full time"
    pay_family: str = ""  # "“Infirmiers” (V1Z80)"
    pay_source: str = ""
    difficulty: str = ""  # "high (4 out of 5)"
    difficulty_family: str = ""
    difficulty_source: str = ""
    drivers: str = ""  # the factors that drive the difficulty, in words
    shortage: str = ""  # the regions of the shortage list, in words
    shortage_year: str = ""
    certifications: int = 0  # listed on the card
    more_certifications: int = 0  # named by the card, counted but not listed
    apprenticeship: int = 0  # listed ones open to apprenticeship
    certification_source: str = ""
    bands: Chart | None = None
    factors: Chart | None = None

    @property
    def difficulty_year(self) -> str:
        found = _YEAR.search(self.difficulty_source)
        return found.group() if found else ""


def _lines(text: str) -> list[str]:
    return [line.strip().removeprefix("- ") for line in text.splitlines() if line.strip()]


def _bars(items: str) -> tuple[tuple[str, int], ...]:
    """
    >>> _bars("under €1,250: 11%; €3,000 or more: 2%")
    (('under €1,250', 11), ('€3,000 or more', 2))
    """
    matches = [_ITEM.fullmatch(item) for item in items.split("; ")]
    return tuple((m["label"], int(m["value"])) for m in matches if m)


def _family(found: re.Match[str]) -> str:
    """A family as a reader knows it: its name, then its code; some families have no
    name in the cards (self-employed jobs DARES names no salaried occupation of)."""
    return f"“{found['name']}” ({found['code']})" if found["name"] else found["code"]


def _shortage(found: re.Match[str]) -> str:
    if found["absent"]:
        return "not on the list"
    if found["whole"]:
        return found["whole"]
    regions = found["regions"].split(", ")
    return f"{len(regions)} regions: {found['regions']}" if len(regions) > 1 else found["regions"]


def key_figures(sections: Mapping[str, str]) -> KeyFigures | None:
    """The figures of a card's sections (heading → text); None when it has none.

    >>> sections = {"Hiring outlook": "- The family V1Z80 is on the 2024 shortage occupation list in these regions: Corse, Grand Est."}
    >>> key_figures(sections).shortage, key_figures({"Focus métier": "Soigne."})
    ('2 regions: Corse, Grand Est', None)
    """
    fields: dict[str, Any] = {}
    code = ""
    for line in _lines(sections.get(PAY_EN, "")):
        if not code and (found := _PAY.fullmatch(line)):
            code = found["code"]  # the card's own family: its median, then its bands
            fields.update(pay=f"{found['pay']} net a month, full time", pay_family=_family(found))
            fields["pay_source"] = found["source"]
        elif code and (found := _BANDS.fullmatch(line)) and found["code"] == code and "bands" not in fields:
            title = f"Full-time employees of {code} by net monthly pay"
            fields["bands"] = Chart(title, _bars(found["items"]), 100, "%", found["source"])
    for line in _lines(sections.get(HIRING_EN, "")):
        if found := _DIFFICULTY.fullmatch(line):
            code = found["code"]
            fields.update(difficulty=found["level"], difficulty_family=_family(found))
            fields["difficulty_source"] = found["source"]
        elif found := _DRIVERS.fullmatch(line):
            fields["drivers"] = found["items"]
        elif found := _FACTORS.fullmatch(line):
            title = f"What makes recruiting hard for {code}, from 1 (low) to 5 (high)"
            fields["factors"] = Chart(title, _bars(found["items"]), 5, " / 5", found["source"])
        elif found := _SHORTAGE.fullmatch(line):
            fields.update(shortage=_shortage(found), shortage_year=found["year"])
    listed = more = apprenticeship = 0
    for line in _lines(sections.get(CERTIFICATIONS, "")):
        if found := _MORE.match(line):
            more = int(found["more"])
        elif found := _CERTIFICATION_SOURCE.match(line):
            fields["certification_source"] = found["source"]
        else:
            listed += 1
            routes = _ROUTES.search(line)
            apprenticeship += bool(routes and "apprentissage" in routes["routes"].split(", "))
    if listed:
        fields.update(certifications=listed, more_certifications=more, apprenticeship=apprenticeship)
    return KeyFigures(**fields) if fields else None


# Inline styles, repeated on every row: gradio's sanitizer drops <style> elements.
_CELL = "padding:1px 6px"
_LABEL = f"font-weight:normal;text-align:left;{_CELL}"
_TRACK = f"width:45%;{_CELL}"
_BAR = "display:inline-block;height:0.8em;background:currentColor;opacity:0.55"  # the text's own colour
_NUMBER = f"text-align:right;white-space:nowrap;{_CELL}"


def chart_html(chart: Chart) -> str:
    """One chart on one line (a Markdown table cell holds it as it is): a titled table of
    bars, its source under it. Widths are the values' share of the scale, so two charts
    side by side compare at a glance.

    >>> html = chart_html(Chart("Pay", (("under €1,250", 11),), 100, "%", "Dares, 2017-2019"))
    >>> "width:11%" in html and ">11%</td>" in html and "Source: Dares, 2017-2019" in html
    True
    """
    rows = "".join(
        f'<tr><th scope="row" style="{_LABEL}">{escape(label)}</th><td style="{_TRACK}">'
        f'<span style="{_BAR};width:{100 * min(value, chart.scale) / chart.scale:.0f}%"></span></td>'
        f'<td style="{_NUMBER}">{value}{escape(chart.unit)}</td></tr>'
        for label, value in chart.bars
    )
    return (
        f'<figure style="flex:1 1 22em;margin:0.5em 0"><figcaption><strong>{escape(chart.title)}</strong></figcaption>'
        f'<table style="width:100%;margin:0.3em 0">{rows}</table>'
        f"<small>Source: {escape(chart.source)}</small></figure>"
    )


def _certifications(figures: KeyFigures) -> str:
    """
    >>> _certifications(KeyFigures(certifications=12, more_certifications=2, apprenticeship=10))
    '12 listed, 2 more named by the card; 10 of the 12 open to apprenticeship'
    >>> _certifications(KeyFigures(certifications=1))
    '1 listed; none open to apprenticeship'
    """
    more = f", {figures.more_certifications} more named by the card" if figures.more_certifications else ""
    if not figures.apprenticeship:
        routes = "none open to apprenticeship"
    elif figures.apprenticeship == figures.certifications:
        routes = "all open to apprenticeship"
    else:
        routes = f"{figures.apprenticeship} of the {figures.certifications} open to apprenticeship"
    return f"{figures.certifications} listed{more}; {routes}"


def _drivers(figures: KeyFigures) -> str:
    return f", mainly driven by {figures.drivers}" if figures.drivers else ""


def _tension_family(figures: KeyFigures) -> str:
    """The family the difficulty is measured on: named in full unless it is the pay's."""
    code = figures.difficulty_family.rsplit(" ", 1)[-1].strip("()")
    return code if code in figures.pay_family else figures.difficulty_family


def _cited(text: str, source: str) -> str:
    return f"{text} — *{source}*" if source else text


def figures_markdown(figures: KeyFigures) -> str:
    """The key figures block heading a card: one line a figure, its source in italics,
    then the charts side by side (stacked on a narrow screen)."""
    lines = [f"### {TITLE}"]
    if figures.pay:
        pay = f"- **Median pay**: {figures.pay}, in the job family {figures.pay_family}"
        lines.append(_cited(pay, figures.pay_source))
    if figures.difficulty:
        difficulty = (
            f"- **Recruitment difficulty ({figures.difficulty_year})**: {figures.difficulty} "
            f"in the job family {_tension_family(figures)}{_drivers(figures)}"
        )
        lines.append(_cited(difficulty, figures.difficulty_source))
    if figures.shortage:
        lines.append(f"- **Shortage occupation list ({figures.shortage_year})**: {figures.shortage}")
    if figures.certifications:
        lines.append(_cited(f"- **Certifications**: {_certifications(figures)}", figures.certification_source))
    charts = "".join(chart_html(chart) for chart in (figures.bands, figures.factors) if chart)
    if charts:
        # One line, no blank one: Markdown passes an HTML block through up to a blank line.
        lines += ["", f'<div style="display:flex;flex-wrap:wrap;gap:0 2em">{charts}</div>']
    return "\n".join(lines)


def _sourced(text: str, source: str) -> str:
    """A comparison cell: the figure, its family and source under it."""
    return f"{text}<br><sub>{source}</sub>" if text else ""


#: Compare's rows of figures: a label (formatted with the figures of the first card having
#: the row, for its year) and a cell.
_ROWS: tuple[tuple[str, Callable[[KeyFigures], str]], ...] = (
    ("Median pay (family)", lambda f: _sourced(f.pay, f"{f.pay_family} — {f.pay_source}")),
    ("Pay bands (family)", lambda f: chart_html(f.bands) if f.bands else ""),
    (
        "Recruitment difficulty ({0.difficulty_year})",
        lambda f: _sourced(
            f.difficulty and f.difficulty + _drivers(f), f"{f.difficulty_family} — {f.difficulty_source}"
        ),
    ),
    ("Difficulty factors", lambda f: chart_html(f.factors) if f.factors else ""),
    ("Shortage occupation list ({0.shortage_year})", lambda f: f.shortage),
    (
        "Certifications",
        lambda f: _sourced(_certifications(f) if f.certifications else "", f.certification_source),
    ),
)


def comparison_rows(left: KeyFigures | None, right: KeyFigures | None) -> list[tuple[str, str, str]]:
    """(label, left cell, right cell) of two cards' figures, one line each: a figure
    neither card has makes no row, one a card lacks an empty cell.

    >>> nurse, baker = KeyFigures(pay="2 025 €", pay_family="V1Z80", pay_source="Dares"), KeyFigures(shortage="not on the list", shortage_year="2024")
    >>> [(label, bool(a), bool(b)) for label, a, b in comparison_rows(nurse, baker)]
    [('Median pay (family)', True, False), ('Shortage occupation list (2024)', False, True)]
    """
    rows = []
    for label, cell in _ROWS:
        cells = [cell(figures) if figures else "" for figures in (left, right)]
        if any(cells):
            owner = left if cells[0] else right
            rows.append((label.format(owner), cells[0].replace("|", "/"), cells[1].replace("|", "/")))
    return rows
