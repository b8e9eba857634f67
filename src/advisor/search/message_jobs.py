"""The jobs a learner's message is about: what it is searched by, the job a long message
asks about, and for a change of job the key skills of the one left and the one wanted."""

from __future__ import annotations

import re
from collections import Counter

from advisor.index.store import Hit
from advisor.search.intents import section_matches
from advisor.search.jobs import Job
from advisor.search.message import Message, sentences
from advisor.search.served import ServedCorpus
from advisor.text import fold
from advisor.vocabulary import CERTAIN, SKILLS

#: People in the learner's life, named by their job: "mes professeurs me punissent", "my
#: doctor said" speak of people, not of a job the story asks about.
_PEOPLE_OF_THEIRS = re.compile(
    r"\b(?:my|our|his|her|their|mes|mon|ma|nos|notre|ses|son|sa|leurs?)\s+[\w'-]+", re.IGNORECASE
)
#: How closely the words a story wishes for must match a card's name to name it. A story's
#: wish words also catch phrases ("I'm afraid of this goal", "pour être honnête"): on the
#: dev messages, the 30 wishes under 0.65 were all phrases; above, typos and near names
#: ("veterinarin" 0.66, "nutritionniste" 0.75) mix with phrases ("final year of my degree"
#: 0.71), which the question back or the answer's cards then show.
WISHED_NAME = 0.65


def searched(message: Message) -> str:
    """What a message is searched by: its sentences that ask or wish, less the learner's
    own job; for a long message that says which job it wants, the words that name it.

    >>> from advisor.search.message import read
    >>> searched(read("Comment devenir boulanger ?"))
    'Comment devenir boulanger ?'
    >>> searched(read("I hate my office. My kids are grown. I'd like to become a midwife. Too late?"))
    'midwife'
    >>> searched(read("At 51 I've enrolled to study nursing"))
    "At 51 I've enrolled to study nursing nursing nurse"
    """
    if message.long and message.targets:
        return " ".join(message.targets)
    # "study nursing": the nurse's name too, which no card spells "nursing".
    added = [target for target in message.targets if target not in fold(message.focus)]
    return " ".join([message.focus, *added])


def asked_job(message: Message, served: ServedCorpus) -> str:
    """The title of the job a long message asks about: the one its wish names ("I'd
    like to become a midwife"), else the one its sentences name surely most often,
    its asking sentences counting twice; "" when none is named surely, or when the
    learner describes themself without naming the job they want."""
    # The surest name wins; of two as sure, the later wish ("not a lumberjack… a dietician").
    named = [
        (found[0][1], at, found[0][0].title)
        for at, target in enumerate(message.targets)
        if (found := served.linker.name_matches(target, 1)) and found[0][1] >= WISHED_NAME
    ]
    if named:
        return max(named)[2]
    if message.interests or message.undecided:
        return ""  # a learner who describes themself: jobs to suggest, not one named in passing
    # "I have been an accountant for years… What should I do?": the job left, or refused, is
    # not asked about.
    own = own_job(message, served)
    left = {own.title} if own else set()
    left |= {found[0][0].title for text in message.refused if (found := served.linker.name_matches(text, 1))}
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for number, part in enumerate(sentences(message.focus) + sentences(message.text)):
        found = served.linker.name_matches(_PEOPLE_OF_THEIRS.sub(" ", part), 1)
        if found and found[0][1] >= CERTAIN and found[0][0].title not in left:
            counts[found[0][0].title] += 1
            first.setdefault(found[0][0].title, number)
    return max(counts, key=lambda title: (counts[title], -first[title]), default="")


def own_job(message: Message, served: ServedCorpus) -> Job | None:
    """The card of the job the learner has or had, when the message names it surely."""
    own = served.linker.name_matches(message.situation.current_job, 1) if message.situation.current_job else []
    return own[0][0] if own and own[0][1] >= CERTAIN else None


def skills_of_change(message: Message, served: ServedCorpus, hits: list[Hit]) -> tuple[Hit | None, Hit | None]:
    """The key-skills chunks of the learner's own job and of the job found that share
    most, when the message names its own job surely and it is another job."""
    own = own_job(message, served)
    if not hits or not own or own.rome_code == hits[0].metadata.get("rome_code"):
        return None, None

    def skills(path: str) -> list[Hit]:
        return [c for c in served.chunks_of(path) if section_matches(c.metadata["section"], (SKILLS,))]

    def items(hit: Hit) -> set[str]:
        return {fold(line[2:]) for line in hit.text.splitlines() if line.startswith("- ")}

    # A card's skills come in several chunks: the pair that shares most is the one to show.
    pairs = [(a, b) for a in skills(own.path) for b in skills(hits[0].metadata["path"])]
    best = max(pairs, key=lambda pair: len(items(pair[0]) & items(pair[1])), default=None)
    return best if best and items(best[0]) & items(best[1]) else (None, None)
