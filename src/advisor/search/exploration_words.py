"""The word tables that read a learner describing themself (folded, as
:mod:`advisor.search.exploration_request` matches them): the levels of study they allow,
the ordinals that point at a listed job, the words of looking for a job.
"""

#: A stated level, folded: the highest level the learner allows, tried in this order.
LEVEL_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "none",
        (
            r"sans (?:aucun )?diplome",
            r"sans qualification",
            r"without (?:a |any )?(?:diploma|degree|qualifications?)",
            r"no (?:diploma|degree|qualifications?)",
            r"(?:n'?ai|j'?ai) (?:aucun|pas de) diplome",
            r"i (?:have no|don'?t have (?:a|any)) (?:diploma|degree|qualifications?)",
        ),
    ),
    (
        "cap",
        (
            r"sans (?:le |mon |avoir le )?bac",
            r"without (?:the |a )?bac",
            r"(?:before|avant) (?:the |le )?bac",
            r"(?:avec|with) (?:un |une |a |just a |juste un )?(?:cap|bep)\b",
            r"(?:juste|only|just) (?:un |a )?cap\b",
            r"j'?ai (?:un |le |mon )?cap\b",
            r"i have a cap\b",
            r"(?:n'?ai|j'?ai) pas (?:le|mon) bac",
            r"i (?:don'?t have|haven'?t got) (?:the|a) bac",
        ),
    ),
    (
        "bac",
        (
            r"(?:avec|with|juste|just|only) (?:le |mon |my |the |a |un )?bac\b(?! ?\+)",
            r"sans (?:faire d')?etudes (?:apres|after) le bac",
            r"without studying after",
            r"j'?ai (?:le|mon) bac\b(?! ?\+)",
        ),
    ),
    (
        "bac+2",
        (
            r"bac ?\+ ?2",
            r"(?:deux|2) ans d'?etudes",
            r"(?:two|2) years? (?:of )?(?:study|studies|training)",
            r"(?:deux|2) ans (?:max|maximum)",
            r"(?:two|2) years? (?:max|at most)",
            r"etudes courtes",
            r"short (?:studies|training|course)",
            r"bts",
            r"dut",
        ),
    ),
    (
        "bac+3",
        (
            r"bac ?\+ ?3",
            r"(?:trois|3) ans d'?etudes",
            r"(?:three|3) years? (?:of )?(?:study|studies)",
            r"licence",
            r"bachelor",
        ),
    ),
    ("bac+5", (r"bac ?\+ ?5", r"(?:cinq|5) ans d'?etudes", r"(?:five|5) years? (?:of )?(?:study|studies)", r"master")),
)
#: Which listed job a follow-up points at, 1-based (-1: the last).
ORDINALS = {
    "premier": 1,
    "premiere": 1,
    "first": 1,
    "1er": 1,
    "deuxieme": 2,
    "second": 2,
    "seconde": 2,
    "2e": 2,
    "troisieme": 3,
    "third": 3,
    "3e": 3,
    "quatrieme": 4,
    "fourth": 4,
    "4e": 4,
    "cinquieme": 5,
    "fifth": 5,
    "5e": 5,
    "sixieme": 6,
    "sixth": 6,
    "septieme": 7,
    "seventh": 7,
    "huitieme": 8,
    "eighth": 8,
    "dernier": -1,
    "derniere": -1,
    "last": -1,
}

#: Words every exploration uses: they say that the learner looks for a job, not which.
SEEKING = frozenset(
    [
        "metier",
        "metiers",
        "job",
        "jobs",
        "boulot",
        "boulots",
        "emploi",
        "emplois",
        "travail",
        "travailler",
        "bosser",
        "carriere",
        "carrieres",
        "career",
        "careers",
        "profession",
        "professions",
        "work",
        "working",
        "occupation",
        "occupations",
        "quel",
        "quels",
        "quelle",
        "quelles",
        "which",
        "what",
        "kind",
        "kinds",
        "could",
        "would",
        "can",
        "pourrais",
        "peux",
        "pourrait",
        "faire",
        "do",
        "aime",
        "aimerais",
        "adore",
        "adorer",
        "like",
        "love",
        "enjoy",
        "want",
        "voudrais",
        "veux",
        "souhaite",
        "interesse",
        "interested",
        "passionne",
        "passionnee",
        "passionate",
        "idee",
        "idees",
        "idea",
        "ideas",
        "suit",
        "fit",
        "moi",
        "me",
        "my",
        "mon",
        "ma",
        "i",
        "je",
        "j",
        "aimer",
    ]
)

