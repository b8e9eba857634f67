"""The shared vocabulary is complete where the stages read it, and means what they match."""

import pytest

from advisor.answer.extractive import section_name
from advisor.answer.shape import ROW_NAMES, lead
from advisor.corpus.levels import access_level
from advisor.index.store import Hit
from advisor.search import comparison, intents
from advisor.search.english_names import SINGLE_WORD_SCORE
from advisor.search.intents import sections_for
from advisor.text import fold
from advisor.vocabulary import (
    ACCESS,
    ALIASES,
    CERTAIN,
    CERTIFICATIONS,
    CERTIFICATIONS_EN,
    ENGLISH_NAMES,
    FOCUS,
    HIRING,
    HIRING_EN,
    IN_ENGLISH,
    LEVELS,
    NAME_SECTIONS,
    NAMED,
    PAY,
    PAY_EN,
    PROSPECTS,
    RELATED,
    SECTIONS,
    SKILLS,
    STUDY_LEVELS,
    WHERE,
)

#: Every section a question can ask for: by its words, or as the English side of one.
ASKABLE = [s for s in SECTIONS if s.asked_by] + [s for s in SECTIONS if s.heading in intents.ENGLISH_FIRST.values()]
HEADINGS = [section.heading for section in SECTIONS]


@pytest.mark.parametrize("section", ASKABLE, ids=lambda section: section.heading)
def test_every_askable_section_is_named_and_introduced_in_both_languages(section):
    assert section.heading and section.name_fr and section.name_en
    # ``shape.lead`` puts the card's name in place of "**{}**": once, in bold.
    for template, colon in ((section.lead_fr, " : "), (section.lead_en, ": ")):
        assert template.count("{}") == 1 and "**{}**" in template and template.endswith(colon), template
    juge = Hit("1", "", {"title": "Juge", "rome_code": "K1904"}, 0.0)
    assert "**Juge** (ROME K1904)" in lead(section.heading, juge, "fr")


def test_no_heading_starts_another():
    # A card section is then at most one of them, whatever order a table lists them in.
    folded = [fold(heading) for heading in HEADINGS]
    assert len(set(folded)) == len(folded)
    assert not [(a, b) for a in folded for b in folded if a != b and b.startswith(a)]


def test_the_intents_follow_the_table_in_order():
    assert list(intents.INTENTS) == [
        CERTIFICATIONS,
        ACCESS,
        PAY,
        SKILLS,
        FOCUS,
        HIRING,
        WHERE,
        RELATED,
        ALIASES,
        PROSPECTS,
    ]
    assert intents.ENGLISH_FIRST == {
        CERTIFICATIONS: CERTIFICATIONS_EN,
        PAY: PAY_EN,
        FOCUS: IN_ENGLISH,
        HIRING: HIRING_EN,
        ALIASES: ENGLISH_NAMES,
    }
    assert sections_for("Combien gagne un boulanger ?") == (PAY,)
    assert sections_for("Où travaille un boulanger et avec quelles compétences ?") == (SKILLS, WHERE)
    assert sections_for("What does a plumber do?", "en") == (IN_ENGLISH, FOCUS)
    assert sections_for("C'est quoi le salaire d'un boulanger ?") == (PAY,)  # not what the job is
    # "je voudrais savoir" asks to know, not for the "savoir-faire".
    assert sections_for("Je voudrais savoir quelles études faire pour devenir vétérinaire.") == (ACCESS,)
    assert sections_for("En compta, il faut savoir faire quoi ?") == (SKILLS,)


@pytest.mark.parametrize(
    ("question", "heading"),
    [
        ("Comment devenir boulanger ?", ACCESS),
        ("How much does a baker earn?", PAY),
        ("Quelles compétences pour être boulanger ?", SKILLS),
        ("Que fait un boulanger ?", FOCUS),
        ("Où travaille un boulanger ?", WHERE),
        ("Jobs similar to baker?", RELATED),
        ("Quels sont les autres intitulés de boulanger ?", ALIASES),
        ("Y a-t-il du travail pour un boulanger ?", HIRING),
        ("Is it hard to find a job as a baker?", HIRING),
        ("Est-ce que les boulangers recrutent ?", HIRING),
        ("La VAE est-elle possible pour un boulanger ?", CERTIFICATIONS),
    ],
)
def test_each_section_is_asked_for_by_its_own_words(question, heading):
    assert sections_for(question) == (heading,)


def test_the_seed_cards_prospects_are_asked_with_the_hiring_figures():
    assert sections_for("Le métier de boulanger a-t-il de l'avenir ?") == (HIRING, PROSPECTS)


def test_an_apprenticeship_question_asks_for_the_certifications_first():
    assert sections_for("Peut-on devenir infirmier en apprentissage ?") == (CERTIFICATIONS, ACCESS)


def test_an_answer_names_the_missing_section_in_a_sentence():
    assert section_name(PAY, "fr") == "de la rémunération"
    assert section_name(SKILLS, "fr") == "des compétences"
    assert section_name(FOCUS, "en") == "daily work"


def test_every_comparison_row_has_its_name_and_the_name_lists_are_sections():
    assert set(comparison.ROWS) <= set(ROW_NAMES)
    assert ROW_NAMES[ACCESS] == ("Accès et formation", "Access and training")
    assert set(NAME_SECTIONS) <= set(HEADINGS)


def test_every_level_has_its_names_lowest_first():
    assert LEVELS == ("none", "cap", "bac", "bac+2", "bac+3", "bac+5", "bac+8")
    for names in zip(*((level.name_fr, level.name_en, level.label) for level in STUDY_LEVELS), strict=True):
        assert all(names) and len(set(names)) == len(LEVELS), names  # each level read apart from the others
    assert access_level("Ce métier est accessible sans diplôme.") == LEVELS[0]


def test_the_thresholds_keep_their_order():
    # A one-word English name names a job, but not for sure: the encoder is asked too.
    assert 0 < NAMED <= SINGLE_WORD_SCORE < CERTAIN <= 1
