"""The words every stage shares: the card sections that carry facts, the levels of study
and the thresholds of a job named in a question. Beneath every stage: it imports nothing
from the advisor, so the importer of ROME cards and the answer that quotes them spell a
heading alike.

A section is known by how its heading starts, compared folded
(``search.intents.section_matches``): "Où et comment exercer ?" is :data:`WHERE`. No
heading starts another, so a card section is at most one of them.

>>> pay = next(section for section in SECTIONS if section.heading == PAY)
>>> pay.lead_en.format("Juge"), pay.name_en
('Pay of **Juge**: ', 'pay')
>>> LEVELS[:3]
('none', 'cap', 'bac')
"""

from __future__ import annotations

from dataclasses import dataclass

ACCESS = "Se lancer dans ce métier"
PAY = "Revenus"
SKILLS = "Compétences clés"
FOCUS = "Focus métier"
IN_ENGLISH = "In English"
WHERE = "Où et comment exercer"
RELATED = "Métiers proches"
ALIASES = "Autres intitulés"
ENGLISH_NAMES = "English names"
PROSPECTS = "Pourquoi un métier d’avenir"
#: The key figures ``advisor import-rome --figures`` writes (``corpus.figure_sections``).
HIRING = "Perspectives de recrutement"
CERTIFICATIONS = "Certifications et voies d'accès"
PAY_EN = "Pay"
HIRING_EN = "Hiring outlook"
CERTIFICATIONS_EN = "Certifications and routes"
#: Site furniture copied along with the seed card's web page: no facts about the job.
DISCUSSIONS = "Dernières discussions"

#: Sections written in English: ESCO's names of the job and its description, the figures.
ENGLISH_SECTIONS = (ENGLISH_NAMES, IN_ENGLISH, PAY_EN, HIRING_EN, CERTIFICATIONS_EN)
#: French sections and their English translation line by line: an English answer quotes
#: the English one alone (ESCO's description says other things than "Focus métier").
TRANSLATED = {PAY: PAY_EN, HIRING: HIRING_EN, CERTIFICATIONS: CERTIFICATIONS_EN}
#: Sections that list names, not facts: quoted only when the question asks for them.
NAME_SECTIONS = (ALIASES, ENGLISH_NAMES, RELATED)


@dataclass(frozen=True)
class Section:
    """A card section that carries facts, and how the advisor speaks of it."""

    heading: str  # how the card's heading starts (ROME cards and the seed card alike)
    name_fr: str  # in a sentence: "Les fiches ne disent rien de {name_fr}"
    name_en: str  # "The cards say nothing about {name_en}"
    lead_fr: str  # the start of an answer's first sentence; {} is the job's name
    lead_en: str
    #: Words that ask for it, folded, as regex fragments, FR and EN; the first section
    #: whose words a question holds answers first, so the table's order counts.
    asked_by: tuple[str, ...] = ()
    english: str = ""  # the English section answering an English question before it
    row_fr: str = ""  # its row's name in a comparison table
    row_en: str = ""


