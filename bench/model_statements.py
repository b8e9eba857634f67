"""What the local model's statements say: the card, the learner, or the question back.

    python bench/model_statements.py [--index index] [--llm local] [--questions 40] [--save out.json]

Runs the model on the golden set's answerable DEV questions that it writes (the kinds a
model writes: cited lines; comparisons, lists of names and explorations are the cards'
own lines and are skipped), then on the FIXTURES below, and sorts every statement of
its raw answer (before the gate: the text ``Advisor._respond`` streams, cut into one
cited statement a line as the chain does) and of the final answer (after ``_check``):

- ``card``: restates the card's line (fine);
- ``learner``: a claim about the learner: "you/vous/tu/I/je" + have/are/possess/avoir/
  être/…, or "your/votre/ton/my/mon …": it changes who has, is or needs what
  ("You have a specialization in TinyML [1]" from a card that lists TinyML as useful);
- ``echo``: its words mostly the question's, more than the cited line's ("Je veux
  devenir infirmière [1]."). An English answer translates French lines, so an echo
  there can also be a fair short answer: the examples are printed to be read.

Prints counts and examples as JSON. A model answer takes ~5-10 s on 2 shared cores.
"""

import argparse
import json
import re
import sys
import time
from pathlib import Path

from advisor.answer.faithfulness import CITATION, repair_citations
from advisor.answer.kinds import CitedLines
from advisor.answer.shape import as_bullets
from advisor.apps.environment import set_environment
from advisor.compose import build_advisor
from advisor.evaluation import load_golden
from advisor.settings import Settings
from advisor.text import CITED_STATEMENT, fold_words, split_sentences

REPO = Path(__file__).resolve().parents[1]

#: Written by us for this bench (not golden items): long personal messages, where the
#: learner says who they are, what they have and what they fear.
FIXTURES = [
    "I am 40 and would like to become a nurse. Am I silly to start this late?",
    "je veux devenir infirmière. Le hic, c'est que j'ai peur de ne pas être à la hauteur, "
    "j'ai 35 ans et deux enfants. Comment faire ?",
    "I've worked in sales for fifteen years and I'm tired of it. I'd like to retrain as a "
    "primary school teacher. I have a degree in history. What do I need to do?",
    "J'ai 45 ans, je suis comptable depuis 20 ans et je voudrais devenir professeur des "
    "écoles. J'ai une licence de gestion. Par où commencer ?",
    "J'aimerais devenir infirmier mais j'ai peur du sang, je me sens mal quand je vois une "
    "piqûre. Est-ce que c'est possible quand même ?",
    "I want to be a nurse but I faint at the sight of blood. Can I still do it?",
    "Je suis aide-soignante depuis 10 ans et je voudrais devenir infirmière. Est-ce que "
    "mon expérience compte pour la formation ?",
    "I have a CAP in cooking and I want to become a baker. Do I need another diploma?",
    "I'm scared of heights but I'd like to become an electrician. Is that a problem?",
    "Mon fils a 16 ans, il adore cuisiner mais il déteste l'école. Comment devenir cuisinier ?",
]

_STOP = frozenset(
    re.findall(
        r"\S+",
        """a an the of to in on at for and or with is are be do does did can could would should will
    i me my you your it its this that what how which who when where why not no yes if as by from
    le la les l un une des du de d et ou en a au aux pour par sur dans avec sans est sont etre
    je j me m mon ma mes tu te ton ta tes vous votre vos il elle ils elles on ce c ca cette ces
    qui que qu quoi comment quel quelle quels quelles ne n pas plus se s y faire fait""",
    )
)
_EN_SUBJECT = r"\b(?:you|i|you ?re|you ?ve|i ?m|i ?ve)\b"
_EN_STATE = (
    r"(?:also |already |probably |still |certainly |now )?"
    r"(?:have|has|had|are|am|were|was|possess|hold|own|got|re|ve|m)\b(?! to\b| required\b| expected\b| asked\b)"
)
_FR_STATE = (
    r"\b(?:vous|tu|je|j)\b (?:ne |n )?(?:avez|etes|possedez|disposez|detenez|as|es|suis|ai|possede|"
    r"dispose|detiens|avais|etais|aviez|etiez)\b"
)
_OWNER = r"\b(?:your|my|votre|vos|ton|ta|tes|mon|ma|mes)\b"
_FIRST_PERSON = r"\b(?:i|je|j|i m|i ve|me|moi)\b"


def words(text: str) -> set[str]:
    return {w for w in fold_words(CITATION.sub(" ", text)).split() if len(w) > 2 and w not in _STOP}


