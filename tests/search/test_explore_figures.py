"""Explorations sorted by a card's key figures (pay, recruitment difficulty) or kept to the
jobs one can train for as an apprentice: read from the question or picked, in the chat (its
figures cited and through the real gate), the CLI and the Explore tab."""

import argparse
import json

import pytest

from advisor.answer.exploration_answer import exploration_answer
from advisor.answer.faithfulness import gate, source_text
from advisor.index.store import Hit
from advisor.search.exploration import Choice, Exploration, Suggestion
from advisor.search.exploration_request import adds_constraint, exploring, is_exploration, wishes
from advisor.search.fit import Facets, Signals, listed


@pytest.mark.parametrize(
    ("question", "sort", "apprenticeship"),
    [
        ("Quels métiers qui paient bien sans le bac ?", "pay", False),
        ("Je cherche des métiers bien payés dans la nature", "pay", False),
        ("Les métiers les mieux payés ?", "pay", False),
        ("What are the best paid jobs for someone who loves animals?", "pay", False),
        ("I'd like a well-paid job working outdoors", "pay", False),
        ("Any jobs with a high salary without a degree?", "pay", False),
        ("Quels métiers qui recrutent ?", "difficulty", False),
        ("Un métier où on trouve facilement du travail ?", "difficulty", False),
        ("Which jobs are in demand?", "difficulty", False),
        ("jobs with many openings for someone who likes numbers", "difficulty", False),
        ("Which companies are hiring in healthcare jobs?", "difficulty", False),
        ("Des métiers en apprentissage avec les animaux ?", "", True),
        ("Je veux un métier en alternance", "", True),
        ("What jobs can I do as an apprentice?", "", True),
        ("Any apprenticeship in cooking?", "", True),
        ("Des métiers en alternance qui recrutent ?", "difficulty", True),
        ("J'aime les animaux", "", False),
        ("Je veux travailler dans le recrutement", "", False),  # the recruiters' field, no wish
        ("Un métier de la paie ?", "", False),
        ("J'aime apprendre des langues", "", False),
    ],
)
def test_the_wishes_a_question_states(question, sort, apprenticeship):
    assert wishes(question)[:2] == (sort, apprenticeship)


def test_the_wish_words_leave_the_question_and_a_wish_alone_leaves_nothing_to_rank_by():
    # "qui recrutent" would rank the recruiters first, "bien payés" the payroll clerks.
    assert wishes("J'aime les animaux, quels métiers recrutent ?")[2] == "j'aime les animaux, quels metiers ?"
    assert wishes("Quels sont les métiers qui recrutent le plus sans diplôme ?")[2] == ""
    assert wishes("What are the best paid jobs?")[2] == ""
    # Apprenticeship alone still ranks by fit: there is no figure to list every card by.
    assert wishes("Quels métiers en alternance ?") == ("", True, "quels metiers ?")


def test_wishes_make_no_question_about_a_job_an_exploration():
    assert not is_exploration("Est-ce que le métier de plombier recrute ?", 1.0)
    assert not is_exploration("Est-ce que boulanger est bien payé ?", 1.0)
    earlier = ["J'aime les animaux, quels métiers ?"]
    # A follow-up re-orders or narrows the earlier list, unless it names a job.
    assert exploring("et lesquels paient le mieux ?", earlier, lambda q: 0.0) == (
        f"{earlier[0]} et lesquels paient le mieux ?",
        None,
    )
    assert exploring("et en alternance ?", earlier, lambda q: 0.0) is not None
    assert exploring("Est-ce que boulanger est bien payé ?", earlier, lambda q: 1.0) is None
    assert not adds_constraint("Le boulanger recrute-t-il ?", named=0.95)


def card(code, subdomain, pay=0, difficulty=0, apprenticeship=False, level="cap"):
    return Facets(
        f"{code}.md",
        code,
        code,
        frozenset({17}),
        level=level,
        subdomain=subdomain,
        pay=pay,
        difficulty=difficulty,
        apprenticeship=apprenticeship,
    )


CARDS = [
    card("A1", "soins", pay=1500, difficulty=2, apprenticeship=True),
    card("A2", "soins", pay=2900, difficulty=5),
    card("A3", "soins", pay=1700, apprenticeship=True),
    card("A4", "soins", pay=3100, difficulty=4),
    card("B1", "élevage", pay=1600, difficulty=3, apprenticeship=True),
    card("B2", "élevage", difficulty=4),
    card("C1", "médecine", pay=4000, difficulty=5, level="bac+8"),
]


def codes(ranked):
    return [card.rome_code for card, _ in ranked]


