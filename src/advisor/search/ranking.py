"""The pure steps of hybrid retrieval (:mod:`advisor.search.retrieval`): candidate chunks
-> fused scores, the hits led by the card named for sure and by the asked-for section, and
what comes with the best card (the other cards the question may mean, its "Métiers proches").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from advisor.index.chunks import is_english, is_figure
from advisor.index.store import Hit
from advisor.search.intents import section_matches
from advisor.search.jobs import Job
from advisor.search.served import ServedCorpus
from advisor.vocabulary import COUNTERPART, RELATED

RRF_K = 60
#: Weights of the fused score; RRF terms are at most 1/RRF_K ~ 0.017 each.
LINK_WEIGHT = 0.05
INTENT_WEIGHT = 0.02


def fuse(
    rankings: list[list[str]],
    linked: dict[str, float],
    sections: tuple[str, ...],
    metadata: dict[str, dict],
) -> dict[str, float]:
    """Fused scores of candidate chunk ids. Pure.

    ``rankings`` are lists of ids, best first (dense, BM25, English BM25); ``linked``
    maps a card's path to its link score in [0, 1]; ``sections`` are the section
    prefixes the question asks for.

    >>> meta = {"a": {"path": "x.md", "section": "Focus"}, "b": {"path": "y.md", "section": "Accès"}}
    >>> scores = fuse([["a", "b"], ["a"]], {"y.md": 1.0}, ("Accès",), meta)
    >>> max(scores, key=scores.get)
    'b'
    """
    scores = dict.fromkeys(metadata, 0.0)
    for ranking in rankings:
        for rank, chunk_id in enumerate(ranking):
            scores[chunk_id] += 1 / (RRF_K + rank)
    for chunk_id, meta in metadata.items():
        scores[chunk_id] += LINK_WEIGHT * linked.get(meta["path"], 0.0)
        if sections and section_matches(meta["section"], sections):
            scores[chunk_id] += INTENT_WEIGHT
    return scores


def named_first(ranked: list[str], metadata: dict[str, dict], code: str) -> list[str]:
    """The ranked chunk ids, led by the best one of the ROME code named for sure.

    The words of a card's neighbour can outweigh its name ("ambulancier": the auxiliary's
    access text says it more often than the ambulance driver's); a learner who names a
    job asks about that job. Cards sharing the code (the seed card and its ROME card)
    keep their order.

    >>> meta = {"a": {"rome_code": "J1310"}, "b": {"rome_code": "J1305"}, "c": {"rome_code": "J1305"}}
    >>> named_first(["a", "b", "c"], meta, "J1305")
    ['b', 'a', 'c']
    """
    lead = next((chunk_id for chunk_id in ranked if metadata[chunk_id].get("rome_code") == code), None)
    return ranked if lead is None else [lead, *(chunk_id for chunk_id in ranked if chunk_id != lead)]


def candidates(links: list[tuple[Job, float]], hits: list[Hit]) -> list[tuple[str, str, str]]:
    """The two linked cards after the one the hits are about: what the question may have meant."""
    if not hits:
        return []
    first = hits[0].metadata
    others = [
        job
        for job, _ in links
        if job.path != first["path"] and not (job.rome_code and job.rome_code == first["rome_code"])
    ]
    return [(job.title, job.rome_code, job.path) for job in others[:2]]


def related_chunk(hits: list[Hit], served: ServedCorpus) -> Hit | None:
    """The "Métiers proches" of the card the hits are about, where it has one."""
    if not hits:
        return None
    chunks = served.chunks_of(hits[0].metadata["path"])
    return next((c for c in chunks if section_matches(c.metadata["section"], (RELATED,))), None)


def _leading(sections: tuple[str, ...], has: Callable[[tuple[str, ...]], bool]) -> tuple[str, ...]:
    """The asked sections that may lead the hits; ``has`` says whether the best card has one.

    An English question's English section comes first, where the card has one; a key
    figure asked first comes first ("en apprentissage" asks for the certifications before
    the access text), else its translation, else whatever was asked (the seed card has no
    figure sections, its own answer leads).

    >>> _leading(("In English", "Focus métier"), bool), _leading(("Pay", "Revenus"), lambda s: s == ("Revenus",))
    (('In English',), ('Revenus',))
    >>> _leading(("Certifications et voies d'accès", "Se lancer dans ce métier"), lambda s: False)
    ("Certifications et voies d'accès", 'Se lancer dans ce métier')
    """
    first = sections[0]
    if is_figure(first):
        counterpart = COUNTERPART.get(first)
        return next((s for s in ((first,), (counterpart,) if counterpart else ()) if s and has(s)), sections)
    return (first,) if is_english(first) else sections


def asked_section_first(hits: list[Hit], served: ServedCorpus, sections: tuple[str, ...], k: int) -> list[Hit]:
    """The hits, led by the asked-for section of the best card.

    "How much does it pay?" after a question on a job must show that job's pay section
    first (when its card has one), even if the conversation's words, or the card's names
    in English and French, pulled other sections of it up.
    """
    if not hits or not sections:
        return hits
    best_card = served.chunks_of(hits[0].metadata["path"])
    leading = _leading(sections, lambda wanted: any(section_matches(c.metadata["section"], wanted) for c in best_card))
    if section_matches(hits[0].metadata["section"], leading):
        return hits
    subject = hits[0].metadata
    occupation = [
        chunk
        for job in served.linker.jobs
        if job.path == subject["path"] or (subject["rome_code"] and job.rome_code == subject["rome_code"])
        for chunk in served.chunks_of(job.path)
    ]
    ids = {chunk.id for chunk in occupation}
    found = [hit for hit in hits if hit.id in ids and section_matches(hit.metadata["section"], leading)]
    # Else the first asked-for section that the card has (for English, its English text).
    asked = found or [
        chunk for prefix in sections for chunk in occupation if section_matches(chunk.metadata["section"], (prefix,))
    ]
    if not asked:
        return hits
    lead = replace(asked[0], score=hits[0].score)
    return [lead, *(hit for hit in hits if hit.id != lead.id)][:k]