def kind_of(statement: str, question: str, source: str) -> str:
    said = f" {fold_words(CITATION.sub(' ', statement))} "
    if (
        re.search(_EN_SUBJECT + r" " + _EN_STATE, said)
        or re.search(_FR_STATE, said)
        or re.search(_OWNER, said)
        or re.search(_FIRST_PERSON, said)
    ):
        return "learner"
    own = words(statement)
    if own:
        in_question = len(own & words(question)) / len(own)
        in_source = len(own & words(source)) / len(own)
        if in_question >= 0.6 and in_question > in_source:
            return "echo"
    return "card"


def statements(text: str) -> list[str]:
    found = []
    for line in text.split("\n"):
        for piece in split_sentences(line.removeprefix("- "), CITED_STATEMENT):
            if CITATION.search(piece):
                found.append(piece.strip())
    return found


def classify(text: str, question: str, sources: dict[int, str]) -> list[tuple[str, str]]:
    out = []
    for piece in statements(text):
        source = "\n".join(sources.get(int(n), "") for n in CITATION.findall(piece))
        out.append((kind_of(piece, question, source), piece))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--index", type=Path, default=REPO / "index")
    parser.add_argument("--models-dir", type=Path, default=REPO / "models")
    parser.add_argument("--llm", default="local")
    parser.add_argument("--questions", type=int, default=40, help="dev questions the model writes")
    parser.add_argument("--no-fixtures", action="store_true")
    parser.add_argument("--save", type=Path, help="write every answer, raw and final, to this JSON file")
    args = parser.parse_args()
    set_environment()
    advisor = build_advisor(Settings(index_dir=args.index, llm=args.llm, models_dir=args.models_dir))
    assert advisor.respond is not None, "a model writer is needed (--llm local)"
    golden = [
        (i.id, i.question, i.history)
        for i in load_golden(REPO / "eval" / "golden.yaml")
        if i.split == "dev" and i.answerable and i.category not in {"explore", "comparison"}
    ]
    fixtures = [] if args.no_fixtures else [(f"fixture-{n}", q, ()) for n, q in enumerate(FIXTURES, 1)]
    counts = {stage: {"card": 0, "learner": 0, "echo": 0} for stage in ("raw", "final")}
    examples: dict[str, list[dict]] = {"learner": [], "echo": []}
    answers, failed, written, started = [], [], 0, time.monotonic()
    for ident, question, history in [*golden, *fixtures]:
        if written >= args.questions and not ident.startswith("fixture"):
            continue
        try:
            kind = advisor.prepare.invoke({"question": question, "history": history})
            if not isinstance(kind, CitedLines):
                continue
            raw = "".join(advisor._respond(kind))
            rendered, notice, mode = advisor._check(raw, kind)
        except Exception as error:  # one failed question (an index rebuilt under us) must not cost the run
            failed.append(f"{ident}: {error.__class__.__name__}: {error}")
            continue
        written += not ident.startswith("fixture")
        print(ident, file=sys.stderr, flush=True)
        shown: dict[int, str] = {}
        for line in kind.lines:
            shown[line.source] = shown.get(line.source, kind.retrieved.hits[line.source - 1].metadata["title"])
            shown[line.source] += "\n" + line.text
        hits = {n: f"{hit.metadata['title']}\n{hit.text}" for n, hit in enumerate(kind.retrieved.hits, 1)}
        repaired = repair_citations(as_bullets(raw), list(kind.lines), advisor.analyze)
        sorted_raw = classify(repaired, question, shown)
        sorted_final = classify(rendered.text, question, hits)
        for stage, found in (("raw", sorted_raw), ("final", sorted_final)):
            for label, piece in found:
                counts[stage][label] += 1
                if label != "card" and len(examples[label]) < 60:
                    examples[label].append({"id": ident, "stage": stage, "statement": piece})
        answers.append(
            {
                "id": ident,
                "question": question,
                "raw": raw,
                "final": rendered.text,
                "mode": mode,
                "notice": notice,
                "labels": {
                    stage: [label for label, _ in found]
                    for stage, found in (("raw", sorted_raw), ("final", sorted_final))
                },
            }
        )
    report = {
        "llm": advisor.writer.mode,
        "answers": len(answers),
        "dev_questions": written,
        "fixtures": len([a for a in answers if a["id"].startswith("fixture")]),
        "seconds": round(time.monotonic() - started),
        "failed": failed,
        "statements": counts,
        "answers_with": {
            stage: {label: sum(label in a["labels"][stage] for a in answers) for label in ("learner", "echo")}
            for stage in ("raw", "final")
        },
        "examples": examples,
    }
    if args.save:
        args.save.write_text(json.dumps(answers, ensure_ascii=False, indent=2), encoding="utf-8")
    print(json.dumps(report, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