#: What parts a sentence into the likes it lists, folded: "J'aime les sciences, la musique
#: et les arts" states three, "organized and good with numbers, but … the public" three.
CLAUSE_BREAKS = r",|;|:|\(|\)|\.\.\.|…|\b(?:and|but|or|plus|as well as|et|mais|ou|ainsi que)\b"
#: The words that say nothing of one interest: in no label's words, so that "good" in "I'm
#: good with numbers" does not read "I'm good at drawing", nor "help" "help protect the
#: environment" (the label words that two labels share drop anyway).
VAGUE_LABEL_WORDS = (
    "j'aime j'ai envie je suis je souhaite passionne passionnee i like i want i am i'm i have métiers "
    "good bon work working travail help being getting around thing things new go drawn born head eye "
    "know pass taking take prendre care other others autres about fort seeker amateur amatrice attire attiree "
    "person activite activity close"
)
#: Sentences that state likes without the words of ``LIKES`` (folded): "mes intérêts pour le
#: social, l'artistique", "I have always loved music and art", "my creativity".
STATED_LIKES = (
    r"\b(?:interets? (?:pour|:)|centres? d'interet|interests? (?:in|are|:)|passions?\b|"
    r"(?:always|toujours) (?:loved?|liked?|enjoyed|aime|adore)|loved?\b|(?:me )?plai[st]\b|"
    r"my (?:creativity|strengths?)|i'?m (?:really |very )?(?:organi[sz]ed|creative|patient|sociable)|"
    r"je suis (?:tres |vraiment )?(?:organise|patient|sociable))"
)
#: Everyday words of each ROME interest (by code), beside its label's own: learners say
#: "numbers" or "la compta", not "manier les chiffres". Each counts as a word of the label.
INTEREST_WORDS: dict[int, str] = {
    1: "bâtiment construction chantier rénovation building renovation bricolage",
    2: "diriger manager management leadership encadrer",
    3: "business commerce vendre vente sales selling négocier entreprendre entrepreneur",
    4: "gens people public clients clientèle customers relationnel sociable rencontrer meeting écoute listener accueil",
    5: "fonction publique civil service intérêt général administration mairie government",
    6: "rigoureux rigoureuse rigour précis précise precise minutieux minutieuse meticulous",
    7: "dessin dessiner drawing draw illustration sketch croquis bd comics",
    8: "parler talk débattre persuade convince publicité advertising",
    9: "nature plein air outdoors outside dehors forêt forest plantes plants jardin garden",
    10: "science sciences recherche research curieux curieuse curious biologie biology chimie chemistry physics labo lab",
    11: "droit law justice legal juridique police",
    12: "écrire écriture writing write lire reading littérature literature journalisme journalism",
    13: "sport sports sportif sportive sporty bouger fitness",
    14: "hands-on bricoler réparer repair repairing fabriquer couture sewing bois wood outils tools",
    15: "chiffres numbers maths math mathématiques calcul compta comptabilité accounting finance statistiques statistics",
    16: "voyager voyages travel étranger abroad",
    17: "animaux animals chiens dogs chats cats chevaux horses",
    18: "organisé organisée organized organised organisation planifier planning événementiel events logistique",
    19: "conduire driving drive camion truck piloter",
    20: "environnement environment écologie ecology climat climate planète planet durable sustainability",
    21: "enfants children kids bébés babies petite enfance",
    22: "aider help helping soigner soin santé health healthcare malades patients social elderly âgées",
    23: "secourir rescue sauver protéger protect sécurité security pompier firefighter secours",
    24: "enseigner teach teaching transmettre pédagogie education éducation expliquer explain",
    25: "adrénaline adrenaline risque risk extrême extreme",
    26: "coulisses backstage spectacle théâtre theatre cinéma film concerts",
    27: "cuisine cooking cook cuisiner pâtisserie baking gastronomie food",
    28: "cultures culture langues languages tourisme tourism",
    29: "informatique computers computer coding code programmer programming numérique digital tech électronique electronics robots",
    30: "art arts artiste artistic artistique musique music peinture painting chanter singing danse dance créatif créative creative creativity création mode fashion",
}

