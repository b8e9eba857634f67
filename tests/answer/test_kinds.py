"""The router and the renderers, pure: a hand-made retrieval in, one kind of answer out."""

import dataclasses

import pytest

from advisor.answer import kinds
from advisor.answer.chain import AnswerStream
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
from advisor.answer.plan import route
from advisor.answer.render import NO_ANSWER, OFF_TOPIC, RENDERERS, render
from advisor.index.store import Hit
from advisor.search.exploration import Exploration
from advisor.search.retrieval import Retrieval

BAKER = {"title": "Boulanger", "rome_code": "D1102", "path": "boulanger.md"}
JUDGE = {"title": "Juge", "rome_code": "K1101", "path": "juge.md"}
ACCESS = Hit(
    "a",
    "Boulanger — Se lancer dans ce métier\n- CAP Boulanger.\n- Apprentissage.",
    {**BAKER, "section": "Se lancer dans ce métier"},
    0.9,
)
FOCUS = Hit("f", "Boulanger — Focus métier\nPétrit et cuit le pain.", {**BAKER, "section": "Focus métier"}, 0.8)
NEAR = Hit(
    "n",
    "Boulanger — Métiers proches\n- Pâtissier (D1104)\n- Traiteur (D1106)",
    {**BAKER, "section": "Métiers proches"},
    0.7,
)
JUDGE_FOCUS = Hit("j", "Juge — Focus métier\nRend la justice.", {**JUDGE, "section": "Focus métier"}, 0.6)


def found(question, hits, named=1.0, sections=(), **fields):
    return Retrieval(question, question, list(hits), named, sections, **fields)


def test_every_kind_has_a_renderer():
    concrete = {
        kind
        for kind in vars(kinds).values()
        if isinstance(kind, type) and issubclass(kind, Kind) and kind not in (Kind, Quoted)
    }
    assert (
        concrete
        == set(RENDERERS)
        == {
            Declined,
            NotCovered,
            CitedLines,
            NameList,
            Figures,
            Comparison,
            JobList,
            AskBack,
        }
    )


def test_a_question_on_a_named_job_gets_its_cited_lines():
    kind = route(
        found("Comment devenir boulanger ?", [ACCESS, FOCUS], sections=("Se lancer dans ce métier",)), "fr", str.split
    )
    assert isinstance(kind, CitedLines) and kind.sure and kind.named_surely
    assert [line.text for line in kind.lines] == ["CAP Boulanger.", "Apprentissage."]
    text = render(kind, str.split).text
    assert text.startswith("Pour devenir **Boulanger** (ROME D1102) : CAP Boulanger. [1]")


def test_a_model_gets_fewer_and_shorter_lines():
    retrieval = found("Comment devenir boulanger ?", [ACCESS, FOCUS])
    assert len(route(retrieval, "fr", str.split).lines) == 3
    assert len(route(retrieval, "fr", str.split, line_limits=(1, 200)).lines) == 1


def test_off_topic_and_nothing_found_are_declined_with_no_source():
    off = route(found("Quel temps fera-t-il demain ?", [FOCUS], named=0.0), "fr", str.split)
    none = route(found("Comment devenir boulanger ?", []), "fr", str.split)
    assert isinstance(off, Declined) and off.off_topic and not off.retrieved.hits
    assert isinstance(none, Declined) and not none.off_topic
    assert render(off, str.split).text == OFF_TOPIC["fr"] and render(none, str.split).text == NO_ANSWER["fr"]
    assert render(off, str.split).abstained


def test_what_the_cards_lack_is_said_with_what_they_hold():
    kind = route(found("Combien gagne un boulanger ?", [ACCESS, FOCUS], sections=("Revenus",)), "fr", str.split)
    assert isinstance(kind, NotCovered) and kind.missing == ("Revenus",)
    rendered = render(kind, str.split)
    assert rendered.abstained and rendered.text.startswith(
        "Les fiches ne disent rien de la rémunération pour **Boulanger**."
    )
    assert "[1]" in rendered.text and "[2]" in rendered.text


