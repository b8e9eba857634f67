"""Questions that describe the learner: recognised, their level read, the cards ranked."""

from typing import ClassVar

import pytest

from advisor.search.exploration_request import adds_constraint, is_exploration, max_level, ordinal
from advisor.search.fit import Facets, Signals, rank_cards


@pytest.mark.parametrize(
    "question",
    [
        "I love animals and being outdoors, what could I do?",
        "J'aimerais travailler avec des enfants",
        "Je peux travailler dans le bâtiment sans le bac ?",
        "Quels métiers pour travailler avec des enfants ?",
        "I'm into computers and coding, what careers are out there?",
        "je suis fan de mécanique, les voitures surtout",
        "Je cherche un métier où je peux bouger, pas rester assis",
        "Métier avec des chevaux ?",
        "I want a hands-on job",
        "I'd like a job in aviation",
        "Any job ideas for a creative person?",
        "Quel métier choisir quand on aime la nature ?",
        "Je voudrais me reconvertir dans le numérique",
        "Je veux être utile, travailler dans le social",
        "I dream of working in film",
        "I'm shy but good with numbers",
    ],
)
def test_a_question_about_the_learner_is_an_exploration(question):
    assert is_exploration(question, named=0.6)


@pytest.mark.parametrize(
    ("question", "named"),
    [
        ("Comment devenir boulanger ?", 1.0),
        ("Quels métiers sont proches de data scientist ?", 1.0),
        ("I love animals. What training do I need to be a dog groomer?", 0.8),
        ("Je suis comptable : quels métiers pour évoluer ?", 1.0),
        ("What's the weather like tomorrow?", 0.0),
        ("Est-ce que le métier de plombier recrute ?", 1.0),
        ("I'd like to become a chef, which diploma?", 0.8),
    ],
)
def test_a_question_about_a_job_is_no_exploration(question, named):
    assert not is_exploration(question, named)


@pytest.mark.parametrize(
    ("question", "level"),
    [
        ("Je peux travailler dans le bâtiment sans le bac ?", "cap"),
        ("Any hands-on jobs I can get without a degree?", "none"),
        ("et avec juste un CAP ?", "cap"),
        ("Healthcare jobs with two years of study or less?", "bac+2"),
        ("I like numbers but don't want to study 5 years", "bac+3"),
        ("J'aime les animaux", None),
    ],
)
def test_the_level_a_learner_allows(question, level):
    assert max_level(question) == level


def test_follow_ups_point_at_a_listed_job_or_narrow_the_list():
    assert ordinal("tell me more about the second one") == 2 and ordinal("parle-moi du premier") == 1
    assert adds_constraint("et sans diplôme ?") and not adds_constraint("parle-moi du premier")


def test_the_ranking_keeps_the_level_and_mixes_the_areas():
    def card(code, level, subdomain, interests=frozenset({17})):
        return Facets(f"{code}.md", code, code, interests, frozenset(), level=level, subdomain=subdomain)

    cards = [card(f"A{n}", "cap", "soins") for n in range(1, 5)]
    cards += [card("A5", "bac+8", "médecine"), card("A6", None, "élevage"), card("D1", "cap", "vente", frozenset({27}))]
    listed = [c.rome_code for c, _ in rank_cards(cards, Signals({17: 1.0}), "bac")]
    assert listed == ["A1", "A2", "A3"]  # three of one area; no bac+8, no unknown level, no baker
    assert [c.rome_code for c, _ in rank_cards(cards, Signals({17: 1.0}), None)] == ["A1", "A2", "A3", "A5", "A6"]


@pytest.mark.parametrize(
    ("question", "level"),
    [
        ("Je n'ai aucun diplôme, je peux travailler où ?", "none"),
        ("I don't have any qualifications, what jobs are there?", "none"),
        ("Je n'ai pas le bac, quels métiers ?", "cap"),
        ("Un métier accessible avec un bac pro ?", "bac"),
        ("Des études courtes, deux ans max", "bac+2"),
    ],
)
def test_more_ways_to_state_a_level(question, level):
    assert max_level(question) == level