# Several fragments to a line: formatted, the table would stack some 180 one-word lines.
# fmt: off
SECTIONS = (
    Section(
        CERTIFICATIONS, "les certifications et leurs voies d'accès", "certifications and their routes",
        # What the list is: the card's own certifications that Certif Info files under its code.
        "Certifications pour **{}**, selon la fiche et Certif Info : ", "Certifications for **{}**, per its card and Certif Info: ",
        english=CERTIFICATIONS_EN,
        asked_by=(
            r"apprentissage", r"apprenti(?:e|s|es)?\b", r"alternance", r"en alternant", r"vae\b", r"validation des acquis",
            r"formation continue", r"contrat de pro\w*", r"titres? pro\w*", r"cqp", r"rncp", r"quels? diplomes?",
            r"quelles? (?:formations?|certifications?)", r"which (?:diplomas?|degrees?|qualifications?|certifications?)",
            r"what (?:diplomas?|degrees?|qualifications?|certifications?)", r"certifications?", r"apprentice\w*",
            r"work[- ]study", r"as an adult", r"continuing education", r"recognition of (?:prior )?(?:learning|experience)",
        ),
        row_fr="Certifications", row_en="Certifications",
    ),
    Section(
        ACCESS, "l'accès au métier et la formation", "access and training",
        "Pour devenir **{}** : ", "To become **{}**: ",
        asked_by=(
            r"devenir", r"devien[st]\b", r"deviendr\w*", r"become", r"becoming", r"formation", r"former", r"diplome",
            r"etudes?", r"ecoles?", r"school", r"degree", r"diploma", r"study", r"studies", r"training", r"train",
            r"qualification", r"certification", r"acces", r"access", r"prerequis", r"requirements?", r"bac\b", r"bts",
            r"cap\b", r"master", r"concours", r"get into", r"get started", r"start (?:as|in)", r"commencer",
            r"par ou (?:je )?commence", r"permis", r"licen[cs]es?\b", r"licensed", r"register\w*", r"inscri\w*",
            r"ordre des", r"professional body", r"obligatoire", r"required", r"se lancer", r"apprentissage",
            r"reconvertir",
        ),
        row_fr="Accès et formation", row_en="Access and training",
    ),
    Section(
        PAY, "la rémunération", "pay", "Rémunération de **{}** : ", "Pay of **{}**: ",
        english=PAY_EN, row_fr="Salaire médian", row_en="Median pay",
        asked_by=(
            r"salaire", r"gagne", r"gagner", r"remuneration", r"revenus?", r"paye", r"payes?\b", r"pay\b", r"paid",
            r"salary", r"salaries", r"earn", r"earnings", r"income", r"wage", r"combien .* mois", r"how much .* make",
            r"paie\b", r"money", r"touche\w* combien", r"make (?:per|a) (?:month|year)",
        ),
    ),
    Section(
        SKILLS, "les compétences", "skills", "Compétences clés de **{}** : ", "Key skills of **{}**: ",
        asked_by=(
            r"competences?", r"skills?", r"savoir[- ]faire", r"savoirs\b", r"qualites?", r"aptitudes?", r"abilities", r"know-how",
            r"what .* need to know", r"bon(?:ne)? en\b", r"good at", r"qualities", r"maitriser", r"tools?", r"outils?",
        ),
    ),
    Section(
        FOCUS, "le quotidien du métier", "daily work", "**{}** : ", "**{}**: ",
        asked_by=(
            r"que fait", r"fait quoi", r"what do(?:es)? .*\bdo\b", r"missions?", r"taches?", r"tasks?", r"quotidien",
            r"day[- ]to[- ]day", r"daily", r"role", r"job description",
            r"c'?est quoi(?! (?:les? |la |l')?(?:salaire|paie|paye|remuneration))", r"what is an?\b",
            r"en quoi consiste", r"activites?", r"duties",
        ),
        english=IN_ENGLISH, row_fr="Ce qu'il fait", row_en="What they do",
    ),
    Section(
        IN_ENGLISH, "la description du métier en anglais", "what the job is, in English", "**{}** : ", "**{}**: ",
        row_fr="Ce qu'il fait", row_en="What they do",
    ),
    Section(
        HIRING, "les perspectives de recrutement", "hiring prospects",
        "Recrutement pour **{}** : ", "Hiring for **{}**: ",
        asked_by=(
            # "Qui recrute ?" asks for the employers (WHERE), "ça recrute ?" for the figures.
            r"(?<!qui )recrut\w*", r"(?<!qui )embauch\w*", r"debouches?", r"avenir", r"prospects?", r"outlook", r"future",
            r"(?:is|are) there (?:any |much |many |enough )?(?:work|jobs?|demand|openings?)", r"find (?:a |any )?(?:job|work)",
            r"trouver (?:du |un )?(?:travail|emploi|boulot|job|poste)", r"du (?:travail|boulot)\b", r"job market",
            r"marche du travail", r"demand\b", r"in demand", r"demande", r"shortage", r"penurie", r"en tension",
            r"manque de (?:main|personnel|candidats)", r"(?<!who's )(?<!who is )(?<!who )hiring", r"(?<!who )hire[ds]?\b", r"chomage", r"unemploy\w*",
            r"insertion", r"employability", r"secteur porteur",
            r"cherch\w*(?:-ils|-elles| ils| elles)? (?:des|du) (?:gens|personnes|profils|candidats|personnel|monde)",
        ),
        english=HIRING_EN, row_fr="Recrutement (2019)", row_en="Hiring (2019)",
    ),
    Section(
        WHERE, "les lieux et conditions d'exercice", "workplaces and conditions",
        "Où et comment exerce **{}** : ", "Where and how **{}** works: ",
        asked_by=(
            r"ou travaille", r"where", r"secteurs?", r"sectors?", r"employeurs?", r"employers?", r"entreprises?",
            r"companies", r"qui (?:recrut|embauch)\w*", r"who(?:'s| is)? hir\w*", r"conditions", r"horaires?", r"hours", r"nuits?\b",
            r"nights?\b", r"week-?ends?", r"samedis?\b", r"dimanches?\b", r"shifts?\b", r"astreintes?",
            r"deplacements?", r"a son compte", r"self-employed", r"schedule", r"environnement", r"environment",
            r"lieux?", r"workplaces?", r"teletravail", r"remote", r"statut", r"independant", r"freelance",
        ),
        row_fr="Où il travaille", row_en="Where they work",
    ),
    Section(
        RELATED, "les métiers proches", "related jobs", "Métiers proches de **{}** : ", "Jobs close to **{}**: ",
        asked_by=(
            r"proches?", r"similaires?", r"similar", r"related", r"close to", r"passerelles?", r"reconversion",
            r"evoluer", r"evolution", r"other jobs", r"autres metiers", r"mobilite", r"career change", r"switch",
            r"what else can", r"quoi d'autre", r"faire d'autre",
        ),
    ),
    Section(
        ALIASES, "les autres intitulés du métier", "other titles of the job",
        "Autres intitulés de **{}** : ", "Other titles of **{}**: ",
        asked_by=(
            r"intitules?", r"job titles?", r"other (?:names|titles)", r"autres? noms?", r"s'appelle", r"called",
        ),
        english=ENGLISH_NAMES,
    ),
    Section(
        ENGLISH_NAMES, "les noms anglais du métier", "English names of the job",
        "Noms anglais de **{}** : ", "English names of **{}**: ",
    ),
    Section(
        CERTIFICATIONS_EN, "les certifications et leurs voies d'accès", "certifications and their routes",
        "Certifications pour **{}**, selon la fiche et Certif Info : ", "Certifications for **{}**, per its card and Certif Info: ",
        row_fr="Certifications", row_en="Certifications",
    ),
    Section(PAY_EN, "la rémunération", "pay", "Rémunération de **{}** : ", "Pay of **{}**: ", row_fr="Salaire médian", row_en="Median pay"),
    Section(
        HIRING_EN, "les perspectives de recrutement", "hiring prospects", "Recrutement pour **{}** : ",
        "Hiring for **{}**: ", row_fr="Recrutement (2019)", row_en="Hiring (2019)",
    ),
    Section(
        PROSPECTS, "les perspectives", "prospects", "Perspectives de **{}** : ", "Prospects of **{}**: ",
        asked_by=(r"avenir", r"future", r"debouches?", r"prospects?", r"demande"),
    ),
)
# fmt: on

