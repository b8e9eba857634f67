"""Hybrid retrieval on a small corpus: fake embeddings, so the job and intent signals must do the work."""

import pytest

from advisor.errors import ConfigError
from advisor.search.exploration import Exploration
from advisor.search.intents import sections_for
from advisor.search.jobs import JobLinker, jobs_from_chunks
from advisor.search.retrieval import Retriever
from advisor.vocabulary import CERTAIN, NAMED
from support import FAKE_MODEL, CountingEmbeddings


@pytest.fixture
def retriever(indexer, corpus, embeddings):
    indexer.run(corpus)
    return Retriever(indexer.store, FAKE_MODEL, embeddings)


def top(retriever, question, history=()):
    hit = retriever.retrieve(question, 5, history)[0]
    return hit.metadata["path"], hit.metadata["section"]


def test_a_named_job_and_its_intent_pick_the_card_and_section(retriever):
    assert top(retriever, "Comment devenir boulanger ?") == ("boulanger.md", "Se lancer dans ce métier")
    assert top(retriever, "Que fait un magistrat au quotidien ?") == ("juge.md", "Focus métier")


def test_typos_and_aliases_still_link_the_job(retriever):
    assert top(retriever, "comment devenir boulangé")[0] == "boulanger.md"
    assert top(retriever, "How do I become an Edge AI engineer?") == (
        "ingenieur-systemes-embarques-ia.txt",
        "Se lancer dans ce métier",
    )


def test_a_follow_up_is_about_the_job_of_the_conversation(retriever):
    history = ("How do I become an Edge AI engineer?",)
    assert top(retriever, "How much does it pay?", history) == (
        "ingenieur-systemes-embarques-ia.txt",
        "Revenus & Opportunités",
    )
    # A follow-up that names another job moves the conversation to it.
    assert top(retriever, "Et pour devenir magistrat plutôt ?", ("Comment devenir boulanger ?",))[0] == "juge.md"


@pytest.mark.parametrize("mode", ["dense", "lexical", "hybrid"])
def test_every_mode_returns_k_chunks_best_first(indexer, corpus, embeddings, mode):
    indexer.run(corpus)
    hits = Retriever(indexer.store, FAKE_MODEL, embeddings, mode).retrieve("boulanger CAP", 4)
    # BM25 returns only chunks that share a word with the question: 3 here.
    assert len(hits) == (3 if mode == "lexical" else 4)
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_an_unknown_mode_is_a_setting_error(indexer):
    with pytest.raises(ConfigError, match="hybrid"):
        Retriever(indexer.store, FAKE_MODEL, CountingEmbeddings(size=16), "magic")


def test_the_in_memory_indexes_follow_a_new_generation(retriever, indexer, corpus):
    assert top(retriever, "Comment devenir boulanger ?")[0] == "boulanger.md"
    (corpus / "boulanger.md").unlink()
    indexer.run(corpus)
    assert all(h.metadata["path"] != "boulanger.md" for h in retriever.retrieve("boulanger", 10))


def test_job_names_cover_gender_forms_and_aliases():
    chunks = [
        (
            "Boulanger / Boulangère — Focus métier\nPétrit.",
            {
                "path": "b.md",
                "title": "Boulanger / Boulangère",
                "rome_code": "D1102",
                "section": "Focus métier",
                "position": 0,
            },
        ),
        (
            "Boulanger / Boulangère — Autres intitulés\n- Mitron",
            {
                "path": "b.md",
                "title": "Boulanger / Boulangère",
                "rome_code": "D1102",
                "section": "Autres intitulés",
                "position": 1,
            },
        ),
        (
            "Juge — Focus métier\nJuge.",
            {"path": "j.md", "title": "Juge", "rome_code": "K1904", "section": "Focus métier", "position": 0},
        ),
    ]
    linker = JobLinker(jobs_from_chunks(chunks))
    assert linker.link("je veux être boulangère")[0][0].rome_code == "D1102"
    assert linker.link("mitron", 1)[0][1] == pytest.approx(1.0)
    assert linker.link("juge", 1)[0][0].path == "j.md"


def test_a_career_word_alone_names_no_job():
    meta = {"path": "f.md", "title": "Extracteur / Extractrice de roches", "rome_code": "F1402"}
    chunks = [
        ("Extracteur — Focus métier\nExtrait.", {**meta, "section": "Focus métier", "position": 0}),
        ("Extracteur — Autres intitulés\n- Carrier / Carrière", {**meta, "section": "Autres intitulés", "position": 1}),
    ]
    linker = JobLinker(jobs_from_chunks(chunks))
    assert linker.link("carrier", 1)[0][1] == pytest.approx(1.0)
    assert all(score < 0.9 for _, score in linker.link("salaire en début de carrière", 1))