#: Words asking for the list sorted by a figure of the cards rather than by fit (folded), by
#: sort: pay (the family's median, highest first) and recruitment difficulty (hardest to
#: recruit for first: the most openings for the fewest candidates).
SORT_WORDS: dict[str, tuple[str, ...]] = {
    "pay": (
        r"(?:qui )?(?:paient|payent|paie|paye|rapportent|rapporte) (?:le |le plus |)(?:bien|mieux|beaucoup|plus)",
        r"(?:les |le )?(?:mieux|bien|plus) (?:payes?|payees?|remuneres?|remunerees?)",
        r"(?:bons?|gros|meilleurs?|hauts?) salaires?",
        r"salaires? (?:eleves?|importants?|confortables?)",
        r"(?:bien )?gagner (?:bien |correctement )?(?:sa|ma) vie",
        r"gagner (?:beaucoup|bien|plus)(?: d'argent)?",
        r"(?:the )?(?:best|better|well|highly|high|higher|top|highest)[- ]pa(?:id|ying)",
        r"pay(?:s)? (?:well|the best|the most|best|more)",
        r"(?:high|higher|good|big|best|top) (?:salar(?:y|ies)|pay|wages?|incomes?)",
        r"(?:make|earn) (?:good |a lot of |more |lots of |the most )?money",
        r"earn (?:well|a lot|the most|more)",
        r"lucrati(?:ve|fs?|ves?)",
    ),
    "difficulty": (
        r"(?:qui )?(?:recrutent|recrute|embauchent|embauche)(?: (?:le plus|beaucoup|bien|facilement))?",
        r"(?:ou )?(?:on|je|j'?) (?:trouve|trouverai[st]?|peux trouver|pourrais trouver)(?: facilement)? "
        r"(?:du|un) (?:travail|boulot|emploi|job)(?: facilement)?",
        r"trouver (?:facilement )?(?:du|un) (?:travail|boulot|emploi|job)(?: facilement)?",
        r"(?:qui ont )?(?:des |plein de |beaucoup de )?(?:debouches|offres d'emploi|postes a pourvoir)",
        r"en tension",
        r"en penurie|penurie de \w+",
        r"(?:les )?plus (?:demandes|recherches)",
        r"(?:qui )?manquent? de (?:bras|monde|candidats)",
        r"(?:are |is )?in[- ]demand",
        r"(?:are |is )?(?:hiring|recruiting)",
        r"(?:with )?(?:many|lots of|plenty of|more|the most) (?:job )?(?:openings|vacancies|positions)",
        r"job openings",
        r"(?:labou?r |skills? )?shortages?",
        r"(?:easy|easier) to (?:find|get) (?:a job|work|hired)",
        r"find (?:a job|work) easily",
        r"get hired",
    ),
}
#: Words asking only for jobs one can train for as an apprentice (folded).
APPRENTICESHIP_WORDS = (
    r"(?:en |par (?:la voie de )?l'?)?(?:apprentissage|alternance)",
    r"(?:en tant qu'?|comme )?(?:apprentie?|alternante?)s?",
    r"(?:as an |an )?apprentice(?:ship)?s?",
    r"work[- ](?:and[- ])?study",
    r"earn (?:while|as) (?:you|i) learn",
)
#: Words that state no like, left once a question's wishes and level are read ("Quels sont
#: les métiers qui recrutent le plus ?" asks for a sort, and nothing else).
FILLER = (
    "plus moins most more there any some other autres best top liste list donne give show cherche recherche "
    "looking search suggest recommend conseille propose"
)
