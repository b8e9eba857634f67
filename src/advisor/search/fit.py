"""How well each card fits a learner: ROME's interests and themes the learner's words (or
choices) match, the RIASEC letters they picked, how close each card's profile is to the
question, and the level of study they allow; at most three cards of one ROME sub-domain
in a list, so that "animals" lists a groomer and a farmer, not eight breeders. Pure.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from advisor.vocabulary import LEVELS

#: Jobs an exploration lists, and how many of one ROME sub-domain at most.
LISTED = 8
#: Three, not two: the dev questions' acceptable jobs cluster by area (3+ listed: 0.78 -> 0.89).
PER_SUBDOMAIN = 3
#: A card scoring under this share of the best one is no suggestion, only noise.
MIN_SHARE = 0.25
#: What a list may be sorted by besides fit: a figure of each card (a Facets field).
SORTS = ("pay", "difficulty")
#: Sorted by a figure, a list re-orders this many times as many of the best-fitting cards as
#: it shows: the best paid of the 24 that fit best, neither of the 8 nor of every card
#: that fits a little.
SORT_POOL = 3


def within(level: str | None, allowed: str | None) -> bool:
    """Whether a card open at ``level`` fits a learner allowing ``allowed`` (None: any).
    A card whose level is unknown fits no stated constraint.

    >>> within("cap", "bac"), within("bac+5", "bac+2"), within(None, "cap"), within(None, None)
    (True, False, False, True)
    """
    if allowed is None:
        return True
    return level in LEVELS and LEVELS.index(level) <= LEVELS.index(allowed)


@dataclass(frozen=True)
class Facets:
    """What a card's front matter says of it for discovery."""

    path: str
    title: str
    rome_code: str
    interests: frozenset[int] = frozenset()
    main_interests: frozenset[int] = frozenset()
    themes: frozenset[str] = frozenset()
    level: str | None = None
    riasec: str = ""
    domain: str = ""
    subdomain: str = ""
    pay: int = 0  # its family's median net monthly pay, € (0: not known)
    difficulty: int = 0  # its family's recruitment difficulty, 1-5 (0: not known)
    apprenticeship: bool = False  # one of its certifications can be taken as an apprentice


def facets_from_metadata(chunks: Iterable[Mapping[str, object]]) -> list[Facets]:
    """One Facets per card, from its chunks' metadata (codes are comma-joined there).

    >>> meta = {"path": "a.md", "title": "A", "rome_code": "A1501", "interests": "7,1", "main_interests": "7", "access_level": "cap"}
    >>> facets_from_metadata([meta])[0].interests == {1, 7}, facets_from_metadata([meta])[0].level
    (True, 'cap')
    """
    cards: dict[str, Facets] = {}
    for meta in chunks:
        path = str(meta["path"])
        if path in cards:
            continue
        cards[path] = Facets(
            path=path,
            title=str(meta["title"]),
            rome_code=str(meta.get("rome_code") or ""),
            interests=frozenset(_codes(meta.get("interests"), int)),
            main_interests=frozenset(_codes(meta.get("main_interests"), int)),
            themes=frozenset(_codes(meta.get("themes"), str)),
            level=str(meta["access_level"]) if meta.get("access_level") else None,
            riasec=str(meta.get("riasec") or ""),
            domain=str(meta.get("domain") or ""),
            subdomain=str(meta.get("subdomain") or ""),
            pay=int(str(meta.get("pay_median") or 0)),
            difficulty=int(str(meta.get("difficulty") or 0)),
            apprenticeship=str(meta.get("apprenticeship")) == "True",
        )
    return list(cards.values())


def _codes(value: object, kind: type) -> list:
    return [kind(part) for part in str(value or "").split(",") if part.strip()]


