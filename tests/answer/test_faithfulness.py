"""The faithfulness gate on statements about the learner: a statement must be supported by
the line it cites, never by the learner's own message. Deterministic, no model."""

import pytest

from advisor.answer.claims import about_learner
from advisor.answer.faithfulness import gate

EDGE_AI = {
    1: "Ingénieur systèmes embarqués & IA (ROME M1873)\nAccessibilité : Bac+5 obligatoire.\n"
    "Certifications utiles :\n- Certifications Cloud/Edge (AWS IoT, Azure IoT)\n- Formation spécialisée en TinyML"
}
NURSE = {
    1: "Infirmier / Infirmière en soins généraux (IDE) (ROME J1506)\n"
    "Cet emploi est accessible avec un Diplôme d'Etat d'Infirmier, obligatoire pour exercer."
}


@pytest.mark.parametrize(
    "statement",
    [
        "You also have certifications Cloud/Edge (AWS IoT, Azure IoT) [1].",
        "You have a specialization in TinyML [1].",
        "You are silly to start this late [1].",
        "You're already qualified for it [1].",
        "Your age is not a problem [1].",
    ],
)
def test_an_english_claim_about_the_learner_is_dropped_though_its_line_holds_every_name(statement):
    result = gate(statement, {1: EDGE_AI[1] + "\n" + NURSE[1]}, "How do I become an Edge AI engineer?")
    assert result.text == "" and result.dropped == 1 and result.kept == 0
    assert result.unsupported == [] and len(result.about_learner) == 1


@pytest.mark.parametrize(
    "statement",
    [
        "Vous avez un Diplôme d'État d'infirmier [1].",
        "Vous avez déjà une expérience de 10 ans [1].",
        "Tu es trop vieux pour commencer [1].",
        "Votre expérience compte pour la formation [1].",
    ],
)
def test_a_french_claim_about_the_learner_is_dropped(statement):
    result = gate(statement, {1: NURSE[1] + " 10 ans."}, "Je suis aide-soignante, je veux devenir infirmière.")
    assert result.text == "" and result.dropped == 1


@pytest.mark.parametrize(
    "statement",
    [
        "You need a Bac+5 [1].",
        "You have to pass the Bac+5 first [1].",
        "Il faut un diplôme [1].",
        "Vous devez obtenir le DE [1].",
        "Vous avez besoin d'un Bac+5 [1].",
        "Vous êtes amené à travailler de nuit [1].",
        "You are often on call at night [1].",
        "Nurses need the Diplôme d'Etat d'Infirmier [1].",
    ],
)
def test_what_the_job_requires_is_kept(statement):
    sources = {1: NURSE[1] + "\nBac+5. DE. Travail de nuit."}
    result = gate(statement, sources, "I am 40 and would like to become a nurse. Am I silly to start this late?")
    assert result.text == statement and result.kept == 1 and result.dropped == 0


def test_the_learners_own_sentences_quoted_with_a_citation_are_dropped():
    question = "je veux devenir infirmière. Le hic, c'est que j'ai peur de ne pas être à la hauteur. Comment faire ?"
    answer = (
        "Je veux devenir infirmière [1].\n"
        "- Le hic, c'est que j'ai peur [1].\n"
        "- Comment faire ? [1]\n"
        "- Cet emploi est accessible avec un Diplôme d'Etat d'Infirmier [1]."
    )
    result = gate(answer, NURSE, question)
    assert result.text == "- Cet emploi est accessible avec un Diplôme d'Etat d'Infirmier [1]."
    assert result.dropped == 3 and result.kept == 1


def test_the_learners_situation_handed_back_as_a_requirement_is_dropped():
    question = "I've worked in sales for years. I have a degree in history. What do I need to do to teach?"
    sources = {1: "Professeur des écoles (ROME K2106)\nPrimary school teachers instruct students."}
    answer = "You need to retrain as a primary school teacher with a degree in history [1]."
    assert gate(answer, sources, question).text == ""
    assert about_learner(answer, sources[1], question) == "the learner's own words"


def test_a_name_the_question_gives_supports_nothing_but_the_job_it_asks_about():
    # "BTS" is the learner's, not the card's; "Edge AI engineer" is the job asked about.
    result = gate("With a BTS you can start as a nurse [1].", NURSE, "I have a BTS, can I become a nurse?")
    assert result.text == "" and result.unsupported == ["BTS"]
    result = gate("You become an Edge AI engineer with a Bac+5 [1].", EDGE_AI, "How do I become an Edge AI engineer?")
    assert result.text == "You become an Edge AI engineer with a Bac+5 [1]."
    # Its numbers never: "40" is the learner's age.
    assert gate("Nurses start at 40 [1].", NURSE, "I am 40, can I become a nurse?").text == ""


def test_a_cards_own_second_person_line_quoted_stands():
    sources = {1: "Chargé d'accueil (ROME M1601)\nVous avez le sens du contact ? Vous êtes au contact du public."}
    answer = "Vous êtes au contact du public [1]."
    assert gate(answer, sources).text == answer