def test_the_related_jobs_close_the_answer_and_a_list_of_names_is_quoted_whole():
    cited = route(found("Comment devenir boulanger ?", [ACCESS], related=NEAR), "fr", str.split)
    assert isinstance(cited, CitedLines) and cited.related == 2 and cited.retrieved.hits[-1] == NEAR
    assert render(cited, str.split).text.endswith("Métiers proches : Pâtissier, Traiteur [2]")
    names = route(found("Métiers proches du boulanger ?", [NEAR], sections=("Métiers proches",)), "fr", str.split)
    assert isinstance(names, NameList)
    assert render(names, str.split).text.startswith(
        "Métiers proches de **Boulanger** (ROME D1102) : Pâtissier (D1104), Traiteur (D1106) [1]"
    )


def test_an_unsure_link_says_which_job_the_answer_is_about():
    kind = route(found("Quelle formation pour faire du pain ?", [ACCESS], named=0.3), "fr", str.split)
    assert isinstance(kind, CitedLines) and not kind.named_surely
    assert render(kind, str.split).text.startswith("À propos de *Boulanger* (D1102) :")


def test_two_jobs_side_by_side_and_a_described_learner():
    pair = route(
        found("Boulanger ou juge ?", [FOCUS, JUDGE_FOCUS], compared=("boulanger.md", "juge.md")), "fr", str.split
    )
    assert isinstance(pair, Comparison)
    assert "| Ce qu'il fait | Pétrit et cuit le pain. [1] | Rend la justice. [2] |" in render(pair, str.split).text
    listed = route(found("J'aime le pain", [], exploration=Exploration((), None, ())), "fr", str.split)
    assert isinstance(listed, JobList) and "aucun métier" in render(listed, str.split).text


def test_kinds_are_frozen():
    kind = route(found("Comment devenir boulanger ?", [ACCESS]), "fr", str.split)
    with pytest.raises(dataclasses.FrozenInstanceError):
        kind.language = "en"


def test_an_answer_stream_yields_its_text_then_holds_the_answer():
    def run():
        yield "a"
        yield "b"
        return "the answer"

    stream = AnswerStream(run())
    assert list(stream) == ["a", "b"] and stream.answer == "the answer"
    unread = AnswerStream(run())
    assert unread.answer == "the answer" and list(unread) == []


def test_a_job_meant_but_not_named_gets_a_question_back_and_no_card():
    for question, undecided in (
        ("Est-ce que ce métier est difficile ?", False),
        ("Gagnez-vous bien votre vie ?", False),
        ("Je ne sais pas quoi faire de ma vie, une idée ?", True),
    ):
        kind = route(found(question, [FOCUS], named=0.6), "fr", str.split)
        assert isinstance(kind, AskBack) and kind.undecided is undecided
        rendered = render(kind, str.split)
        assert rendered.abstained and "[1]" not in rendered.text and rendered.text.count("?") >= 1
    # A sure name, or an earlier turn to lean on, is answered.
    assert isinstance(route(found("Est-ce que ce métier est difficile ?", [FOCUS]), "fr", str.split), CitedLines)
    earlier = route(found("Est-ce que ce métier est difficile ?", [FOCUS], named=0.0), "fr", str.split, earlier="x")
    assert not isinstance(earlier, AskBack)


def test_a_long_story_that_names_no_job_gets_a_question_back():
    story = (
        "I left school at 16. I have worked in shops since. My kids are at school now. "
        "I want something better for us. What should I do?"
    )
    assert isinstance(route(found(story, [FOCUS], named=0.5), "en", str.split), AskBack)


def test_what_no_card_covers_is_said_and_no_card_passed_off():
    question = "Will British qualifications be recognised in France after Brexit?"
    kind = route(found(question, [JUDGE_FOCUS], named=0.6), "en", str.split)
    assert isinstance(kind, Declined) and kind.uncovered == ("recognition",)
    rendered = render(kind, str.split)
    assert rendered.text.startswith("The job cards do not cover the recognition of a foreign diploma")
    assert "[1]" not in rendered.text