@dataclass
class Signals:
    """What the question says, as weights: interests (by code), themes (by code), and a
    score in [0, 1] per card path from how close its profile and chunks are."""

    interests: dict[int, float] = field(default_factory=dict)
    themes: dict[str, float] = field(default_factory=dict)
    closeness: dict[str, float] = field(default_factory=dict)
    riasec: str = ""  # the RIASEC letters a learner picked ("RI")
    subdomains: dict[str, float] = field(default_factory=dict)  # ROME sub-domains, by label


#: Weights of the card score: interests and themes are ROME's own links; closeness is
#: how near the card's profile (title, aliases, what it does) is to the question. On the
#: dev explore questions (an acceptable job in the first five / three or more listed),
#: closeness 1.0 gave 0.83 / 0.50 and 3.0 gave 0.86 / 0.78 (4.0 no better).
INTEREST_WEIGHT, MAIN_INTEREST_BONUS, THEME_WEIGHT, CLOSENESS_WEIGHT = 1.0, 0.5, 0.5, 3.0
SUBDOMAIN_WEIGHT = 0.5
#: A picked RIASEC letter that is the card's major one, or its minor one.
RIASEC_MAJOR, RIASEC_MINOR = 1.0, 0.5


def card_score(card: Facets, signals: Signals) -> float:
    """How well a card fits: its interests the question matches (a main one counts
    more), its themes, and its closeness.

    >>> card = Facets("a.md", "A", "A1501", frozenset({7, 1}), frozenset({7}))
    >>> card_score(card, Signals({7: 1.0}, {}, {"a.md": 0.5}))
    3.0
    >>> card_score(Facets("b.md", "B", "B1", riasec="RI"), Signals(riasec="IS"))
    0.5
    """
    interest = sum(
        weight * (INTEREST_WEIGHT + (MAIN_INTEREST_BONUS if code in card.main_interests else 0.0))
        for code, weight in signals.interests.items()
        if code in card.interests
    )
    theme = sum(weight * THEME_WEIGHT for code, weight in signals.themes.items() if code in card.themes)
    letters = card.riasec.upper()
    riasec = (RIASEC_MAJOR if letters[:1] and letters[0] in signals.riasec else 0.0) + (
        RIASEC_MINOR if letters[1:2] and letters[1] in signals.riasec else 0.0
    )
    area = SUBDOMAIN_WEIGHT * signals.subdomains.get(card.subdomain, 0.0)
    return interest + theme + riasec + area + CLOSENESS_WEIGHT * signals.closeness.get(card.path, 0.0)


def rank_cards(
    cards: Sequence[Facets],
    signals: Signals,
    allowed: str | None,
    limit: int = LISTED,
    domain: str = "",
    per_subdomain: int = PER_SUBDOMAIN,
) -> list[tuple[Facets, float]]:
    """The best-fitting cards open at the allowed level, at most PER_SUBDOMAIN of one
    ROME sub-domain, so that "animals" lists a groomer and a farmer, not eight breeders.

    >>> a = Facets("a", "A", "A1", frozenset({1}), level="cap", subdomain="x")
    >>> b = Facets("b", "B", "B1", frozenset({1}), level="bac+5", subdomain="y")
    >>> [card.title for card, _ in rank_cards([a, b], Signals({1: 1.0}), "bac")]
    ['A']
    """
    scored = sorted(
        (
            (card, card_score(card, signals))
            for card in cards
            if within(card.level, allowed) and (not domain or card.domain == domain)
        ),
        key=lambda pair: (-pair[1], pair[0].rome_code),
    )
    chosen: list[tuple[Facets, float]] = []
    taken: dict[str, int] = {}
    floor = MIN_SHARE * scored[0][1] if scored else 0.0
    for card, score in scored:
        if score <= max(floor, 0.0) or len(chosen) == limit:
            break
        key = card.subdomain or card.rome_code[:3]
        if taken.get(key, 0) < per_subdomain:
            chosen.append((card, score))
            taken[key] = taken.get(key, 0) + 1
    return chosen


def figure(card: Facets, sort: str) -> int:
    """The card's figure a list is sorted by (``SORTS``), 0 when not known."""
    return int(getattr(card, sort))


