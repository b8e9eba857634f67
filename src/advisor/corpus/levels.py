"""The access level of a job: the lowest level of study its ROME access text opens it at.

ROME 4.0 states diplomas in prose ("Cet emploi est accessible avec un diplôme de
niveau CAP/BEP à Bac +2 en électricité."), so :func:`access_level` reads that prose:

1. The text is cut into sentences, and each sentence into clauses (at ``;`` and before
   "mais", "cependant", "toutefois", "néanmoins"). A clause that only recommends
   ("atout", "apprécié", "recommandé", "peut en faciliter l'accès", "pas obligatoire"...)
   states no requirement: its diplomas do not count, nor do those of such a parenthesis
   ("(Bac +5 recommandé)") or, in a clause saying the job is accessible, of such a part
   after a comma. Saying that no diploma is needed is never a mere recommendation.
2. The sentences that say the job is accessible, open, or how to access it decide;
   when none of them names a level (the job "accessible avec un Diplôme d'État de
   ..."), the other sentences do ("Ce diplôme correspond à un niveau Bac + 3.").
3. The lowest level named wins: "de niveau CAP à Bac" is ``cap``, and a card also
   "accessible avec une expérience professionnelle sans diplôme" is ``none``.

A diploma counts by its rung of France's qualification framework: CAP, BEP (niveau 3)
``cap``; Bac, Bac pro, Brevet Professionnel (4) ``bac``; BTS, DUT, DEUST (5) ``bac+2``;
Licence, BUT (6, which spans Bac+4) ``bac+3``; Master, diplôme d'ingénieur (7, up to
Bac+7) ``bac+5``; doctorat (8) ``bac+8``. A CQP, a titre professionnel or a diplôme
d'État names no level unless the text gives one: such a card gets no access level.
"""

import re

from advisor.text import ACCESS_SENTENCE, split_sentences, strip_accents
from advisor.vocabulary import LEVELS

__all__ = ["access_level"]

# Patterns match accent-free text. Acronyms are matched in capitals only: "but", "cap"
# are French words too.
_NONE = re.compile(
    r"\ba tous les niveaux de qualification\b"
    r"|\baucune? (?:diplome|qualification|formation)s?\b[^.;]*"
    r"\b(?:requise?s?|exigee?s?|obligatoires?|necessaires?)\b"
    r"|\bn'existe pas de diplome\b|\bpas conditionnee? par la detention d'un diplome\b",
    re.IGNORECASE,
)
#: "sans diplôme", unless denied: "Ce métier ne peut s'exercer sans qualification".
_WITHOUT = re.compile(
    r"\bsans (?:aucune? |condition de )?(?:diplome|qualification|formation|certification)s?\b", re.IGNORECASE
)
_DENIED = re.compile(r"\bne\b|\bn'", re.IGNORECASE)
_BAC_PLUS = re.compile(r"\bbac\s*\+\s*(\d+)", re.IGNORECASE)
_DIPLOMAS = {
    "cap": re.compile(
        r"\b(?:CAPA?|BEP|BPA)\b|\b(?i:niveau 3|certificat d'aptitude professionnelle|brevet professionnel agricole)\b"
    ),
    "bac": re.compile(
        r"\b(?:BP|BPJEPS)\b|(?i:\bbac(?!\s*\+\s*\d)|\bbaccalaureat\b|\bbrevet professionnel\b(?! agricole)|\bniveau 4\b)"
    ),
    "bac+2": re.compile(r"\b(?:BTSA?|DUT|DEUST|DEUG)\b|\b(?i:niveau 5|brevet de technicien superieur)\b"),
    # Not the licence to sell drinks ("licence IV") nor a pilot's licence.
    "bac+3": re.compile(r"\bBUT\b|\b(?i:licences?\b(?! iv\b| de vente| de pilote)|niveau 6\b)"),
    "bac+5": re.compile(r"\bMBA\b|\b(?i:masters?|masteres?|(?:diplome|ecoles?|formation) d'ingenieurs?|niveau 7)\b"),
    "bac+8": re.compile(r"\b(?i:doctorats?|niveau 8)\b"),
}
_ASIDE = re.compile(
    r"\b(?:atouts?|apprecie(?:e|s|es)?|facilit\w*|souhait\w*|conseillee?s?|recommandee?s?|benefiques?"
    r"|pertinente?s?|utiles?|un plus|(?:non|pas) obligatoires?)\b",
    re.IGNORECASE,
)
#: Words that say a clause is about getting the job; "accès" also appears in asides
#: ("peut en faciliter l'accès"), "accessible" and "ouvert" never do.
_OPENS = re.compile(r"\b(?:accessibles?|ouverte?s?)\b", re.IGNORECASE)
_ACCESS = re.compile(r"\b(?:acces|acceder)\b", re.IGNORECASE)
_CLAUSE_END = re.compile(r";|,?\s+(?=(?:mais|cependant|toutefois|neanmoins)\b)", re.IGNORECASE)
_ASIDE_BRACKETS = re.compile(r"\([^()]*\)")


