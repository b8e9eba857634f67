"""Reading a learner's message: where it asks, the job it wants and the one it leaves, its
situation, what it likes, and what no card covers. The messages are the issue's examples
and ones written for these tests, never the evaluation set's."""

import pytest

from advisor.search.message import read, sentences
from advisor.search.name_spans import question_spans
from advisor.search.wishes import compares_now, targets, with_fields_named


def test_a_short_question_is_its_own_focus():
    for question in ("Comment devenir boulanger ?", "How do I become an Edge AI engineer?", "Boulanger ?"):
        message = read(question)
        assert message.focus == question
        assert not message.long


def test_a_long_message_is_searched_by_what_it_asks_and_wishes():
    message = read(
        "I have worked in a bank for 15 years. My children are grown up now. "
        "The evenings are long. I would like to become a midwife. Is it too late for me?"
    )
    assert message.long
    assert message.focus == "Is it too late for me? I would like to become a midwife."
    assert message.targets == ("midwife",)
    assert message.asks == ("suits_me",)
    assert message.situation.career_change is False and message.situation.doubt


def test_the_learners_own_job_is_not_the_one_they_want():
    message = read("Je suis aide-soignante depuis 10 ans et je veux devenir infirmière. Comment faire ?")
    assert message.situation.current_job == "aide-soignante"
    assert "aide-soignante" not in message.focus
    assert message.adult


def test_a_learner_in_a_job_asking_where_to_go_keeps_it():
    message = read("Je suis infirmière, quels métiers proches ?")
    assert message.focus == "Je suis infirmière, quels métiers proches ?"


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("I am 40 and would like to become a nurse", 40),
        ("At 51 I've enrolled to study nursing", 51),
        ("J'ai 45 ans et je veux changer de métier", 45),
        ("I have 12 years of experience", None),
        ("Un salaire de 2000 euros", None),
    ],
)
def test_the_age_is_read_only_where_it_is_said(text, age):
    assert read(text).situation.age == age


def test_situations_are_named():
    message = read("Je suis en fauteuil roulant, sans diplôme, et j'ai peur de ne pas y arriver : quel métier ?")
    assert {"disability", "no_diploma", "doubt"} <= set(message.situation.raised)


def test_interests_are_only_what_the_learner_states():
    assert read("I love animals and being outdoors, what could I do?").interests == ("animals and being outdoors",)
    assert read("I'm 32 and still have no idea what career").interests == ()
    assert read("I'm not sure what is holding me back").interests == ()


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("Will British qualifications be recognised in France after Brexit?", "recognition"),
        ("Quel visa pour travailler au Canada comme infirmière ?", "visa"),
        ("Mon CAP obtenu au Maroc sera-t-il reconnu en France ?", "recognition"),
        ("Ai-je le droit de refuser une rupture conventionnelle ?", "rights"),
        ("Can I get unemployment benefits while I retrain?", "benefits"),
        ("Où trouver des offres d'emploi de boulanger ?", "job_search"),
    ],
)
def test_what_no_card_covers_is_recognised(text, topic):
    assert read(text).uncovered == (topic,)


@pytest.mark.parametrize(
    "text", ["Comment devenir boulanger ?", "Quel droit pour devenir juriste ?", "Un diplôme reconnu par l'État ?"]
)
def test_questions_the_cards_answer_are_not_out_of_scope(text):
    assert read(text).uncovered == ()


def test_a_job_referred_to_but_not_named_and_a_learner_who_does_not_know():
    assert read("Est-ce que ce métier est difficile ?").unnamed_job
    assert read("Gagnez-vous bien votre vie ?").unnamed_job
    assert read("I'm 32 and still have no idea what career").undecided
    assert not read("Comment devenir boulanger ?").unnamed_job


def test_a_field_names_those_who_practise_it():
    assert targets("I'd love to go into nursing") == ("nursing nurse",)
    assert with_fields_named("la pâtisserie") == "la pâtisserie patissier"


def test_sentences_split_on_ends_and_lines():
    assert sentences("Bonjour.\nJ'ai 40 ans… Trop tard ?") == ["Bonjour.", "J'ai 40 ans…", "Trop tard ?"]


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        (
            "I came here to become a doctor. Becoming a doctor no longer interests me. Perhaps as a professor.",
            ("professor",),
        ),
        ("Quand j'étais petite je voulais être archéologue. Aujourd'hui je veux devenir infirmière.", ("infirmiere",)),
        ("Non, je ne me lance pas dans une carrière de médecine mais dans un domaine proche.", ()),
        ("Je veux devenir infirmière, pas sage-femme.", ("infirmiere",)),
    ],
)
def test_a_wish_taken_back_or_past_names_no_target(text, wanted):
    assert read(text).targets == wanted


def test_a_target_cut_short_is_read_again_from_its_first_word():
    found = read("Je me suis inscrite au concours de recrutement des professeurs des écoles").targets
    assert "recrutement des professeurs des ecoles" in found


def test_words_liked_that_name_nothing_to_do_are_no_interest():
    assert read("I am hard working and responsible, though I also like to have fun.").interests == ()
    assert read("Je ne sais pas du tout ce que j'ai envie de faire plus tard").interests == ()
    assert read("Je ne sais pas du tout ce que j'ai envie de faire plus tard").undecided


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("How can I tell my mother without breaking her heart?", "family"),
        ("Comment convaincre mes parents de me laisser faire un CAP ?", "family"),
        ("Is there a chance of getting accepted with a 3.1 GPA?", "admission"),
    ],
)
def test_family_talks_and_admission_chances_are_not_in_the_cards(text, topic):
    assert topic in read(text).uncovered


