"""English names of the cards (ESCO's) found in a question, word for word. Pure.

ESCO's labels are many (about 18,000 for 1,252 cards) and some are loose: short
acronyms ("AI technician" is an artificial-insemination technician), labels that 10
cards share ("general manager"). Matched by character n-grams as the French titles are,
they linked French questions to English labels by accident ("kiné" to an erector).
So an English name counts only when its words stand in the question, in order, plurals
allowed; and a name that many cards share names none of them.
"""

import re
from collections import defaultdict
from collections.abc import Sequence

from advisor.text import fold

#: A name shared by more cards than this is too loose to name one.
MAX_CARDS_PER_NAME = 3
#: Single-word names shorter than this (acronyms: "pa", "dba", "ceo") are ambiguous.
MIN_SINGLE_WORD_CHARS = 5
_MAX_WORDS = 6
#: A name of one word ("plumber", but also "merchant" for an auctioneer) links below
#: certainty, so the multilingual encoder is asked too (dev EN hit@1 0.75 -> 0.78 against 1.0).
SINGLE_WORD_SCORE = 0.8
#: So does a name with an acronym of two letters: "AI engineer" is ESCO's artificial
#: insemination engineer, and held the "Edge AI engineer" question to that card.
ACRONYM_CHARS = 2


def words(text: str) -> tuple[str, ...]:
    """Folded words, plurals made singular.

    >>> words("Plumbers' Mates"), words("glass"), words("HGV drivers")
    (('plumber', 'mate'), ('glass',), ('hgv', 'driver'))
    """
    found = re.findall(r"[a-z0-9]+", fold(text))
    return tuple(w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w for w in found)


class EnglishNames:
    """Which cards (by their number in ``names``) a question names by an English name.

    >>> index = EnglishNames([("plumber", "pipe fitter"), ("truck driver",), ("driver",)])
    >>> index.matches("How do I become a plumber?")
    {0: 0.8}
    >>> index.matches("what do truck drivers earn")
    {1: 1.0}
    >>> EnglishNames([("AI engineer",)]).matches("How do I become an Edge AI engineer?")
    {0: 0.8}
    """

    def __init__(self, names: Sequence[Sequence[str]]) -> None:
        cards: dict[tuple[str, ...], set[int]] = defaultdict(set)
        for number, card_names in enumerate(names):
            for name in card_names:
                key = words(name)
                if key and (len(key) > 1 or len(key[0]) >= MIN_SINGLE_WORD_CHARS) and len(key) <= _MAX_WORDS:
                    cards[key].add(number)
        self._cards = {key: found for key, found in cards.items() if len(found) <= MAX_CARDS_PER_NAME}

    def matches(self, question: str) -> dict[int, float]:
        """Card numbers whose name the question holds (1, or SINGLE_WORD_SCORE for a name
        of one word or with an acronym); only the longest names found count (a "truck
        driver" is not any "driver")."""
        asked = words(question)
        for size in range(min(_MAX_WORDS, len(asked)), 0, -1):
            found: dict[int, float] = {}
            for start in range(len(asked) - size + 1):
                name = asked[start : start + size]
                sure = size > 1 and min(len(word) for word in name) > ACRONYM_CHARS
                for number in self._cards.get(name, ()):
                    found[number] = 1.0 if sure else SINGLE_WORD_SCORE
            if found:
                return found
        return {}