PLOMBIER = """---
title: Plombier / Plombière
rome_code: F1603
names_en:
- plumber
- pipe fitter
---
# Plombier / Plombière

## Focus métier
Installe et entretient les réseaux d'eau et de gaz.

## Se lancer dans ce métier
Cet emploi est accessible avec un CAP Monteur en installations sanitaires.

## English names

- plumber
- pipe fitter

## In English

### Plumber

Plumbers maintain and install water, gas and sewage systems.
"""


@pytest.fixture
def bilingual(indexer, corpus, embeddings):
    (corpus / "plombier.md").write_text(PLOMBIER, encoding="utf-8")
    indexer.run(corpus)
    return Retriever(indexer.store, FAKE_MODEL, embeddings)


def test_english_names_link_the_french_card_with_typos_and_plurals(bilingual):
    assert top(bilingual, "How do I become a plumber?") == ("plombier.md", "Se lancer dans ce métier")
    assert top(bilingual, "do pipe fitters need a diploma")[0] == "plombier.md"
    assert top(bilingual, "what training do plumbrs need")[0] == "plombier.md"
    # A name of several words is sure; a single word is not quite ("merchant" is an auctioneer's).
    assert bilingual.search("How do I become a pipe fitter?").named == 1.0
    assert NAMED <= bilingual.search("How do I become a plumber?").named < CERTAIN


def test_an_english_question_about_the_job_reads_the_english_description_first(bilingual):
    assert top(bilingual, "What does a pipe fitter do?") == ("plombier.md", "In English")
    # A French question on the same card keeps its French section first.
    assert top(bilingual, "Que fait un plombier ?") == ("plombier.md", "Focus métier")


def test_english_text_is_searched_with_english_stemming(bilingual):
    served = bilingual.served(bilingual.store.manifest())
    found = [served.chunks[i].metadata["section"] for i, _ in served.english.search("sewage systems maintained", 5)]
    assert found[0] == "In English"


@pytest.mark.parametrize(
    ("question", "section"),
    [
        ("Comment on devient officier de police ?", "Se lancer dans ce métier"),
        ("And what do I need to get started?", "Se lancer dans ce métier"),
        ("Do midwives have to register with a professional body?", "Se lancer dans ce métier"),
        ("Il faut être bon en quoi pour faire boulanger ?", "Compétences clés"),
        ("Which job titles should I look for in job ads?", "Autres intitulés"),
    ],
)
def test_everyday_wordings_ask_for_their_section(question, section):
    assert sections_for(question)[0] == section


def test_a_long_message_is_searched_for_the_job_it_wants_not_the_one_it_leaves(retriever):
    story = (
        "Je suis magistrat depuis quinze ans. Les audiences me pèsent. Mes enfants sont grands. "
        "Je voudrais devenir boulanger. Est-ce raisonnable à mon âge ?"
    )
    found = retriever.search(story)
    assert found.hits[0].metadata["path"] == "boulanger.md" and found.named >= NAMED
    assert found.message is not None and found.message.adult
    # The routes open to adults are what an adult naming a job is asked about.
    assert found.sections == ("Se lancer dans ce métier",)


def test_a_long_story_naming_no_job_surely_names_none(retriever):
    story = (
        "I left school at 16. I worked in shops. My kids are at school now. "
        "I want something better for us. What should I do?"
    )
    assert retriever.search(story).named == 0.0


def test_a_name_answering_a_question_back_keeps_the_question(retriever):
    history = ("Gagnez-vous bien votre vie ?",)
    found = retriever.search("boulanger", history=history)
    assert found.query == "boulanger Gagnez-vous bien votre vie ?"
    assert found.hits[0].metadata["path"] == "boulanger.md"


class RecordingExplorer:
    """Records what it is asked to explore; suggests nothing."""

    def __init__(self):
        self.asked = []

    def explore(self, question, served, language, choice=None, limit=5):
        self.asked.append((question, choice))
        return Exploration((), choice.max_level if choice else None, ())


def test_a_storys_likes_are_explored_without_its_asking_words(indexer, corpus, embeddings):
    indexer.run(corpus)
    explorer = RecordingExplorer()
    retriever = Retriever(indexer.store, FAKE_MODEL, embeddings, explorer=explorer)
    story = (
        "I left school at 16 and I have no degree. I worked in shops for years. My kids are at school now. "
        "I love electronics and repairing things. Any advice on a new career without a degree?"
    )
    retriever.search(story)
    question, choice = explorer.asked[-1]
    # "advice on a new career" would read as the careers adviser's card.
    assert "advice" not in question and "electronics" in question
    assert choice is not None and choice.max_level is not None


def test_a_storys_own_words_ask_for_no_section(retriever):
    story = (
        "Mes parents craignent pour mon avenir. J'ai seize ans. Le lycée m'ennuie. "
        "Depuis toujours je voudrais devenir boulanger comme mon grand-père, qui en a bien gagné sa vie."
    )
    found = retriever.search(story)
    # "gagné sa vie" and "avenir" tell the story; nothing asks for pay or prospects.
    assert found.hits[0].metadata["path"] == "boulanger.md"
    assert found.sections == ("Se lancer dans ce métier",)
