"""Job linking's everyday names: a bare name goes to the job's main card; diplomas and
common nouns name no job. Small fake cards, no model."""

from dataclasses import replace

import pytest

from advisor.search import name_spans as jobs_module
from advisor.search.jobs import Job, JobLinker, jobs_from_chunks
from advisor.search.name_spans import BARE_NAME_SCORE, BareNames, question_spans


def job(code: str, title: str, names: tuple[str, ...] = (), parent: str = "", english: tuple[str, ...] = ()) -> Job:
    return Job(f"{code}.md", title, code, (title, *names), english=english, rome_parent=parent or code)


# As in ROME 4.0: J1506 is the parent of J1508 and J1510, J1505 of J1511 and J1512.
NURSES = [
    job("J1501", "Aide-soignant / Aide-soignante", english=("nursing assistant", "care assistant")),
    job("J1505", "Infirmier / Infirmière de prévention", english=("occupational health nurse",)),
    job(
        "J1506",
        "Infirmier / Infirmière en soins généraux (IDE)",
        (
            "Infirmier libéral / Infirmière libérale",
            "Infirmier / Infirmière hygiéniste",
            "Infirmier / Infirmière militaire",
        ),
        english=("nurse responsible for general care", "practice nurse", "district nurse"),
    ),
    job("J1508", "Infirmier / Infirmière en pratique avancée (IPA)", parent="J1506", english=("advanced nurse",)),
    job("J1510", "Infirmier coordinateur / Infirmière coordinatrice", ("Infirmier / Infirmière IDEC",), parent="J1506"),
    job("J1511", "Infirmier / Infirmière scolaire", ("Infirmier / Infirmière en lycée",), parent="J1505"),
    job(
        "J1512",
        "Infirmier / Infirmière de santé au travail",
        ("Infirmier / Infirmière d'entreprise", "Infirmier / Infirmière du travail"),
        parent="J1505",
    ),
]
COOKS = [
    job("G1601", "Chef / Cheffe de cuisine", english=("head chef",)),
    job("G1606", "Cuisinier / Cuisinière de collectivité", ("Cuisinier / Cuisinière de cantine",), parent="G1602"),
    job("G1609", "Cuisinier / Cuisinière", ("Cuisinier / Cuisinière à domicile",), parent="G1602", english=("cook",)),
    job("I1325", "Technicien-cuisiniste / Technicienne-cuisiniste", english=("kitchen fitter",)),
]
TEACHERS = [
    job("K2106", "Professeur / Professeure des écoles", english=("primary school teacher", "early years teacher")),
    job(
        "K2107",
        "Professeur / Professeure de collège et de lycée",
        english=("secondary school teacher", "PE teacher", "music teacher"),
    ),
    job("K2118", "Directeur / Directrice d'école primaire", parent="K2106", english=("primary school head teacher",)),
    job("K2122", "Professeur / Professeure à domicile", parent="K2107", english=("home tutor", "art teacher")),
]


def main_codes(cards: list[Job], question: str) -> set[str]:
    return {cards[number].rome_code for number in BareNames(cards).main_cards(question)}


def top(linker: JobLinker, question: str) -> tuple[str, float]:
    found, score = linker.link(question, 1)[0]
    return found.rome_code, score


def test_jobs_carry_their_rome_parent_from_the_chunks():
    meta = {"path": "a.md", "title": "Infirmier / Infirmière en pratique avancée (IPA)", "rome_code": "J1508"}
    chunks = [("IPA — Focus métier\nSoigne.", {**meta, "rome_parent": "J1506", "section": "Focus", "position": 0})]
    assert jobs_from_chunks(chunks)[0].rome_parent == "J1506"
    # The seed card, and an index built before the field, have none.
    assert jobs_from_chunks([("x", {**meta, "section": "Focus", "position": 0})])[0].rome_parent == ""


def test_a_bare_name_that_is_a_cards_title_goes_to_that_card():
    # "cuisinier" heads G1606's names too, but it is G1609's title.
    assert main_codes(COOKS, "Comment devenir cuisinier ?") == {"G1609"}
    assert top(JobLinker(COOKS), "cuisinier") == ("G1609", pytest.approx(1.0))


