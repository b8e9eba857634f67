"""Text helpers beneath every stage: how words are compared, how a job title splits into
its gender forms, where sentences end. Pure: each computes from its arguments alone.
"""

import re
import unicodedata

_NON_WORD = re.compile(r"\W+")


def strip_accents(text: str) -> str:
    """The text without its accents, the œ ligature spelt out (NFKD leaves it whole); case kept.

    >>> strip_accents("Œnologue, maîtrise d'œuvre")
    "Oenologue, maitrise d'oeuvre"
    """
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return bare.replace("œ", "oe").replace("Œ", "Oe")


def straight_quotes(text: str) -> str:
    """Typographic apostrophes as straight ones, which word tables spell ("J’aime", as typed
    on a phone).

    >>> straight_quotes("J’aime l‘art")
    "J'aime l'art"
    """
    return text.replace("\u2019", "'").replace("\u2018", "'")


def fold(text: str) -> str:
    """Lower case without accents: "Infirmière" and "infirmiere" are the same word.

    >>> fold("Ingénieur Systèmes Embarqués & IA")
    'ingenieur systemes embarques & ia'
    """
    return strip_accents(text.lower())


def fold_words(text: str) -> str:
    """:func:`fold`, punctuation off and spaces single: how labels and titles are compared.

    >>> fold_words("Conducteur/Conductrice  de Poids-Lourd")
    'conducteur conductrice de poids lourd'
    """
    return " ".join(_NON_WORD.sub(" ", fold(text)).split())


def gender_forms(label: str, separator: str = "/") -> list[str]:
    """The forms of a French label written "masculine/feminine", or the label itself.
    ROME titles write " / " (and keep a bare "/" whole: "UX/UI designer"), ESCO labels "/".

    >>> gender_forms("plombier/plombière")
    ['plombier', 'plombière']
    >>> gender_forms("conducteur de poids lourd/conductrice de poids lourd")
    ['conducteur de poids lourd', 'conductrice de poids lourd']
    >>> gender_forms("Conducteur / Conductrice de bus")
    ['Conducteur de bus', 'Conductrice de bus']
    >>> gender_forms("Chef boulanger / Cheffe boulangère", " / ")
    ['Chef boulanger', 'Cheffe boulangère']
    >>> gender_forms("Responsable Commercial / Commerciale", " / ")
    ['Responsable Commercial', 'Responsable Commerciale']
    >>> gender_forms("Homme sage-femme / Sage-femme", " / ")
    ['Homme sage-femme', 'Sage-femme']
    >>> gender_forms("UX/UI designer", " / ")
    ['UX/UI designer']
    """
    if separator not in label:
        return [label]
    left, right = (part.strip() for part in label.split(separator, 1))
    if " " in right and " " not in left:  # "Conducteur / Conductrice de bus": the tail is shared
        tail = right.split(" ", 1)[1]
        return [f"{left} {tail}", right]
    head, _, last = left.rpartition(" ")
    # "Responsable Commercial / Commerciale": the head is shared, and "Commerciale" alone
    # is no job name; "Homme sage-femme / Sage-femme" names the job twice in full.
    if head and " " not in right and fold_words(right) != fold_words(last):
        return [left, f"{head} {right}"]
    return [left, right]


# Where a sentence ends depends on who wrote it, so each reader names its boundary:
# the whitespace that :func:`split_sentences` cuts at (a pattern without capturing groups).

#: A card's prose, as the chunker cuts a long line: after . ! ? … when a capital, a digit,
#: an opening quote or bracket follows, so that "e.g. ceci" stays whole.
CARD_SENTENCE = re.compile(r"(?<=[.!?…])\s+(?=[«\"(\[0-9A-ZÀ-Ý])")
#: A card's line cut into quotable sentences: after . ! ? when a capital follows.
QUOTED_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-ZÀ-Ý])")
#: An access text read for its levels (accents already off): every line and every stop
#: ends a sentence, but "…" only before a capital.
ACCESS_SENTENCE = re.compile(r"\n|(?<=[.!?])\s+|(?<=…)\s+(?=[A-Z])")
#: A model's prose: after a citation ("[1]", "[1].", "[1];") or a word's stop, before a
#: capital; "the Ordre. it" and "A.F.P.A. Then" are not cut.
MODEL_SENTENCE = re.compile(r"(?:(?<=\])|(?<=\]\.)|(?<=\];)|(?<=[a-zà-ÿ)][.!?]))\s+(?=[A-ZÀ-Ý])")
#: A model's cited statements: only where a citation ends one and a capital, or bold
#: ("**"), starts the next; an uncited sentence stays with its neighbour.
CITED_STATEMENT = re.compile(r"(?:(?<=\])|(?<=\]\.)|(?<=\];))\s+(?=[A-ZÀ-Ý*])")


def split_sentences(text: str, boundary: re.Pattern[str]) -> list[str]:
    """The sentences of a text, cut at each ``boundary``, stripped, empty ones dropped.

    >>> split_sentences("Bac+5 requis. Le CAP suffit ? Oui, e.g. ceci. «Dur» dit-il… 3 ans.", CARD_SENTENCE)
    ['Bac+5 requis.', 'Le CAP suffit ?', 'Oui, e.g. ceci.', '«Dur» dit-il…', '3 ans.']
    >>> split_sentences("Il cuit. Il vend… 3 fois. «Dur».", QUOTED_SENTENCE)
    ['Il cuit.', 'Il vend… 3 fois. «Dur».']
    >>> split_sentences("Accessible avec un CAP. ou un BEP\\nUn Bac... Non", ACCESS_SENTENCE)
    ['Accessible avec un CAP.', 'ou un BEP', 'Un Bac...', 'Non']
    >>> split_sentences("You need the DE [1]. You register with the Ordre. It is a must [1].", MODEL_SENTENCE)
    ['You need the DE [1].', 'You register with the Ordre.', 'It is a must [1].']
    >>> split_sentences("A CAP [1]. **Night** work. Then B [2]; Also C [1]", CITED_STATEMENT)
    ['A CAP [1].', '**Night** work. Then B [2];', 'Also C [1]']
    """
    return [piece.strip() for piece in boundary.split(text) if piece.strip()]