def by_figure(ranked: Sequence[tuple[Facets, float]], sort: str, limit: int) -> list[tuple[Facets, float]]:
    """The ranked cards, highest ``sort`` figure first when it names one (the cards without
    it last, fit deciding ties), cut to ``limit``.

    >>> a, b, c = Facets("a", "A", "A1", pay=1800), Facets("b", "B", "B1"), Facets("c", "C", "C1", pay=2500)
    >>> [card.title for card, _ in by_figure([(a, 3.0), (b, 2.0), (c, 1.0)], "pay", 3)]
    ['C', 'A', 'B']
    >>> [card.title for card, _ in by_figure([(a, 3.0), (b, 2.0), (c, 1.0)], "", 2)]
    ['A', 'B']
    """
    if sort:
        ranked = sorted(ranked, key=lambda pair: -figure(pair[0], sort))
    return list(ranked[:limit])


def listed(
    cards: Sequence[Facets],
    signals: Signals,
    allowed: str | None,
    limit: int = LISTED,
    domain: str = "",
    sort: str = "",
    apprenticeship: bool = False,
    described: bool = True,
) -> list[tuple[Facets, float]]:
    """The cards a list shows: those that fit best (``rank_cards``), or when the learner
    ``described`` nothing, a domain's by title; sorted by a figure if ``sort`` names one,
    among the SORT_POOL times as many that fit best; only those one can train for as an
    apprentice if ``apprenticeship``.

    >>> a = Facets("a", "A", "A1", frozenset({1}), level="cap", subdomain="x", pay=1600)
    >>> b = Facets("b", "B", "B1", frozenset({1}), level="cap", subdomain="y", pay=2100, apprenticeship=True)
    >>> [card.title for card, _ in listed([a, b], Signals({1: 1.0}, closeness={"a": 0.2}), "bac", sort="pay")]
    ['B', 'A']
    >>> [card.title for card, _ in listed([a, b], Signals({1: 1.0}), None, apprenticeship=True)]
    ['B']

    Asked for nothing but the sort, every card fits alike: the figure is the fit.

    >>> [card.title for card, _ in listed([a, b], Signals(), None, sort="pay", described=False)]
    ['B', 'A']
    """
    eligible = [card for card in cards if card.apprenticeship or not apprenticeship]
    if described:
        ranked = rank_cards(eligible, signals, allowed, limit * SORT_POOL if sort else limit, domain)
    elif sort and not domain:
        # Still at most three cards of one area: a family's jobs share its median.
        by_sort = Signals(closeness={card.path: float(figure(card, sort)) for card in eligible})
        ranked = rank_cards(eligible, by_sort, allowed, limit)
    else:
        ranked = [(card, 1.0) for card in sorted(eligible, key=lambda c: c.title) if card.domain == domain]
        ranked = [(card, score) for card, score in ranked if within(card.level, allowed)]
    return by_figure(ranked, sort, limit)


def strongest(scores: Mapping, keep: int = 3, floor: float = 1.0) -> dict:
    """The ``keep`` best keys whose standard score is at least ``floor``, weighted by how
    far above it they stand (a question matches two or three interests, not thirty).

    >>> strongest({1: 0.90, 2: 0.80, 3: 0.79, 4: 0.78, 5: 0.80, 6: 0.79})
    {1: 1.0}
    """
    if len(scores) < 2:
        return dict.fromkeys(scores, 1.0)
    values = list(scores.values())
    mean = sum(values) / len(values)
    spread = (sum((v - mean) ** 2 for v in values) / len(values)) ** 0.5 or 1.0
    standard = {key: (value - mean) / spread for key, value in scores.items()}
    best = sorted((key for key in standard if standard[key] >= floor), key=lambda key: -standard[key])[:keep]
    top = standard[best[0]] if best else 1.0
    return {key: round(standard[key] / top, 3) for key in best}
