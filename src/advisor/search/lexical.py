"""Lexical search: BM25 over the served chunks, accents folded, French or English stemming.

Exact words matter in this corpus (job titles, diplomas such as "CAP" or "BTS", tools),
and the English-only embedding model misses French questions: BM25 covers both.

>>> Analyzer()("Infirmière, infirmiers : les études ?")
['infirmi', 'infirmi', 'etud']
"""

import re

import numpy as np

from advisor.text import fold

#: Words too common in questions and cards to tell two chunks apart (FR and EN).
STOPWORDS = frozenset(
    [
        "a",
        "au",
        "aux",
        "avec",
        "ce",
        "ces",
        "cet",
        "cette",
        "d",
        "dans",
        "de",
        "des",
        "du",
        "elle",
        "en",
        "est",
        "et",
        "etre",
        "il",
        "ils",
        "je",
        "l",
        "la",
        "le",
        "les",
        "leur",
        "lui",
        "ma",
        "mais",
        "me",
        "mes",
        "moi",
        "mon",
        "ne",
        "nos",
        "notre",
        "nous",
        "on",
        "ou",
        "par",
        "pas",
        "pour",
        "qu",
        "que",
        "quel",
        "quelle",
        "quels",
        "quelles",
        "qui",
        "sa",
        "se",
        "ses",
        "son",
        "sont",
        "sur",
        "ta",
        "te",
        "tes",
        "toi",
        "ton",
        "tu",
        "un",
        "une",
        "vos",
        "votre",
        "vous",
        "y",
        "comment",
        "combien",
        "quoi",
        "faire",
        "fait",
        "faut",
        "peut",
        "on",
        "dois",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "do",
        "does",
        "for",
        "from",
        "how",
        "i",
        "in",
        "is",
        "it",
        "me",
        "my",
        "of",
        "on",
        "or",
        "the",
        "this",
        "that",
        "to",
        "what",
        "which",
        "who",
        "why",
        "with",
        "you",
        "your",
        "can",
    ]
)
_WORD = re.compile(r"[^\W_]+")


class Analyzer:
    """Fold, split, drop stopwords, stem (Snowball: French by default, or English).

    >>> Analyzer("english")("Plumbers and plumbing")
    ['plumber', 'plumb']
    """

    def __init__(self, language: str = "french") -> None:
        import Stemmer

        self._stem = Stemmer.Stemmer(language).stemWords

    def __call__(self, text: str) -> list[str]:
        # Stem before folding: the French stemmer relies on accents ("infirmière").
        words = [w for w in _WORD.findall(text.lower()) if len(w) > 1 and fold(w) not in STOPWORDS]
        return [fold(stem) for stem in self._stem(words)]


class LexicalIndex:
    """BM25 (bm25s) over a fixed list of texts; ``search`` returns (position, score) pairs.
    A text given as None is left out (its position is never returned, and it weighs
    nothing in the word statistics)."""

    def __init__(self, texts: list[str | None], analyzer: Analyzer | None = None):
        import bm25s

        self._analyze = analyzer or Analyzer()
        self._positions = [position for position, text in enumerate(texts) if text is not None]
        self._bm25 = bm25s.BM25(k1=1.2, b=0.75)
        self._bm25.index([self._analyze(texts[p] or "") or ["∅"] for p in self._positions], show_progress=False)
        self.size = len(self._positions)

    def search(self, question: str, k: int) -> list[tuple[int, float]]:
        tokens = self._analyze(question)
        if not tokens or not self.size:
            return []
        scores = self._bm25.get_scores(tokens)
        best = np.argsort(-scores)[: min(k, self.size)]
        return [(self._positions[int(i)], float(scores[i])) for i in best if scores[i] > 0]