def test_an_or_between_past_wishes_compares_nothing():
    assert compares_now("Infirmier ou aide-soignant, je ne sais pas lequel choisir ?")
    assert not compares_now("Je voulais être styliste à cette époque ou alors architecte.")
    assert not compares_now("Non, je ne me lance pas dans une carrière de médecine ou de journalisme.")


@pytest.mark.parametrize(
    "text",
    [
        "Je ne sais pas si je veux devenir infirmière.",
        "I'm not sure whether to become a nurse.",
        "N'est-ce pas trop tard pour devenir infirmière ?",
        "Won't I be too old to become a nurse?",
    ],
)
def test_a_doubt_about_a_wish_keeps_it(text):
    assert read(text).targets in (("infirmiere",), ("nurse",))


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        ("Passer le CAP Pâtisserie, bonne ou mauvaise idée ?", ("cap patisserie patissier",)),
        ("Il veut s'en aller en plomberie comme son père.", ("plomberie plombier comme son pere",)),
        ("Mon prof semble être confiant dans mes capacités.", ()),
        ("J'ai toujours rêvé d'être fleuriste.", ("fleuriste",)),
        ("Le bien-être des enfants compte pour moi.", ()),
        ("J'aimerais me lancer dans l'ébénisterie", ("ebenisterie ebeniste",)),
        ("Je me vois bien infirmière", ("infirmiere",)),
        ("Je veux bosser dans la coiffure", ("coiffure coiffeur",)),
        ("I want to get a job as a welder", ("welder",)),
        ("I quit my job as a teacher", ()),
    ],
)
def test_how_learners_say_the_job_they_want(text, wanted):
    assert read(text).targets == wanted


def test_a_route_of_training_names_no_job():
    assert "apprentissage" not in question_spans("un CAP en apprentissage")


@pytest.mark.parametrize(
    ("text", "liked"),
    [
        ("I am very creative and patient. What job?", ("creative and patient",)),
        ("Je suis très créative et minutieuse.", ("créative et minutieuse",)),
        ("I've always loved animals.", ("animals",)),
        (
            "J'ai adoré mon bac arts appliqués, et j'aurais beaucoup aimé faire les beaux-arts.",
            ("mon bac arts appliqués", "faire les beaux-arts"),
        ),
        ("I did a qualification in electronics.", ("electronics",)),
    ],
)
def test_interests_said_in_many_ways(text, liked):
    assert read(text).interests == liked


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        ("I don't see why I can't be an auto mechanic.", ("auto mechanic",)),
        ("I would never be a lawyer.", ()),
        ("I don't want to become a lawyer, I want to be a nurse.", ("nurse",)),
    ],
)
def test_only_a_refusal_takes_a_wish_back(text, wanted):
    assert read(text).targets == wanted


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        ("I moved to Spain and am working as a freelance copywriter.", ()),
        ("I would love to work as a nurse.", ("nurse",)),
        ("Après réflexion, c'est donc vers l'esthétique que je me suis dirigée.", ("esthetique estheticien",)),
        ("Ainsi je me suis tournée vers l'ostéopathie.", ("osteopathie osteopathe",)),
    ],
)
def test_the_job_turned_to_is_a_target_and_the_job_worked_in_is_not(text, wanted):
    assert read(text).targets == wanted


def test_a_parent_may_state_the_likes_of_their_child():
    assert read("My daughter (17) loves animals but hates school. What could she do?").interests == ("animals",)
    assert read("Mon fils a 15 ans, il adore bricoler et réparer des vélos.").interests == (
        "bricoler et réparer des vélos",
    )


def test_a_learner_lost_with_a_diploma_in_a_field_asks_what_it_leads_to():
    assert "diploma_leads_to" in read("J'ai une licence de psycho et je ne sais pas quoi faire").asks
    assert "diploma_leads_to" not in read("J'ai 32 ans et je ne sais pas quoi faire").asks


def test_a_job_refused_is_kept_apart_from_the_targets():
    message = read("I want to work with children but I don't want to be a teacher. Any ideas?")
    assert message.targets == () and message.refused == ("teacher",)
    assert message.interests == ("children",)


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        ("My mom wants me to become a teacher and while it does sound interesting, it doesn't excite me.", ()),
        ("My parents are pushing me to be a pharmacist. Should I?", ()),
        ("My daughter wants to become a vet.", ("vet",)),
        ("I told my parents that I want to become a nurse.", ("nurse",)),
    ],
)
def test_a_wish_someone_has_for_the_learner_is_not_theirs(text, wanted):
    assert read(text).targets == wanted


@pytest.mark.parametrize(
    ("text", "liked"),
    [
        ("Puisque l'actualité et les matières littéraires m'intéressaient, je me suis inscrit ES.", "l'actualité"),
        ("History fascinates me.", "History"),
        ("Et pourquoi pas la communication ?", "la communication"),
    ],
)
def test_a_like_said_before_its_verb_or_as_a_why_not(text, liked):
    assert any(phrase.startswith(liked) for phrase in read(text).interests)


def test_a_count_of_fields_or_an_afterthought_is_no_like():
    assert read("Trois filières m'intéressent. Pourquoi pas après tout.").interests == ()