def test_the_card_named_exactly_comes_before_the_largest_family():
    cards = [*NURSES, job("J1599", "Soignant", ("Infirmier / Infirmière",))]
    assert main_codes(cards, "devenir infirmier") == {"J1599"}


def test_a_bare_name_goes_to_the_card_whose_family_holds_most_of_its_names():
    # No card is titled "Infirmière": J1506 with J1508 and J1510 holds 7 of the names it
    # heads, J1505 with J1511 and J1512 holds 6.
    assert main_codes(NURSES, "je veux devenir infirmière") == {"J1506"}
    linker = JobLinker(NURSES)
    assert top(linker, "je veux devenir infirmière") == ("J1506", pytest.approx(BARE_NAME_SCORE))
    # Without J1510, J1506's family holds 5: J1505's leads.
    assert main_codes([card for card in NURSES if card.rome_code != "J1510"], "infirmière") == {"J1505"}
    # Parents unknown (an index built before the field): the card with most names.
    assert main_codes([replace(card, rome_parent="") for card in NURSES], "infirmière") == {"J1506"}


def test_an_english_bare_name_is_the_head_of_english_names():
    # "nurse" ends names of three cards; J1506 (3 names) with J1508 (1) holds most.
    assert main_codes(NURSES, "I am 40 and would like to become a nurse") == {"J1506"}
    assert top(JobLinker(NURSES), "I am 40 and would like to become a nurse") == ("J1506", pytest.approx(0.9))
    # "nursing" heads no name ("nursing assistant" is an assistant): no bare name.
    assert main_codes(NURSES, "At 51 I've enrolled to study nursing") == set()


def test_only_the_longest_bare_names_count():
    assert main_codes(TEACHERS, "I'm 41 and about to retrain as a primary teacher") == {"K2106"}
    assert main_codes(TEACHERS, "How do I become a teacher?") == {"K2107"}
    # The name of one card is no bare name, and its words no shorter one.
    assert main_codes(NURSES, "infirmière scolaire") == set()
    assert top(JobLinker(NURSES), "infirmière scolaire") == ("J1511", pytest.approx(1.0))


def test_a_question_may_hold_two_bare_names():
    # "aide-soignant" is the name of one card here: no bare name, the card's own name links it.
    assert main_codes(NURSES, "Infirmier ou aide-soignant, quelle différence ?") == {"J1506"}
    night = job("J1513", "Aide-soignant / Aide-soignante de nuit")
    assert main_codes([*NURSES, night], "Infirmier ou aide-soignant, quelle différence ?") == {"J1506", "J1501"}


def test_a_word_that_mostly_modifies_names_no_job():
    # "school" ends one of these names and stands inside three: it says where, not who.
    assert main_codes(TEACHERS, "culinary schools for career changers") == set()
    assert main_codes(TEACHERS, "a school") == set()