#: Each section with an English counterpart (``Section.english``) and that counterpart, both
#: ways: either stands for the other ("Pay" for "Revenus", "Focus métier" for "In English").
COUNTERPART = {
    **{section.heading: section.english for section in SECTIONS if section.english},
    **{section.english: section.heading for section in SECTIONS if section.english},
}


@dataclass(frozen=True)
class Level:
    """A level of study: the lowest a job is open at (``corpus.levels``), or a learner's highest."""

    code: str  # as the cards' front matter and the CLI spell it
    name_fr: str  # in a sentence: "des métiers ouverts {name_fr}"
    name_en: str  # "jobs open {name_en}"
    label: str  # the web app's, both languages in one


STUDY_LEVELS = (
    Level("none", "sans diplôme", "without a diploma", "no diploma / sans diplôme"),
    Level("cap", "avec un CAP ou moins", "with a CAP or less", "CAP, BEP"),
    Level("bac", "avec le bac ou moins", "with the bac or less", "bac"),
    Level("bac+2", "jusqu'à bac+2", "up to two years after the bac", "bac+2 (BTS, DUT)"),
    Level("bac+3", "jusqu'à bac+3", "up to three years after the bac", "bac+3 (licence, BUT)"),
    Level("bac+5", "jusqu'à bac+5", "up to five years after the bac", "bac+5 (master, école)"),
    Level("bac+8", "jusqu'à bac+8", "up to eight years after the bac", "bac+8 (doctorat)"),
)
#: Every access level, lowest first.
LEVELS = tuple(level.code for level in STUDY_LEVELS)

#: A name match this close means the question names the job (typos included); with
#: "devenir", "be a" or "quel diplôme", it asks about that job, not for jobs to explore.
#: A match is the cosine of character 3-4-grams of a span of the question and a card's
#: title or alias: 1 for the exact name.
NAMED = 0.55
#: Above this, a name match is taken as it is, without asking the encoder. A one-word
#: English name scores 0.8 (``search.english_names``), below it: "merchant" also names
#: the auctioneer's card, so the encoder has its say.
CERTAIN = 0.9
