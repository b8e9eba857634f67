#!/usr/bin/env python3
"""Golden items for the ROME cards' key figures: pay, hiring outlook, certifications and
their routes (issue 22), written to ``eval/figures.yaml`` in the golden set's schema.

The expected figures are computed here from the data the import reads (``../shared/data``:
DARES, the 2024 shortage list, Certif Info, InserJeunes, the ROME 4.0 export, ESCO and its
mapping), through the same readers, not read from the generated cards: when
``check_golden.py`` finds each fact in its card, it checks the import too.

Cards are drawn with a fixed seed: per category 20 cards whose code is their ROME v3 code
(own figures) and 20 that reach their family through a parent code (inherited), half asked
in French and half in English. A card's split is fixed by a hash of its code (3 in 5
``dev``), so a card stays in its split whatever else is drawn; each bucket takes 12 dev
and 8 heldout cards.

``--update-golden`` refreshes the pay items of ``golden.yaml`` the same way (category
``pay-not-covered`` or ``pay``, and the pay follow-ups of :data:`PAY_FOLLOW_UPS`), editing
only their ``category``, ``expected_sections``, ``facts`` and ``answerable`` lines.

Regenerate (from the repository root; byte-identical on the same data):
    .venv/bin/python eval/figure_items.py                  # writes eval/figures.yaml
    .venv/bin/python eval/figure_items.py --update-golden  # and refreshes golden.yaml
    .venv/bin/python eval/check_golden.py --golden eval/figures.yaml
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml

from advisor.corpus.certifications import Certification
from advisor.corpus.esco import MAPPING_FILE, English, link_cards, read_mapping, read_occupations
from advisor.corpus.figure_sections import DIFFICULTY, CardFigures, figure_front
from advisor.corpus.numbers import euros
from advisor.corpus.rome_cards import figures_of
from advisor.corpus.rome_tables import RomeTables
from advisor.text import fold_words, gender_forms
from advisor.vocabulary import CERTIFICATIONS, CERTIFICATIONS_EN, HIRING, HIRING_EN, PAY, PAY_EN

HERE = Path(__file__).resolve().parent
DATA = HERE.parent.parent / "shared" / "data"
SEED = 22
PER_SPLIT = {"dev": 12, "heldout": 8}  # cards per category, ownership and split
#: Longer names are not what a learner types (and could copy 6 words of the card, which
#: check_golden.py rejects); words as it counts them: "chef d'équipe" is 3.
MAX_WORDS = {"fr": 5, "en": 4}
SECTIONS = {
    "pay": [PAY, PAY_EN],
    "prospects": [HIRING, HIRING_EN],
    "certifications": [CERTIFICATIONS, CERTIFICATIONS_EN],
}
#: golden.yaml's follow-ups asking the pay of the job in their history.
PAY_FOLLOW_UPS = ("fr-boulanger-021", "fr-data-scientist-030")
#: The routes asked about, in turn: any certification (the first listed), apprenticeship, VAE.
ROUTES = {"diploma": "", "apprenticeship": "accessibilite_ca", "vae": "accessibilite_vae"}
TEMPLATES = {
    ("pay", "fr"): (
        "Combien gagne un {job} ?",
        "Quel est le salaire d'un {job} ?",
        "Un {job}, ça gagne bien sa vie ?",
        "C'est payé combien par mois, {job} ?",
    ),
    ("pay", "en"): (
        "How much does {a_job} earn in France?",
        "Is {a_job} well paid?",
        "What's the monthly salary of {a_job} in France?",
        "How much money does {a_job} make?",
    ),
    ("prospects", "fr"): (
        "Y a-t-il des débouchés pour un {job} ?",
        "Est-ce que ça recrute comme {job} ?",
        "C'est facile de trouver du travail comme {job} ?",
        "Les employeurs cherchent-ils des gens comme {job} en ce moment ?",
    ),
    ("prospects", "en"): (
        "Is there work for {a_job}?",
        "Is it hard to find a job as {a_job}?",
        "What are the job prospects for {a_job} in France?",
        "Are employers struggling to hire {a_job}?",
    ),
    ("diploma", "fr"): ("Quel diplôme pour devenir {job} ?", "Il faut quelle formation pour être {job} ?"),
    ("diploma", "en"): ("Which qualifications lead to a job as {a_job}?", "What diploma do I need to become {a_job}?"),
    ("apprenticeship", "fr"): (
        "Peut-on devenir {job} en apprentissage ?",
        "Je veux être {job}, ça se fait en apprentissage ?",
    ),
    ("apprenticeship", "en"): (
        "Can I become {a_job} through an apprenticeship?",
        "Is there an apprenticeship to train as {a_job}?",
    ),
    ("vae", "fr"): (
        "Peut-on devenir {job} par la VAE ?",
        "J'ai de l'expérience comme {job} : je peux la faire valider par une VAE ?",
    ),
    ("vae", "en"): (
        "Can I get a qualification as {a_job} through VAE, with my work experience?",
        "I have years of experience: can VAE make me a certified {job}?",
    ),
}


@dataclass(frozen=True)
class Job:
    code: str
    own: bool  # its code is its ROME v3 code (code_rome_parent)
    name_fr: str
    name_en: str  # "" when no ESCO occupation names it exactly
    figures: CardFigures

    @property
    def split(self) -> str:
        return "dev" if int(hashlib.sha256(self.code.encode()).hexdigest(), 16) % 5 < 3 else "heldout"


def words(name: str) -> int:
    return len(re.findall(r"\w+", name))


def learner_name(title: str) -> str:
    """A card title as a learner writes it: masculine form, no brackets, lower case.

    >>> learner_name("Infirmier / Infirmière en soins généraux (IDE)"), learner_name("DevOps")
    ('infirmier en soins généraux', 'DevOps')
    """
    name = re.sub(r"\s*\([^)]*\)", "", gender_forms(title, " / ")[0]).strip()
    first = name.split(" ", 1)[0]
    return name[0].lower() + name[1:] if first[1:] == first[1:].lower() else name


def english_name(english: English | None, title: str) -> str:
    """ESCO's preferred label of the occupation matching the card exactly and bearing its
    French title, when short enough; else ""."""
    if not english or not english.links:
        return ""
    link = english.links[0]
    titles = {fold_words(form) for form in gender_forms(title, " / ")}
    named = titles & {fold_words(label) for label in link.occupation.labels_fr}
    label = gender_forms(link.occupation.label)[0]  # "head waiter/head waitress"
    return label if link.relation == "exact" and named and words(label) <= MAX_WORDS["en"] else ""


def read_jobs(data: Path) -> list[Job]:
    """Every card with its figures, joined as :mod:`advisor.corpus.rome_cards` joins them."""
    rome = RomeTables(data / "rome-4.0-v60")
    figures_by_card = figures_of(rome, data)
    card_of_title = {row["code_ogr"]: code for code, rows in rome.appellations.items() for row in rows}
    names = {card["code_rome"]: rome.names(card["code_rome"]) for card in rome.cards}
    mapping = read_mapping(data / "rome-esco-mapping" / MAPPING_FILE)
    english = link_cards(read_occupations(data / "esco-1.0.8"), mapping, card_of_title, names, rome.titles)
    jobs = []
    for card in rome.cards:
        code, parent, title = card["code_rome"], card["code_rome_parent"], rome.titles[card["code_rome"]]
        figures = figures_by_card[code]
        jobs.append(Job(code, code == parent, learner_name(title), english_name(english.get(code), title), figures))
    return jobs


def pay_fact(figures: CardFigures) -> str:
    """The median of the card's first family with one, as the card writes it ("1 558 €")."""
    pay = figure_front(figures).get("pay_median")
    return euros(pay) if pay else ""