def _bac_plus(years: int) -> str:
    """The rung of "Bac+N": niveau 6 spans Bac+3 and Bac+4, 7 Bac+5 to Bac+7, 8 the doctorate."""
    for level, start in (("bac+8", 8), ("bac+5", 5), ("bac+3", 3), ("bac+2", 2)):
        if years >= start:
            return level
    return "bac"


def _states_none(clause: str) -> bool:
    if _NONE.search(clause):
        return True
    # Only the words since the last comma can deny it.
    return any(not _DENIED.search(clause[: m.start()].rsplit(",", 1)[-1]) for m in _WITHOUT.finditer(clause))


def _diplomas(text: str) -> set[str]:
    found = {level for level, pattern in _DIPLOMAS.items() if pattern.search(text)}
    return found | {_bac_plus(int(years)) for years in _BAC_PLUS.findall(text)}


def _clause(clause: str) -> tuple[bool, set[str]]:
    """Whether a clause says how to get the job, and the levels it requires."""
    if _states_none(clause):
        return True, {"none"}
    if _OPENS.search(clause):
        # "accessible avec un Bac +2 à Bac + 3, un titre professionnel peut être pertinent":
        # the requirement stands, the asides after its commas do not count.
        parts = clause.split(",")
        return True, _diplomas(",".join(p for p in parts if _OPENS.search(p) or not _ASIDE.search(p)))
    if _ASIDE.search(clause):
        return False, set()
    return bool(_ACCESS.search(clause)), _diplomas(clause)


def access_level(text: str) -> str | None:
    """The lowest level of :data:`LEVELS` the access text opens the job at; None if it names none.

    >>> access_level("Cet emploi est accessible avec un diplôme de niveau CAP/BEP à Bac +2 en électricité.")
    'cap'
    >>> access_level("Ce métier est accessible sans diplôme.")
    'none'
    >>> access_level("Cet emploi est accessible à partir d'un Bac+5 (Master, Diplôme d'ingénieur).")
    'bac+5'
    >>> access_level("Cet emploi est accessible avec un diplôme de niveau Bac +3 à Bac +5 en droit.")
    'bac+3'
    >>> access_level("Cet emploi est accessible avec un BTS ou un DUT. Un Master peut être un atout.")
    'bac+2'

    An asset is no requirement, a later sentence may give the level of the diploma
    named, and a CQP, a titre professionnel or a diplôme d'État alone is no level:

    >>> access_level("Cet emploi est accessible sans qualification, mais un CAP serait un atout.")
    'none'
    >>> access_level("Cet emploi est accessible avec le DECESF. Ce diplôme correspond à un niveau Bac + 3.")
    'bac+3'
    >>> print(access_level("Cet emploi est accessible avec un CQP. Un Bac pro peut en faciliter l'accès."))
    None
    >>> print(access_level("Cet emploi est accessible avec le Diplôme d'Etat de Sage-Femme."))
    None
    """
    # "etc." and "cf." end no sentence; "..." is the "…" that ends one only before a capital.
    text = strip_accents(text).replace("...", "…").replace("etc.", "etc").replace("cf.", "cf")
    opening: set[str] = set()
    others: set[str] = set()
    for sentence in split_sentences(text, ACCESS_SENTENCE):
        # "(Bac +5 recommandé)" is an aside wherever it stands.
        sentence = _ASIDE_BRACKETS.sub(lambda m: "" if _ASIDE.search(m[0]) else m[0], sentence)
        clauses = [_clause(clause) for clause in _CLAUSE_END.split(sentence)]
        levels = {level for _, found in clauses for level in found}
        (opening if any(opens for opens, _ in clauses) else others).update(levels)
    found = opening or others
    return min(found, key=LEVELS.index) if found else None