def test_the_covered_part_is_answered_after_what_is_not():
    kind = route(found("Quel visa pour devenir boulanger au Canada ?", [ACCESS]), "fr", str.split)
    assert isinstance(kind, CitedLines) and kind.uncovered == ("visa",)
    text = render(kind, str.split).text
    assert text.startswith("Les fiches métiers ne traitent pas des visas") and "CAP Boulanger. [1]" in text


def test_an_adult_gets_the_routes_open_to_adults_first():
    access = Hit(
        "a",
        "Boulanger — Se lancer dans ce métier\n- Un CAP Boulanger est exigé.\n- Le CAP est accessible par la VAE.",
        {**BAKER, "section": "Se lancer dans ce métier"},
        0.9,
    )
    young = route(found("Comment devenir boulanger ?", [access]), "fr", str.split)
    adult = route(found("J'ai 45 ans, comment devenir boulanger ?", [access]), "fr", str.split)
    assert young.lines[0].text.startswith("Un CAP") and not young.adult
    assert adult.lines[0].text.startswith("Le CAP est accessible par la VAE") and adult.adult
    assert render(adult, str.split).text.startswith("Pour un adulte ou une reconversion")


def test_a_job_list_says_only_the_interests_the_learner_stated():
    exploration = Exploration((), None, ("J'aime m'occuper des animaux",))
    listed = route(found("Que faire ? J'aime les animaux.", [], exploration=exploration), "fr", str.split)
    assert isinstance(listed, JobList) and listed.stated == ("les animaux",)


def test_a_change_of_job_says_the_skills_both_cards_list_and_those_the_new_one_adds():
    aide = {"title": "Aide-soignant", "rome_code": "J1501", "path": "aide.md", "section": "Compétences clés"}
    leaving = Hit("s1", "Aide-soignant — Compétences clés\n- Aider aux repas\n- Pétrir la pâte", aide, 0.0)
    joining = Hit(
        "s2",
        "Boulanger — Compétences clés\n- Pétrir la pâte\n- Cuire le pain",
        {**BAKER, "section": "Compétences clés"},
        0.0,
    )
    kind = route(found("Comment devenir boulanger ?", [ACCESS], leaving=leaving, joining=joining), "fr", str.split)
    assert isinstance(kind, CitedLines) and kind.change == (2, 3)
    assert (
        "Compétences que les fiches **Aide-soignant** et **Boulanger** partagent : Pétrir la pâte [2][3]. "
        "La fiche **Boulanger** y ajoute : Cuire le pain [3]." in render(kind, str.split).text
    )


def test_a_job_found_by_its_everyday_name_lists_its_specialised_cards_in_one_line():
    variants = (("Boulanger-pâtissier", "D1199"),)
    kind = route(found("Comment devenir boulanger ?", [ACCESS], variants=variants), "fr", str.split)
    assert isinstance(kind, CitedLines) and kind.variants == variants
    text = render(kind, str.split).text
    assert "Les fiches ont aussi des métiers spécialisés sous ce nom : Boulanger-pâtissier (D1199)." in text


def test_a_learner_leaving_their_job_for_nothing_named_is_asked_what_they_like():
    question = "Je suis boulangère depuis 15 ans. Je voudrais changer de métier mais je ne sais pas vers quoi aller."
    kind = route(found(question, [ACCESS]), "fr", str.split)
    assert isinstance(kind, AskBack) and kind.undecided
    related = route(
        found(
            "Je suis boulangère et je veux changer de métier, quels métiers proches ?",
            [ACCESS],
            sections=("Métiers proches",),
        ),
        "fr",
        str.split,
    )
    assert not isinstance(related, AskBack)