def test_profile_vectors_are_stored_and_only_new_profiles_are_encoded(tmp_path):
    # The build stores them with the index: a restart or a replica encodes nothing, and
    # an edited card costs its own profile only.
    from advisor.index.store import ChromaStore, open_client
    from advisor.search.jobs import PROFILES, Job, profile_text, profile_vectors, vector_key
    from support import FakeEncoder

    class CountingEncoder(FakeEncoder):
        encoded: ClassVar[list[str]] = []

        def passages(self, texts):
            self.encoded += texts
            return super().passages(texts)

    store = ChromaStore(open_client(tmp_path, None, create=True))
    jobs = [Job("a.md", "Toiletteur", "A1503", ("Toiletteur",)), Job("b.md", "Vétérinaire", "A1504", ("Vétérinaire",))]
    first = profile_vectors(jobs, CountingEncoder(), store)
    assert len(CountingEncoder.encoded) == 2
    again = profile_vectors(jobs, CountingEncoder(), ChromaStore(open_client(tmp_path, None, create=False)))
    assert len(CountingEncoder.encoded) == 2 and (again == first).all()
    edited = [jobs[0], Job("b.md", "Vétérinaire", "A1504", ("Vétérinaire", "Véto"))]
    vectors = profile_vectors(edited, CountingEncoder(), store)
    assert CountingEncoder.encoded[2:] == [profile_text(edited[1])] and vectors.shape == first.shape
    store.keep_vectors(PROFILES, {vector_key(FakeEncoder.name, profile_text(job)) for job in edited})
    assert set(store.vectors(PROFILES, [vector_key(FakeEncoder.name, profile_text(jobs[1]))])) == set()


def _discovery(*labels, codes=()):
    from advisor.corpus.discovery import Discovery, Interest

    codes = codes or range(1, len(labels) + 1)
    interests = tuple(Interest(code, fr, en, "", (), ()) for code, (fr, en) in zip(codes, labels, strict=True))
    return Discovery("test", "test", "1", interests, ())


def test_each_listed_like_is_read_apart_and_asking_sentences_are_not():
    from advisor.search.exploration import clauses

    assert clauses("J’aime les sciences, la musique et les arts... Des idées ?") == [
        "J’aime les sciences",
        "la musique",
        "les arts",
    ]
    # A story's sentences that state no like stay out; a like said apart, in a few words, is in.
    assert clauses("Trouble is, I'm so lost right now. Any suggestions? numbers") == ["numbers"]
    assert clauses("mes intérêts pour le social, la pédagogie") == ["mes intérêts pour le social", "la pédagogie"]


def test_label_words_shared_or_vague_match_no_interest():
    from advisor.search.exploration import Explorer

    explorer = Explorer(
        _discovery(
            ("J'ai un bon coup de crayon", "I'm good at drawing"),
            ("J'aime manier les chiffres", "I like working with numbers"),
            ("J'aime le travail manuel", "I like working with my hands"),
        ),
        None,
    )
    labels = explorer._labels()
    assert "good" not in labels[1] and "working" not in labels[2] and "working" not in labels[3]
    assert {"crayon", "drawing"} <= labels[1] and "chiffr" in labels[2]


def test_everyday_words_and_each_stated_like_match_their_interests():
    from advisor.search.exploration import Explorer
    from support import FakeEncoder

    class FlatEncoder(FakeEncoder):  # every text alike: only the words tell
        def _vector(self, text):
            return super()._vector("same")

    explorer = Explorer(
        _discovery(
            ("J'ai un bon coup de crayon", "I'm good at drawing"),
            ("J'aime manier les chiffres", "I like working with numbers"),
            ("J'aime organiser, planifier", "I like organising and planning"),
            ("J'aime communiquer, convaincre", "I like communicating and persuading"),
            codes=(7, 15, 18, 8),  # ROME's codes: the everyday words are ROME's interests'
        ),
        FlatEncoder(),
    )
    signals = explorer.signals("I'm really organized and quick with numbers. Any suggestions?", [], None)
    # "numbers" is a word of the numbers interest's label, "organized" a spelling of
    # "organising"; nothing of drawing or persuading.
    assert set(signals.interests) == {15, 18}
    assert set(explorer.signals("J'aime la compta et les maths", [], None).interests) == {15}  # everyday words
