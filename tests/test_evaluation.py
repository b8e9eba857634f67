"""Answer metrics of `advisor eval --answers`, on replies written by hand."""

from advisor.evaluation import GoldenItem, Reply, evaluate_answers

SOURCES = {1: ("D1102", "Boulanger\nCAP Boulanger. Travail de nuit."), 2: ("D1104", "Pâtissier\nCAP Pâtissier.")}


def item(name, question, facts=(), compare=(), answerable=True):
    return GoldenItem(name, "heldout", "fr", "x", question, (), ("D1102",), (), answerable, facts, compare)


def test_answers_are_scored_on_facts_faithfulness_repeats_and_comparisons():
    replies = {
        "good": Reply("Il faut un CAP Boulanger [1].", False, SOURCES),
        "made-up": Reply("Il faut un BTS Boulangerie [1].", False, SOURCES),
        "repeat": Reply("- Travail de nuit [1].\n- Travail de nuit [1].", False, SOURCES),
        "both": Reply("| | A | B |\n| Accès | CAP Boulanger. [1] | CAP Pâtissier. [2] |", False, SOURCES),
        "one": Reply("CAP Boulanger [1].", False, SOURCES),
        "declined": Reply("Les fiches ne disent rien de la rémunération.", True),
    }
    items = [
        item("good", "Comment devenir boulanger ?", facts=("CAP Boulanger",)),
        item("made-up", "Comment devenir boulanger ?", facts=("CAP Boulanger",)),
        item("repeat", "Horaires ?"),
        item("both", "Boulanger ou pâtissier ?", compare=("D1102", "D1104")),
        item("one", "Boulanger ou pâtissier ?", compare=("D1102", "D1104")),
        item("declined", "Combien gagne un boulanger ?", answerable=False),
    ]
    scores, results = evaluate_answers(lambda asked: replies[asked.id], items)
    overall = scores["all"]
    assert (overall.questions, overall.unsupported, overall.repeated) == (6, 1, 1)
    assert overall.fact_coverage == 0.5 and overall.abstained_when_uncovered == 1.0
    assert (overall.comparisons, overall.both_cited) == (2, 0.5)
    assert results[0][1].text == "Il faut un CAP Boulanger [1]."