def test_sorting_reorders_the_best_fitting_cards_by_their_figure():
    order = ["A1", "A2", "A3", "B1", "A4", "B2", "C1"]
    signals = Signals(closeness={f"{c}.md": 1.0 - 0.1 * n for n, c in enumerate(order)})
    assert codes(listed(CARDS, signals, "bac", 3)) == ["A1", "A2", "A3"]
    # Among the 3 x 3 that fit best (three of one area at most: no A4; no bac+8): the best
    # paid first, the card without a pay last.
    assert codes(listed(CARDS, signals, "bac", 3, sort="pay")) == ["A2", "A3", "B1"]
    assert codes(listed(CARDS, signals, "bac", 9, sort="pay")) == ["A2", "A3", "B1", "A1", "B2"]
    assert codes(listed(CARDS, signals, "bac", 9, sort="difficulty")) == ["A2", "B2", "B1", "A1", "A3"]
    assert codes(listed(CARDS, signals, None, 9, apprenticeship=True)) == ["A1", "A3", "B1"]
    # A card that fits too little stays out, whatever its pay.
    weak = Signals({}, closeness={"A1.md": 1.0, "A4.md": 0.2})
    assert codes(listed(CARDS, weak, None, 5, sort="pay")) == ["A1"]


def test_a_wish_alone_lists_the_highest_figures_three_of_one_area_at_most():
    assert codes(listed(CARDS, Signals(), "bac", 4, sort="pay", described=False)) == ["A4", "A2", "A3", "B1"]
    assert codes(listed(CARDS, Signals(), None, 2, sort="difficulty", described=False)) == ["A2", "C1"]
    assert codes(listed(CARDS, Signals(), None, 2, sort="pay", apprenticeship=True, described=False)) == ["A3", "B1"]


FIGURED_CARDS = {
    "toiletteur.md": ("Toiletteur / Toiletteuse d'animaux", "A1503", "Soins aux animaux", "cap", 1558, 3, "true"),
    "soigneur.md": ("Soigneur / Soigneuse d'animaux", "A1501", "Élevage", "cap", 1625, 5, "true"),
    "veterinaire.md": ("Vétérinaire", "A1504", "Médecine animale", "bac+8", 4000, 5, "false"),
}


def figured_card(title, code, subdomain, level, pay, difficulty, apprenticeship):
    grouped = f"{pay:,}".replace(",", " ")
    word = {3: ("moyenne", "average"), 5: ("très forte", "very high")}[difficulty]
    return f"""---
title: {title}
rome_code: {code}
subdomain: {subdomain}
interests: [17]
access_level: {level}
pay_median: {pay}
pay_period: 2017-2019
difficulty: {difficulty}
difficulty_year: '2019'
apprenticeship: {apprenticeship}
---
# {title}

## Focus métier
S'occupe des animaux : {title.lower()}.

## Se lancer dans ce métier
Cet emploi est accessible avec un diplôme de niveau {level.upper()}.

## Revenus
- Salaire médian de la famille de métiers « Métiers des animaux » (A0Z40) : {grouped} € net par mois à temps plein (Dares, Portraits statistiques des métiers, 2017-2019).

## Perspectives de recrutement
- Difficulté de recrutement {word[0]} ({difficulty} sur 5) pour la famille de métiers « Métiers des animaux » (A0Z40) (Dares / Pôle emploi, indicateur de tension 2019).

## Pay
- Median pay in the job family “Métiers des animaux” (A0Z40): {grouped} € net a month, full time (Dares, Portraits statistiques des métiers, 2017-2019).

## Hiring outlook
- Recruitment difficulty {word[1]} ({difficulty} out of 5) for the job family “Métiers des animaux” (A0Z40) (Dares / Pôle emploi, tension indicator 2019).
"""


@pytest.fixture
def figured(indexer, corpus, embeddings):
    """The answer chain over three animal cards carrying their key figures."""
    from advisor.answer.chain import Advisor
    from advisor.answer.writers import ExtractiveWriter
    from advisor.corpus.discovery import Discovery, Interest
    from advisor.search.exploration import Explorer
    from advisor.search.lexical import Analyzer
    from advisor.search.retrieval import Retriever
    from support import FAKE_MODEL, FakeEncoder

    for name, fields in FIGURED_CARDS.items():
        (corpus / name).write_text(figured_card(*fields), encoding="utf-8")
    indexer.run(corpus)
    animals = Interest(17, "J'aime m'occuper des animaux", "I like taking care of animals", "Soigner.", (), ())
    discovery = Discovery("Source : France Travail", "Licence Ouverte", "v60", (animals,), ())
    encoder = FakeEncoder()
    retriever = Retriever(indexer.store, FAKE_MODEL, embeddings, encoder=encoder, explorer=Explorer(discovery, encoder))
    return Advisor(retriever, ExtractiveWriter(), Analyzer()), retriever


def test_the_chat_lists_the_best_paid_first_each_figure_cited_to_its_pay_line(figured):
    advisor, _ = figured
    answer = advisor.ask("J'aime les animaux, quels métiers paient le mieux ?")
    lines = answer.answer.split("\n")
    assert lines[0].startswith("Des métiers qui peuvent vous correspondre (les animaux")
    assert lines[0].endswith(", classés par salaire médian de leur famille de métiers, du plus haut au plus bas :")
    assert [line.split("**")[1] for line in lines[1:4]] == [
        "Vétérinaire",
        "Soigneur / Soigneuse d'animaux",
        "Toiletteur / Toiletteuse d'animaux",
    ]
    # The gate found every figure in the line it cites: nothing dropped.
    assert lines[1].endswith("— salaire médian de la famille : 4 000 € (Dares, 2017-2019) [3]")
    assert lines[3].endswith("— salaire médian de la famille : 1 558 € (Dares, 2017-2019) [9]")
    assert answer.checks["dropped"] == 0 and not answer.abstained
    assert [s.section for s in answer.cited_sources][:3] == ["Focus métier", "Se lancer dans ce métier", "Revenus"]