def test_a_bare_name_of_too_many_cards_names_none(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(jobs_module, "MAX_BARE_CARDS", 3)
    assert main_codes(NURSES, "infirmière") == set()


def test_diplomas_and_false_friends_are_no_names():
    cards = [
        job("M1814", "Scrum Master"),
        job("K1104", "Psychologue"),
        job("F1137", "Chargé / Chargée de méthodes BTP"),
    ]
    for question in (
        "Que faire avec un master de psycho ?",
        "Quel métier avec un BTS ?",
        "Avec un CAP, quels métiers ?",
    ):
        assert not {"master", "bts", "cap"} & set(question_spans(question))
    linker = JobLinker(cards)
    assert top(linker, "Que faire avec un master de psycho ?")[0] == "K1104"
    assert not linker.names("Quel métier avec un BTS ?")
    # A diploma stays a word of a longer name.
    assert top(linker, "scrum master") == ("M1814", pytest.approx(1.0))
    assert "person" not in question_spans("I'm a people person")


def test_two_cards_tied_for_main_leave_the_names_scores_as_they_are():
    cards = [
        job("A1408", "Eleveur / Eleveuse d'animaux sauvages", english=("zookeeper",)),
        job("A1506", "Soigneur animalier / Soigneuse animalière", english=("zookeeper",)),
    ]
    assert main_codes(cards, "How do I become a zookeeper?") == set()
    assert all(score < BARE_NAME_SCORE for _, score in JobLinker(cards).link("How do I become a zookeeper?"))


def test_a_bare_name_gives_its_main_card_and_the_specialised_ones():
    variants = JobLinker(NURSES).variants("je veux devenir infirmière")
    assert list(variants) == [next(card.path for card in NURSES if card.rome_code == "J1506")]
    codes = {card.rome_code for card in variants[next(iter(variants))]}
    assert "J1506" not in codes and {"J1505", "J1508"} <= codes
    assert JobLinker(NURSES).variants("Infirmière scolaire") == {}


def test_an_everyday_name_goes_to_the_card_a_counsellor_hears_in_it():
    mechanics = [
        job(
            "I1602", "Mécanicien / Mécanicienne avion", tuple(f"Mécanicien / Mécanicienne cellule {n}" for n in "ABCD")
        ),
        job("I1604", "Mécanicien / Mécanicienne automobile"),
        job("I1613", "Mécanicien / Mécanicienne des véhicules des transports", parent="I1604"),
    ]
    # By names the aircraft mechanic leads (5 to 2): "mécanicien" is still the car mechanic.
    assert main_codes(mechanics, "je veux être mécanicien") == {"I1604"}
    assert main_codes(mechanics, "mécanicien avion") == set()  # a card's own name is no bare name


def test_of_two_exact_names_the_longer_one_wins():
    cards = [job("J1408", "Ostéopathe"), job("A1507", "Ostéopathe animalier / Ostéopathe animale")]
    code, score = top(JobLinker(cards), "Je veux devenir ostéopathe animalier")
    assert code == "A1507" and score == pytest.approx(1.0)


def test_cards_tied_on_an_english_name_go_to_the_bare_names_main_card():
    cards = [
        job("I1623", "Conseiller client après-vente", english=("auto mechanic",)),
        job("I1604", "Mécanicien / Mécanicienne automobile", english=("auto mechanic", "mechanic")),
        job("I1611", "Préparateur de véhicules", english=("auto mechanic",)),
    ]
    assert top(JobLinker(cards), "I want to be an auto mechanic") == ("I1604", 1.0)


def test_only_the_same_family_or_the_same_head_word_are_variants():
    midwife = job("J1104", "Homme sage-femme / Sage-femme", english=("nurse midwife",))
    variants = JobLinker([*NURSES, midwife]).variants("I want to be a nurse")
    codes = {card.rome_code for found in variants.values() for card in found}
    assert "J1104" not in codes  # ESCO's "nurse midwife" makes her no kind of nurse


def test_an_everyday_name_of_several_words_beats_another_cards_exact_name():
    police = [
        job("K1704", "Officier / Officière de police", english=("police officer",)),
        job("K1708", "Gardien / Gardienne de la paix", english=("police constable",), parent="K1706"),
    ]
    linker = JobLinker(police)
    matches = linker.name_matches("How do I become a police officer?", 2)
    assert [found.rome_code for found, _ in matches] == ["K1708", "K1704"]
    assert linker.unrivalled("How do I become a police officer?", matches)


def test_a_name_is_unrivalled_unless_more_of_the_words_name_another_card_nearly_as_well():
    designers = [job("H1204", "Designer"), job("E1206", "UX - UI Designer"), job("E1205", "Designer graphique")]
    linker = JobLinker(designers)
    alone = linker.name_matches("Comment devenir designer ?", 3)
    assert alone[0][0].rome_code == "H1204" and linker.unrivalled("Comment devenir designer ?", alone)
    ux = linker.name_matches("I want to be a UX designer", 3)
    assert not linker.unrivalled("I want to be a UX designer", ux)
    assert not linker.unrivalled("stage", linker.name_matches("stage", 3))
