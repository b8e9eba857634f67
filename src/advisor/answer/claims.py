"""What a statement claims: the terms a source must hold, and whom it speaks of. Pure.

**Terms.** What can be checked against the cited source (accents, case and punctuation
folded): acronyms and codes (CAP, BTS, FIMO, ESIEE, Bac+5); capitalised names, as a run
of capitalised words ("Diplôme d'État d'Aide-Soignant"); numbers (their digits: "3 800 €"
is "3800"); the corpus's job titles of two words or more ("aide-soignant").

**The learner.** A card says what a job asks for; a small model turns it round into what
the learner has or is, and hands the learner's own message back as a cited fact. Measured
on the local model (``python bench/model_statements.py``, see docs/answers.md): "You have
a specialization in TinyML [1]" from a card that lists TinyML as a useful training, "You
are silly to start this late [1]" to "Am I silly to start this late?", "Je veux devenir
infirmière [1]." to "je veux devenir infirmière…". Every name of such a statement is in
the line it cites, so the terms cannot show it; who it is about does:

- the learner's voice: "I", "je", "my", "mon" … (a card never speaks in the first person);
- what the learner has or is: "you / vous / tu" + have, are, possess, avoir, être,
  posséder … ("You need a Bac+5", "Il faut un diplôme", "Vous devez obtenir le DE",
  "You have to pass", "Vous êtes amené à travailler de nuit" say what the job asks);
- the learner's own attributes: "your age", "votre expérience" …;
- a question asked back, cited as if a card said it.

- the learner's situation handed back: two words or more of a clause of the question in
  which they say what they have or are, that the line lacks ("…with a degree in history").

A statement the cited line itself says in the same words ("vous êtes au contact du
public", quoted) is the card's, and stands. Why a check on every statement rather than
card lines as the bullets and the model's opening sentence only: half of these
statements were the opening sentence (9 of 17, on 98 raw statements), which that would
have kept; the check reads the statement alone, whatever the prompt says.

>>> about_learner("You have a specialization in TinyML [1].", "Formation spécialisée en TinyML")
'what the learner has or is'
>>> about_learner("You need a Bac+5 [1].", "Bac+5 obligatoire") is None
True
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from advisor.text import fold_words

CITATION = re.compile(r"\[(\d+)\]")


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


#: Words, and the punctuation that ends a name ("Airbus, Thalès" are two).
_TOKEN = re.compile(r"[^\W_][\w'’+-]*|[^\w\s'’-]")
#: Words that join the capitalised words of one name ("Diplôme d'État de Sage-Femme").
_JOINERS = frozenset({"de", "d", "du", "des", "la", "le", "l", "et", "en", "of", "the", "and", "for", "in", "à", "a"})
_ACRONYM = re.compile(r"^(?:[A-Z0-9][A-Z0-9+&/-]*[A-Z][A-Z0-9+&/-]*|[A-Z][a-z]+\+\d+)$")
_NUMBER = re.compile(r"\d+(?:[\s.,\u202f\u00a0]\d{3})*")
#: Capitalised for grammar's sake in English, and no fact of a job card.
_ALWAYS_FINE = _set(
    "i france french english europe european paris monday tuesday wednesday thursday friday saturday "
    "sunday january february march april may june july august september october november december"
)


def numbers(text: str) -> set[str]:
    """The numbers of a text as digit strings, thousands separators taken out.

    >>> sorted(numbers("3 800 € à 7 000 € / mois, Bac+5"))
    ['3800', '5', '7000']
    """
    return {re.sub(r"\D", "", match) for match in _NUMBER.findall(text)}


def _names(piece: str) -> list[str]:
    """Acronyms and runs of capitalised words. A sentence's first word is capitalised for
    grammar: it counts only as an acronym.

    >>> _names("Midwives register with the Ordre des Sages-Femmes after the DE [1].")
    ['Ordre des Sages-Femmes', 'DE']
    >>> _names("The Diplôme d'État d'Aide-Soignant is needed. You also need the BAFA.")
    ["Diplôme d'État d'Aide-Soignant", 'BAFA']
    """
    words = _TOKEN.findall(CITATION.sub(" ", piece).replace("**", " "))
    found: list[str] = []
    run: list[str] = []
    pending: list[str] = []  # joiners, kept only if a capitalised word follows
    starts = True  # the next word begins a sentence
    for word in [*words, ""]:
        bare = re.sub(r"^[dl][’']", "", word, flags=re.IGNORECASE)
        opening, starts = starts, word in {".", "!", "?", ":"} or (starts and not word[:1].isalnum())
        if bare[:1].isupper() or _ACRONYM.match(bare):
            if opening and not _ACRONYM.match(bare):
                continue
            run += [*pending, word] if run else [bare]  # "l'ENM" is the ENM
            pending = []
        elif run and (word.lower() in _JOINERS or (bare != word and not bare)):
            pending.append(word)
        else:
            if run:
                found.append(" ".join(run))
            run, pending = [], []
    return [name for name in found if fold_words(name) not in _ALWAYS_FINE]


def checkable_terms(piece: str, titles: Iterable[str] = ()) -> list[str]:
    """What a sentence states that a source must hold: names, acronyms, numbers, and
    the given job titles (folded) that it mentions.

    >>> checkable_terms("The FIMO lasts 140 hours, like an aide-soignant's [2].", ["aide soignant"])
    ['FIMO', '140', 'aide soignant']
    """
    text = CITATION.sub(" ", piece)
    terms = _names(text)
    terms += sorted(numbers(text) - {n for name in terms for n in numbers(name)}, key=text.find)
    folded = f" {fold_words(text)} "
    terms += [title for title in titles if f" {title} " in folded]
    return terms


def supported(term: str, source: str) -> bool:
    """Whether a source holds a term, words compared folded, numbers by digits.

    >>> supported("Diplôme d'Etat", "Le diplôme d'État de sage-femme"), supported("3800", "3 800 €")
    (True, True)
    >>> supported("NVIDIA in Toulouse", "Recruteurs : NVIDIA. Villes : Toulouse."), supported("CAP Boulanger", "CAP")
    (True, False)
    """
    if term.isdigit():
        return term in numbers(source) or term in fold_words(source).split()
    held = f" {fold_words(source)} "
    if f" {fold_words(term)} " in held:
        return True
    # "NVIDIA in Toulouse", "Ordre des Sages-Femmes": each name of a run said in its own words.
    parts = re.split(r"\b(?:" + "|".join(sorted(_JOINERS)) + r")\b", fold_words(term))
    return len(parts) > 1 and all(f" {part.strip()} " in held for part in parts if part.strip())


#: Words that name nothing: a job name the question gives is recognised by the content
#: word beside it, which these never are.
FUNCTION_WORDS = _set(
    "a an the of to in on at for and or with as by from is are be do i you it my your "
    "le la les l un une des du de d et ou en au aux pour par sur dans avec sans chez est "
    "je j tu vous il elle on mon ma mes ton ta tes votre vos ce c qu que qui"
)
_FIRST_PERSON = re.compile(r"\b(?:i (?!and\b|or\b|to\b)[a-z]+|je|j|me|moi|my|mine|mon(?! master\b)|ma|mes)\b")
_ADVERB = r"(?:(?:also|already|probably|certainly|still|now|just|really|clearly|obviously|deja|aussi|bien) )?"
#: "you have" (not "you have to"), "you are" (not "you are required to", "in contact with").
_EN_HAS = re.compile(rf"\byou (?:ve |ll |d )?{_ADVERB}(?:have|has|had|possess|hold|own|got)\b(?! to\b| got to\b)")
_EN_IS = re.compile(rf"\byou (?:re|are|were|ll be|d be) {_ADVERB}(?P<next>\w+)")
_FR_HAS = re.compile(
    rf"\b(?:vous|tu) (?:n |ne )?(?:en )?{_ADVERB}(?:avez|aviez|aurez|as|avais|possedez|possedes|disposez|disposes|"
    r"detenez|detiens)\b(?! a\b| besoin\b)"
)
_FR_IS = re.compile(rf"\b(?:vous|tu) (?:n |ne )?(?:etes|etiez|serez|es|etais|seras) {_ADVERB}(?P<next>\w+)")
#: After "you are": what the job does to whoever does it, not what the learner is.
_DUTY = _set(
    """in on at with for to by under part often usually generally sometimes regularly
    required expected asked allowed able likely responsible paid employed exposed supposed
    obliged going working called hired trained en au aux a dans sur sous avec pour chez
    amene amenee amenes amenees appele appelee tenu tenue charge chargee expose exposee
    oblige obligee soumis soumise souvent parfois generalement regulierement responsable
    employe employee recrute recrutee remunere remuneree paye payee forme formee"""
)
#: "your age", "votre expérience": the learner's, not the job's.
_OWN = re.compile(
    r"\b(?:your|votre|vos|ton|ta|tes) (?:age|ages|experience|experiences|background|profile|profil|situation|"
    r"fear|fears|peur|peurs|children|kids|enfants|family|famille|current|actuel|actuelle|parcours|"
    r"degree|degrees|diploma|diplomas|diplome|diplomes|qualifications?|motivation|personality|personnalite)\b"
)
#: A clause of the question in which the learner says what they have or are.
_SITUATION = re.compile(
    r"\b(?:i (?:ve|m|am|have|had|was|hold|own)|je (?:suis|possede|dispose)|j (?:ai|avais|etais)|my|mon)\b"
)
_CLAUSE = re.compile(r"[.!?;,:]|\b(?:and|but|so|et|mais|donc|puis)\b", re.IGNORECASE)
#: Words of the learner's situation a statement repeats, and its line lacks, to be handed back.
SITUATION_WORDS = 2


def about_learner(statement: str, source: str = "", question: str = "") -> str | None:
    """Why the statement speaks of the learner rather than of the job, or None. What the
    cited ``source`` says in the same words is the card's and stands.

    >>> about_learner("Je veux devenir infirmière [1].")
    "the learner's own words"
    >>> about_learner("Vous avez un Diplôme d'État d'infirmier [1].")
    'what the learner has or is'
    >>> about_learner("You are silly to start this late [1]."), about_learner("Vous êtes amené à travailler de nuit [2].")
    ('what the learner has or is', None)
    >>> about_learner("Vous êtes au contact du public [1].", "Vous êtes au contact du public.") is None
    True
    >>> q = "I've worked in sales. I have a degree in history. What do I need to do?"
    >>> about_learner("You need to retrain as a teacher with a degree in history [4].", "Teachers plan lessons.", q)
    "the learner's own words"
    >>> about_learner("Your age is not a problem [1]."), about_learner("Un ingénieur gagne combien par mois ? [1]")
    ('what the learner has or is', 'a question asked back')
    """
    said = fold_words(CITATION.sub(" ", statement))
    held = f" {fold_words(source)} "

    def says(pattern: re.Pattern[str], unless: frozenset[str] = frozenset()) -> bool:
        # What the cited line says in the same words is the card's ("vous avez le sens du contact").
        return any(
            f" {found.group()} " not in held and found.groupdict().get("next") not in unless
            for found in pattern.finditer(said)
        )

    if says(_FIRST_PERSON) or len(_situation(question) & _content(said) - _content(held)) >= SITUATION_WORDS:
        return "the learner's own words"
    asked = re.split(r"[.:;!]\s", CITATION.sub("", statement).strip().rstrip(" ."))[-1]
    if asked.endswith("?") and f" {fold_words(asked)} " not in held:
        return "a question asked back"
    if any(says(pattern) for pattern in (_EN_HAS, _FR_HAS, _OWN)) or says(_EN_IS, _DUTY) or says(_FR_IS, _DUTY):
        return "what the learner has or is"
    return None


def _content(text: str) -> set[str]:
    return {word for word in fold_words(text).split() if len(word) > 2 and word not in FUNCTION_WORDS}


def _situation(question: str) -> set[str]:
    """The words of the question's clauses in which the learner says what they have or are
    ("I have a degree in history": degree, history)."""
    clauses = (fold_words(clause) for clause in _CLAUSE.split(question))
    return {word for clause in clauses if _SITUATION.search(clause) for word in _content(clause)}


def named_as_asked(term: str, statement: str, question: str) -> bool:
    """Whether the statement gives a name the way the question does, beside the same
    content word: the job asked about ("an Edge AI engineer", "ingénieur DevOps"), which
    the card may call otherwise. Anything else the question holds (a diploma the
    learner has, their age) is no support: only the cited line is.

    >>> q = "How do I become an Edge AI engineer? I have a BTS."
    >>> named_as_asked("Edge AI", "To become an Edge AI engineer, you need a Bac+5 [1].", q)
    True
    >>> named_as_asked("BTS", "With a BTS, you can start [1].", q)
    False
    """
    name = fold_words(term)
    beside = [_neighbours(name, fold_words(text)) for text in (statement, question)]
    return bool(beside[0] & beside[1])


def _neighbours(name: str, text: str) -> set[str]:
    """The content words just before and after each time ``name`` is said in ``text``."""
    found: set[str] = set()
    for match in re.finditer(rf"(?:^|(?<= )){re.escape(name)}(?= |$)", text):
        before, after = text[: match.start()].split()[-1:], text[match.end() :].split()[:1]
        found.update(word for word in before + after if word not in FUNCTION_WORDS and not word.isdigit())
    return found