CERTIFICATIONS = Hit(
    "c",
    "Boulanger — Certifications et voies d'accès\n"
    "- CQP boulanger (titre inscrit au RNCP) : par formation continue, VAE (Certif Info, 2024).\n"
    "- CAP boulanger (Certificat d'aptitude professionnelle) : par apprentissage, VAE (Certif Info, 2024).",
    {**BAKER, "section": "Certifications et voies d'accès"},
    0.9,
)


def test_a_route_asked_quotes_only_the_certifications_open_to_it():
    sections = ("Certifications et voies d'accès", "Se lancer dans ce métier")
    kind = route(
        found("Peut-on devenir boulanger en apprentissage ?", [CERTIFICATIONS, ACCESS], sections=sections),
        "fr",
        str.split,
    )
    quoted = [line.text for line in kind.lines]
    assert quoted[0].startswith("CAP boulanger") and not any(text.startswith("CQP") for text in quoted)
    every = route(
        found("Quel diplôme pour devenir boulanger ?", [CERTIFICATIONS], sections=sections[:1]), "fr", str.split
    )
    assert len(every.lines) == 2


def test_a_level_asked_quotes_only_the_certifications_of_that_level():
    levelled = Hit(
        "c",
        "Boulanger — Certifications et voies d'accès\n"
        "- BP boulanger (Brevet professionnel, niveau 4 (bac)) : par apprentissage (Certif Info, 2024).\n"
        "- CAP boulanger (Certificat d'aptitude professionnelle, niveau 3 (CAP)) : par apprentissage (Certif Info, 2024).",
        {**BAKER, "section": "Certifications et voies d'accès"},
        0.9,
    )
    sections = ("Certifications et voies d'accès",)
    for question, start in (("Quel CAP pour devenir boulanger ?", "CAP"), ("Un bac pro ou un BP de boulanger ?", "BP")):
        kind = route(found(question, [levelled], sections=sections), "fr", str.split)
        assert [line.text.split()[0] for line in kind.lines] == [start], question


def test_an_english_pay_question_is_answered_from_french_pay_lines():
    pay = Hit(
        "p", "Boulanger — Revenus\n- Salaire médian : 1 558 € (Dares, 2017-2019).", {**BAKER, "section": "Revenus"}, 0.9
    )
    kind = route(found("How much does a baker earn?", [pay], sections=("Pay", "Revenus")), "en", str.split)
    assert isinstance(kind, Figures) and not kind.missing
    assert "1 558 €" in render(kind, str.split).text


def test_a_long_figure_line_keeps_its_source_and_year():
    long_line = (
        "CAP boulanger (Certificat d'aptitude professionnelle, niveau 3 (CAP), RNCP 37537, certificateur : "
        + "Ministère de l'éducation nationale et de la jeunesse / Ministère du travail, de la santé et des solidarités"
        + ") : par formation initiale, apprentissage, contrat de professionnalisation, formation continue, VAE "
        + "(Certif Info, 2024) ; en emploi 6 mois après : 65 % des 5 313 apprentis sortis en 2022-2023 "
        + "(InserJeunes, 2022-2023)."
    )
    hit = Hit("c", f"Boulanger — Certifications et voies d'accès\n- {long_line}", CERTIFICATIONS.metadata, 0.9)
    kind = route(
        found("Peut-on devenir boulanger en apprentissage ?", [hit], sections=(hit.metadata["section"],)),
        "fr",
        str.split,
        line_limits=(1, 40),
    )
    assert len(long_line) > 320 and isinstance(kind, Figures) and kind.lines[0].text == long_line


def test_figures_are_quoted_whole_even_for_a_model():
    question = "Peut-on devenir boulanger en apprentissage ?"
    retrieval = found(question, [CERTIFICATIONS], sections=("Certifications et voies d'accès",))
    kind = route(retrieval, "fr", str.split, line_limits=(1, 40))
    assert isinstance(kind, Figures) and kind.lines[0].text.endswith("(Certif Info, 2024).")
