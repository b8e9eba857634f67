"""The web app's Explore tab: pick interests, RIASEC letters, a highest level of study and
a domain; see the jobs that fit, ranked (or sorted by pay or by recruitment difficulty,
apprenticeship ones only if asked); open one in the Jobs tab, or send two to Compare.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import gradio as gr

from advisor.answer.exploration_answer import FIGURE_NAMES, figure_value
from advisor.errors import AdvisorError
from advisor.search.exploration import Choice, Exploration
from advisor.vocabulary import LEVELS, STUDY_LEVELS

RIASEC = (
    ("R — Realistic / réaliste", "R"),
    ("I — Investigative / investigateur", "I"),
    ("A — Artistic / artistique", "A"),
    ("S — Social / social", "S"),
    ("E — Enterprising / entreprenant", "E"),
    ("C — Conventional / conventionnel", "C"),
)
LEVEL_LABELS = {level.code: level.label for level in STUDY_LEVELS}
ANY = "any / tous"
LISTED = 20
SORTS = (
    ("fit / pertinence", "fit"),
    ("median pay / salaire médian", "pay"),
    ("recruitment difficulty / difficulté de recrutement", "difficulty"),
)


def results_markdown(found: Exploration) -> str:
    """The ranked jobs as a table, with the figure they are sorted by.

    >>> from advisor.search.fit import Facets
    >>> from advisor.search.exploration import Suggestion
    >>> card = Facets("t.md", "Toiletteur", "A1503", level="cap", subdomain="Soins aux animaux", pay=1558)
    >>> print(results_markdown(Exploration((Suggestion(card, 1.0, ()),), None, ())))
    | # | Job | Open at | Area |
    |---|---|---|---|
    | 1 | **Toiletteur** (A1503) | CAP, BEP | Soins aux animaux |
    >>> print(results_markdown(Exploration((Suggestion(card, 1.0, ()),), None, (), "pay")).splitlines()[2])
    | 1 | **Toiletteur** (A1503) | CAP, BEP | Soins aux animaux | 1 558 € |
    """
    if not found.suggestions:
        return "No card fits these choices: widen the level, pick other interests or untick apprenticeship."
    figure = ""
    if found.sort:
        (_, name), source = FIGURE_NAMES[found.sort]
        figure = f" {name.capitalize()} ({source}) |"
    rows = [f"| # | Job | Open at | Area |{figure}", "|---|---|---|---|" + "---|" * bool(figure)]
    for rank, suggestion in enumerate(found.suggestions, 1):
        card = suggestion.card
        level = LEVEL_LABELS.get(card.level or "", "not stated")
        row = f"| {rank} | **{card.title}** ({card.rome_code}) | {level} | {card.subdomain or card.domain} |"
        rows.append(row + (f" {figure_value(card, found.sort) or 'not known'} |" if figure else ""))
    return "\n".join(rows)


class ExploreTab:
    """The tab's components, built inside the caller's ``gr.Tab``; ``wire`` connects them
    once the Jobs and Compare tabs exist."""

    def __init__(self, explore: Callable[[Choice], Exploration], interests: list[tuple[str, int]], domains: list[str]):
        self.explore = explore
        # The results stand beside the 30 interests, not below them: no scrolling to see them.
        with gr.Row():
            self.chosen = gr.CheckboxGroup(interests, label="Interests / centres d'intérêt", scale=3)
            with gr.Column(scale=2):
                self.letters = gr.CheckboxGroup(list(RIASEC), label="RIASEC profile")
                levels = [(ANY, ANY)] + [(LEVEL_LABELS[level], level) for level in LEVELS]
                with gr.Row():
                    self.level = gr.Dropdown(levels, value=ANY, label="Highest level of study")
                    self.domain = gr.Dropdown([ANY, *domains], value=ANY, label="Domain (ROME)")
                with gr.Row():
                    self.sort = gr.Dropdown(list(SORTS), value="fit", label="Sort by")
                    self.apprenticeship = gr.Checkbox(label="Apprenticeship possible / apprentissage possible")
                self.show = gr.Button("Show jobs", variant="primary")
                self.table = gr.Markdown()
                self.found = gr.State([])
                self.opened = gr.Dropdown(label="Open a card", choices=[], interactive=True)
                self.pair = gr.CheckboxGroup(label="Pick two to compare", choices=[])
                self.send = gr.Button("Compare them", size="sm")
                self.note = gr.Markdown()

    def run(
        self,
        codes: list[int],
        riasec: list[str],
        highest: str,
        area: str,
        sort: str = "fit",
        apprenticeship: bool = False,
    ) -> tuple[str, list, Any, Any]:
        empty = gr.update(choices=[], value=None)
        sort = "" if sort == "fit" else sort
        if not codes and not riasec and area == ANY and not sort:
            return (
                "Pick at least one interest, a RIASEC letter, a domain or a sort.",
                [],
                empty,
                gr.update(choices=[], value=[]),
            )
        level = None if highest == ANY else highest
        choice = Choice(tuple(codes), "".join(riasec), level, "" if area == ANY else area, sort, apprenticeship)
        try:
            result = self.explore(choice)
        except AdvisorError as error:
            return f"⚠️ {error}", [], empty, gr.update(choices=[], value=[])
        options = [(f"{s.card.title} ({s.card.rome_code})", s.card.path) for s in result.suggestions]
        return (
            results_markdown(result),
            options,
            gr.update(choices=options, value=None),
            gr.update(choices=options, value=[]),
        )

    def wire(
        self,
        picked: gr.Dropdown,
        compared: tuple[gr.Dropdown, gr.Dropdown, gr.Markdown, Callable[[str | None, str | None], str]],
        tabs: gr.Tabs,
    ) -> None:
        """``picked`` is the Jobs tab's card list; ``compared`` the Compare tab's two card
        lists, its table and what fills it."""
        left, right, table, compare_cards = compared

        def open_card(path: str | None, options: list) -> tuple[Any, Any]:
            if not path:
                return gr.update(), gr.update()
            return gr.update(choices=options, value=path), gr.Tabs(selected="jobs")

        def compare(paths: list[str], options: list) -> tuple[Any, Any, Any, str]:
            if len(paths or []) != 2:
                return gr.update(), gr.update(), gr.update(), "Pick exactly two jobs to compare."
            first, second = (gr.update(choices=options, value=path) for path in paths)
            return first, second, gr.Tabs(selected="compare"), ""

        inputs = [self.chosen, self.letters, self.level, self.domain, self.sort, self.apprenticeship]
        self.show.click(self.run, inputs, [self.table, self.found, self.opened, self.pair], api_visibility="private")
        self.opened.input(open_card, [self.opened, self.found], [picked, tabs], api_visibility="private")
        self.send.click(
            compare, [self.pair, self.found], [left, right, tabs, self.note], api_visibility="private"
        ).then(compare_cards, [left, right], table, api_visibility="private")