def prospects_fact(figures: CardFigures, lang: str) -> str:
    """The recruitment difficulty, as the card writes it: "très forte (5 sur 5)"."""
    level = figure_front(figures).get("difficulty")
    if not level:
        return ""
    word_fr, word_en = DIFFICULTY[level]
    return f"{word_fr} ({level} sur 5)" if lang == "fr" else f"{word_en} ({level} out of 5)"


def certification_fact(certifications: tuple[Certification, ...], route: str, question: str) -> str:
    """The first listed certification open through ``route`` (any for ""), unless the
    question already names it."""
    for cert in certifications:
        if (not route or route in cert.routes) and fold_words(cert.title) not in fold_words(question):
            return cert.title
    return ""


def question(kind: str, lang: str, name: str, turn: int) -> str:
    templates = TEMPLATES[kind, lang]
    article = "an" if name[:1].lower() in "aeiou" else "a"
    return templates[turn % len(templates)].format(job=name, a_job=f"{article} {name}")


def make_item(job: Job, category: str, lang: str, turn: int) -> dict | None:
    """The item asking ``category`` of ``job`` in ``lang``, None when the card lacks the figure;
    ``turn`` picks the template (and for certifications the route)."""
    name = job.name_en if lang == "en" and job.name_en else job.name_fr
    if words(job.name_fr) > MAX_WORDS["fr"]:
        return None
    if category == "certifications":
        kinds = list(ROUTES)[turn % 3 :] + list(ROUTES)[: turn % 3]
        for kind in kinds:
            asked = question(kind, lang, name, turn // 3)
            fact = certification_fact(job.figures.certifications, ROUTES[kind], asked)
            if fact:
                break
    else:
        asked = question(category, lang, name, turn)
        fact = pay_fact(job.figures) if category == "pay" else prospects_fact(job.figures, lang)
    if not fact:
        return None
    item = {
        "id": "",
        "split": job.split,
        "lang": lang,
        "category": category,
        "question": asked,
        "history": [],
        "expected_rome": [job.code],
        "expected_sections": SECTIONS[category],
        "facts": [fact],
        "answerable": True,
    }
    if lang == "en" and name != job.name_en:
        item["mixed_lang"] = True
    return item


def draw(jobs: list[Job]) -> list[dict]:
    """The items, by category: each card drawn once, in a seeded order, into the first
    category whose bucket (ownership, split) still wants it; French and English in turn."""
    order = sorted(jobs, key=lambda job: job.code)
    random.Random(SEED).shuffle(order)
    wanted = {
        (category, own, split): count
        for category in SECTIONS
        for own in (True, False)
        for split, count in PER_SPLIT.items()
    }
    drawn: dict[str, list[dict]] = {category: [] for category in SECTIONS}
    taken: Counter = Counter()  # items per bucket
    turns: Counter = Counter()  # items per category and language: the template's turn
    for n, job in enumerate(order):
        categories = list(SECTIONS)[n % 3 :] + list(SECTIONS)[: n % 3]
        for category in categories:
            bucket = (category, job.own, job.split)
            if taken[bucket] >= wanted[bucket]:
                continue
            lang = ("fr", "en")[taken[bucket] % 2]
            item = make_item(job, category, lang, turns[category, lang])
            if item:
                taken[bucket] += 1
                turns[category, lang] += 1
                drawn[category].append(item)
                break
    items = [item for category in SECTIONS for item in drawn[category]]
    for number, item in enumerate(items, 1):
        item["id"] = f"{item['lang']}-{item['category']}-{number:03d}"
    return items


def _flow(values: list[str], quote: bool = True) -> str:
    return "[" + ", ".join(json.dumps(v, ensure_ascii=False) if quote else v for v in values) + "]"


def render(items: list[dict]) -> str:
    """The items in golden.yaml's layout, one comment block per category."""
    lines = [
        "# Golden items for the cards' key figures (pay, hiring outlook, certifications and routes).",
        "# GENERATED by eval/figure_items.py from ../shared/data: do not edit by hand; rerun it.",
        "# Schema: eval/README.md. Check: .venv/bin/python eval/check_golden.py --golden eval/figures.yaml",
    ]
    category = ""
    for item in items:
        if item["category"] != category:
            category = item["category"]
            lines += ["", "# " + "-" * 75, f"# {category}: {', '.join(SECTIONS[category])}", "# " + "-" * 75]
        lines += [
            f"- id: {item['id']}",
            f"  split: {item['split']}",
            f"  lang: {item['lang']}",
            f"  category: {item['category']}",
            f"  question: {json.dumps(item['question'], ensure_ascii=False)}",
            "  history: []",
            f"  expected_rome: {_flow(item['expected_rome'], quote=False)}",
            f"  expected_sections: {_flow(item['expected_sections'])}",
            f"  facts: {_flow(item['facts'])}",
            "  answerable: true",
            *(["  mixed_lang: true"] if item.get("mixed_lang") else []),
            "",
        ]
    text = "\n".join(lines)
    assert yaml.safe_load(text) == items, "the rendered YAML does not read back as the items"
    return text


def update_golden(text: str, pay_of: dict[str, str]) -> str:
    """``golden.yaml``'s text with its pay items answerable where their card now has a pay
    median (``pay_of``), unanswerable where it has none; every other byte kept."""
    blocks = re.split(r"(?m)^(?=- id: )", text)
    for n, block in enumerate(blocks):
        head = re.match(r"- id: (\S+)", block)
        category = re.search(r"(?m)^  category: (\S+)$", block)
        codes = re.search(r"(?m)^  expected_rome: \[(.*)\]$", block)
        if not (head and category and codes):
            continue
        if category[1] not in ("pay", "pay-not-covered") and head[1] not in PAY_FOLLOW_UPS:
            continue
        pay = next((pay_of[code] for code in re.findall(r"[A-N]\d{4}", codes[1]) if pay_of.get(code)), "")
        fields = {
            "expected_sections": _flow(SECTIONS["pay"]) if pay else "[]",
            "facts": _flow([pay]) if pay else "[]",
            "answerable": "true" if pay else "false",
        }
        if head[1] not in PAY_FOLLOW_UPS:
            fields["category"] = "pay" if pay else "pay-not-covered"
        lines = block.split("\n")
        for i, line in enumerate(lines):
            key = line.split(":", 1)[0].strip()
            if line.startswith("  ") and key in fields:
                lines[i] = f"  {key}: {fields[key]}"
        blocks[n] = "\n".join(lines)
    return "".join(blocks)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA, help="the shared data folder")
    parser.add_argument("--out", type=Path, default=HERE / "figures.yaml")
    parser.add_argument("--update-golden", action="store_true", help="also refresh golden.yaml's pay items")
    parser.add_argument("--golden", type=Path, default=HERE / "golden.yaml")
    args = parser.parse_args(argv)
    jobs = read_jobs(args.data)
    items = draw(jobs)
    args.out.write_text(render(items), encoding="utf-8")
    counts = Counter((item["category"], item["lang"], item["split"]) for item in items)
    print(f"{args.out}: {len(items)} items; " + ", ".join(f"{'/'.join(key)} {n}" for key, n in sorted(counts.items())))
    if args.update_golden:
        text = args.golden.read_text(encoding="utf-8")
        updated = update_golden(text, {job.code: pay_fact(job.figures) for job in jobs})
        args.golden.write_text(updated, encoding="utf-8")
        print(f"{args.golden}: {'updated' if updated != text else 'unchanged'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