def test_the_chat_keeps_the_apprenticeship_jobs_hardest_to_recruit_first_in_english(figured):
    advisor, _ = figured
    answer = advisor.ask("I love animals: which jobs are in demand as an apprentice?")
    lines = answer.answer.split("\n")
    assert lines[0].endswith(
        ", that you can train for as an apprentice, sorted by recruitment difficulty, hardest to fill first:"
    )
    assert "Vétérinaire" not in answer.answer  # no apprenticeship
    assert lines[1].startswith("- **Soigneur / Soigneuse d'animaux**")
    assert lines[1].endswith("— recruitment difficulty: 5/5 (Dares, 2019) [3]")
    assert lines[2].endswith("— recruitment difficulty: 3/5 (Dares, 2019) [6]")
    assert answer.checks["dropped"] == 0
    assert {s.section for s in answer.cited_sources} >= {"Hiring outlook"}


def test_a_figure_its_cited_line_does_not_hold_is_dropped_by_the_gate():
    meta = {"title": "Toiletteur", "rome_code": "A1503", "path": "t.md", "section": "Revenus"}
    focus = Hit("1", "Toiletteur — Focus métier\nLave les chiens.", {**meta, "section": "Focus métier"}, 0.0)
    pay = Hit("2", "Toiletteur — Revenus\n- Salaire médian : 1 558 € (Dares, 2017-2019).", meta, 0.0)
    sources = {n: source_text("Toiletteur", "A1503", hit.text) for n, hit in enumerate((focus, pay), 1)}
    for figure, kept in ((1558, True), (1600, False)):
        toiletteur = Facets("t.md", "Toiletteur", "A1503", pay=figure)
        text = exploration_answer(Exploration((Suggestion(toiletteur, 1.0, (focus, pay)),), None, (), "pay"), "fr")
        euros = f"{figure:,} €".replace(",", " ")
        shown = f"salaire médian de la famille : {euros} (Dares, 2017-2019) [2]"
        assert shown in text and (shown in gate(text, sources).text) is kept


def test_the_cli_sorts_filters_and_prints_the_figures(capsys):
    from advisor.apps.explore_cli import run

    toiletteur = Facets("t.md", "Toiletteur", "A1503", level="cap", subdomain="Soins", pay=1558, difficulty=3)
    asked = []

    class FakeRetriever:
        explorer = None

        def explore(self, question, choice, language, limit):
            asked.append(choice)
            return Exploration((Suggestion(toiletteur, 1.0, ()),), None, (), choice.sort, choice.apprenticeship)

    options = {"question": "", "interest": [], "riasec": "", "max_level": None, "domain": "", "language": None, "n": 5}
    args = argparse.Namespace(**options, sort="pay", apprenticeship=True, list=False, json=False)
    assert run(args, FakeRetriever) == 0
    assert asked[-1] == Choice(sort="pay", apprenticeship=True)
    printed = capsys.readouterr().out
    assert "sorted by pay, highest first" in printed and "only jobs one can train for as an apprentice" in printed
    assert "Toiletteur (A1503) — cap — Soins — median family pay: 1 558 € (Dares, 2017-2019)" in printed
    args.json, args.sort, args.question = True, "fit", "J'aime les animaux"
    assert run(args, FakeRetriever) == 0 and asked[-1].sort == ""
    job = json.loads(capsys.readouterr().out)["jobs"][0]
    assert (job["pay_median"], job["difficulty"], job["apprenticeship"]) == (1558, 3, False)


def test_the_explore_tab_passes_the_sort_and_the_apprenticeship_box():
    from advisor.apps.explore_tab import ExploreTab

    asked = []

    def explore(choice):
        asked.append(choice)
        card = Facets("t.md", "Toiletteur", "A1503", level="cap", subdomain="Soins", difficulty=3)
        return Exploration((Suggestion(card, 1.0, ()),), None, (), choice.sort, choice.apprenticeship)

    tab = ExploreTab.__new__(ExploreTab)  # its run() alone, without building the Gradio components
    tab.explore = explore
    table, *_ = tab.run([], [], "any / tous", "any / tous", "difficulty", True)
    assert asked == [Choice(sort="difficulty", apprenticeship=True)]
    assert "Recruitment difficulty (Dares, 2019)" in table and "| 3/5 |" in table
    refused, *_ = tab.run([], [], "any / tous", "any / tous", "fit", True)
    assert refused.startswith("Pick at least one") and len(asked) == 1
