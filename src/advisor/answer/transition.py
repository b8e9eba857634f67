"""From one job to another: the skills both cards list, and those the new job's card adds.
Pure.

A learner who says the job they have and the one they want ("aide-soignante depuis 10 ans,
je veux devenir infirmière") is told what they bring and what they would learn, from the
two cards' key skills (ROME's skills are shared labels, so the same skill is the same line).

>>> from advisor.index.store import Hit
>>> aide = Hit("a", "Aide-soignant — Compétences clés\\n- Évaluer la douleur\\n- Aider aux repas", {}, 0.0)
>>> nurse = Hit("b", "Infirmier — Compétences clés\\n- Évaluer la douleur\\n- Poser une perfusion", {}, 0.0)
>>> print(transition_line(aide, 4, nurse, 5, "Infirmier", "fr"))
Compétences que les fiches **Aide-soignant** et **Infirmier** partagent : Évaluer la douleur [4][5]. La fiche **Infirmier** y ajoute : Poser une perfusion [5].
"""

from __future__ import annotations

from advisor.answer.extractive import lines_of
from advisor.index.store import Hit
from advisor.text import fold

#: Skills shown of each list: the line stays a line.
SHOWN = 5


def transition_line(
    leaving: Hit, leaving_number: int, joining: Hit, joining_number: int, title: str, language: str
) -> str:
    """The skills the two cards share, cited to both, then those the new job's card adds,
    cited to it; "" when they share none and add none."""
    own = {fold(line) for line in lines_of(leaving.text)}
    wanted = lines_of(joining.text)
    shared = [line for line in wanted if fold(line) in own][:SHOWN]
    added = [line for line in wanted if fold(line) not in own][:SHOWN]
    parts = []
    if shared:
        # Which two cards: the learner's own job is named in the chunk's heading ("Aide-soignant — …").
        left = leaving.text.split("\n", 1)[0].split(" — ")[0]
        parts.append(
            f"Compétences que les fiches **{left}** et **{title}** partagent : {', '.join(shared)} "
            f"[{leaving_number}][{joining_number}]."
            if language == "fr"
            else f"Skills the cards of **{left}** and **{title}** both list: {', '.join(shared)} "
            f"[{leaving_number}][{joining_number}]."
        )
    if added:
        if language == "fr":
            parts.append(f"La fiche **{title}** y ajoute : {', '.join(added)} [{joining_number}].")
        else:
            parts.append(f"**{title}**'s card adds: {', '.join(added)} [{joining_number}].")
    return " ".join(parts) if shared else ""
