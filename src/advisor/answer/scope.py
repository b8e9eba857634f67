"""Whether the cards can answer a question, decided before any model writes a word. Pure.

Retrieval alone cannot tell: every question gets nearest chunks, and on this corpus the
similarity of an off-topic question ("What's the capital of Australia?") is as high as
that of a real one. Two facts can be checked instead:
- the question is about jobs, studies or careers (its words say so, or it names a job);
- the cards of the job it is about hold the kind of facts it asks for (pay is the
  usual gap: ROME cards give none).
The answering model's own refusal is the third signal (see advisor.answer.chain).

>>> about_careers("Quel temps fera-t-il demain à Marseille ?", named_job=False, follow_up=False)
False
>>> about_careers("How do I become a baker?", named_job=False, follow_up=False)
True
>>> about_careers("Un résumé du dernier épisode de Stranger Things ?", named_job=False, follow_up=False)
False
"""

import re
from dataclasses import dataclass

from advisor.search.intents import section_matches
from advisor.text import fold
from advisor.vocabulary import COUNTERPART

#: Words of questions about jobs, studies and careers (folded), beyond the intents' own.
_CAREER_WORDS = re.compile(
    r"\b(?:metiers?|jobs?|emplois?|professions?|careers?|carrieres?|travail\w*|work\w*|bosser|"
    r"employ\w*|recrut\w*|hir\w+|devenir|deviens|become|becoming|formations?|train\w*|retrain\w*|etud\w*|"
    r"stud\w*|ecoles?|schools?|universit\w*|diplom\w*|degrees?|certifi\w*|apprenti\w*|"
    r"alternance|stages?|internships?|salaires?|salar\w*|pay\w*|paid|paie\w*|gagne|gagnent|gagner|earn\w*|money|touche\w*|"
    r"wages?|competences?|skills?|qualit\w+|qualif\w*|metier|reconver\w*|orientation|cv|resume|entretien|"
    r"interview|embauche|poste|postes?|position|role|missions?|taches?|tasks?|duties|"
    r"secteurs?|industr\w*|entreprises?|compan\w+|employeurs?|employers?|proches?|"
    r"similar|related|evolu\w*|promotion|debouches?|prospects?|avenir|future|"
    r"get started|get into|start(?:ing)? (?:as|in|out)|se lancer|exercer|practi[cs]e|"
    r"que fait|fait quoi|what does an? \w+ do|c'?est quoi (?:un|une|le metier)|shifts?|"
    r"horaires?|hours|remote|teletravail|freelance|independant|licen[cs]es?|permis|concours|"
    r"devient|boulot|taf|quotidien|all day|day to day|concretement|compet\w*|maitris\w*|"
    r"per month|par mois|a year|par an|connaitre|savoir(?:-faire)?|bon en|good at|a son compte|s'installer|rentre dans|"
    r"diff(?:erence)? entre|difference between|what do\w* an? .+ do\b|outils|tools|"
    r"regist\w*|inscri\w*|ordre|professional body|obligatoires?|mandatory|required|requis)\b"
)
#: Requests that are not career advice even when they mention a job ("a joke about
#: accountants"): they override a job name, never the career words above.
_OTHER_TASKS = re.compile(
    r"\b(?:poem\w*|poeme\w*|jokes?|blagues?|recipes?|recettes?|weather|meteo|translat\w*|"
    r"tradui\w*|song|chanson|story|histoire drole|horoscope|system prompt|prompt systeme|"
    r"ignore (?:your|all|the|previous|tes|vos)|ignorez?|tes instructions|your instructions)\b"
)
#: A French "résumé de …" asks for a summary (an episode's, a book's), not for a CV.
_SUMMARY = re.compile(r"\bresume (?:du|de|des|d')\b")
#: How a follow-up opens when it leans on the previous turn for its subject.
_CONTINUATION = re.compile(r"^(?:and|et|what about|how about|et pour|et si|and if|also|aussi)\b")


def about_careers(question: str, named_job: bool, follow_up: bool) -> bool:
    """Whether the question asks about jobs, studies or careers.

    A bare job name ("Boulanger ?") counts; so does a short continuation of a
    conversation ("Et à Lyon ?"), whose subject is the previous turn's.
    """
    folded = _SUMMARY.sub(" ", fold(question))
    if _CAREER_WORDS.search(folded):
        return True
    if _OTHER_TASKS.search(folded):
        return False
    if named_job:
        return True
    return follow_up and bool(_CONTINUATION.match(folded.strip())) and len(folded.split()) <= 8


@dataclass(frozen=True)
class Coverage:
    """Which of the asked-for sections the subject job's retrieved chunks hold."""

    covered: tuple[str, ...]
    missing: tuple[str, ...]

    @property
    def nothing_covered(self) -> bool:
        return bool(self.missing) and not self.covered


def coverage(wanted: tuple[str, ...], subject_sections: list[str]) -> Coverage:
    """Split the wanted section prefixes into those the subject's chunks have and those
    they lack.

    >>> coverage(("Revenus",), ["Focus métier", "Se lancer dans ce métier"]).nothing_covered
    True
    >>> coverage(("Revenus", "Compétences clés"), ["Compétences clés"]).missing
    ('Revenus',)

    A section's English counterpart stands for it, and the other way round: a card with
    French pay lines only does not lack pay for an English question.

    >>> coverage(("Pay", "Revenus"), ["Revenus & Opportunités"]).missing
    ()
    """
    covered = tuple(w for w in wanted if any(section_matches(s, (w,)) for s in subject_sections))
    missing = [w for w in wanted if w not in covered and COUNTERPART.get(w) not in covered]
    return Coverage(covered, tuple(missing))
