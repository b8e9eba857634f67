"""The words a learner's message is read by (``advisor.search.message``): folded regex
fragments, French and English. A data table: each entry says what it recognises."""

#: Sentences that ask: a question mark, or a request ("dites-moi", "any advice").
ASKING = (
    r"\?",
    r"\b(?:conseils?|advice|avis|help|aide[sz]?[- ]moi|dites[- ]moi|tell me|please|svp|s'il vous plait|"
    r"je cherche|looking for|i need|j'ai besoin|(?:decide|choose|torn) between|hesite\w* entre|"
    r"choisir entre|je reflechis a|i wonder|je me demande)\b",
)

#: What a learner says they like or are good at; the words after it are the interest.
LIKING = (
    r"\b(?:j'?aime(?:rais)?|j'?adore|je kiffe|aimant|passionnee? (?:par|de)|ma passion (?:c'est|est|pour)|fan de|"
    r"(?:ca|cela) m'interesse|je m'interesse a|interessee? par|attiree? par|mes interets pour|"
    r"(?:je suis |etant )?(?:bon|bonne|doue|douee|forte?) (?:en|a|avec)|facilites en|envie de (?:travailler|faire)|"
    r"i(?:'ve| have)? (?:really |also |always |)(?:love|like|enjoy|adore)d?|(?:would|'d) love to|"
    r"(?:he|she|son|daughter|child|kid)(?: \(?\d+\)?)?(?:'s| has)? (?:really |also |always |)"
    r"(?:loves|likes|enjoys|adores|loved|liked|enjoyed)|"
    r"(?:il|elle) (?:a toujours |)(?:aime|adore)|"
    r"j'ai (?:toujours |beaucoup |vraiment )?(?:adore|aime)|j'aurais (?:beaucoup |bien |vraiment )?aime|"
    r"(?:my|ma|mon) (?:passion (?:for|pour)|(?=creativity|creativite))|(?:qualification|background|training) in|"
    r"(?:i'?m|i am) (?:really |very )?(?:into|passionate about|interested in)|passion for|"
    r"(?:want|would like|'d like) to (?:work with|help|look after|protect|be outdoors)|"
    r"(?:je veux|je voudrais|j'aimerais|je souhaite) (?:aider|accompagner|m'occuper (?:de|des|d')|travailler avec|proteger)|"
    r"good (?:at|with)|skilled (?:at|in)|experience (?:in|of)|stirs my|fascinated by|(?:et )?pourquoi pas|why not|"
    r"(?:i'?m|i am) (?:\w+ ){0,3}?(?=(?:creative|organi[sz]ed|practical|patient|sporty|curious|artistic|methodical)\b)|"
    r"je suis (?:\w+ ){0,2}?(?=(?:creati\w+|organisee?|manuel\w*|patiente?|sporti\w+|curieu\w+|artiste|minutieu\w+)\b))(?:(?!\w)|(?<=\s))"
)

#: What is liked, said before the verb: "l'actualité et les matières littéraires
#: m'intéressaient", "history fascinates me". The named group ``liked`` is its words.
LIKED_BEFORE = (
    r"(?:^|[,;:]|\b(?:puisque|comme|car|mais|but|since|as)\b)\s*(?!(?:puisque|comme|car|mais|but|since|as)\b)(?P<liked>[a-z][\w' -]{2,58}?)\s+"
    r"(?:m'interess\w*|me passionn\w*|m'attir\w*|me fascin\w*|interests? me|fascinates? me|appeals? to me)\b"
)
#: Words that say no interest alone: "I also like to have fun", "ce que j'ai envie de faire plus tard".
NO_INTEREST = (
    "fun things stuff everything anything something lot lots much more it this that plus tard later tout rien "
    "quoi chose choses truc trucs beaucoup vie life job work travail metier career carriere have has be do get "
    "make doing faire avoir etre bien sortir aller partir go leave quit quitter changer change "
    "apres quelque filiere filieres domaine domaines secteur secteurs deux trois plusieurs"
)

#: How a learner says which job they want (the target), as opposed to the one they have.
WISHING = (
    r"\b(?:devenir|deviens|become|becoming|be an?|etre (?:un|une)|train(?:ing)? (?:as|to be)|retrain(?:ing)? (?:as|to)|"
    r"re-?train|reconver\w*|me lancer|se lancer|switch(?:ing)? to|move into|get into|go into|"
    r"(?:veux|voudrais|aimerais|souhaite|souhaiterais|compte|envisage\w*|pense a) (?:faire|travailler|etre|exercer|passer)|"
    r"(?:want|would like|wish|plan|hoping|hope|thinking about|considering) (?:to )?(?:work|be|train|study|do|pursue|go)|"
    r"(?:study|studying|etudier|etudes? (?:de|d'|en)|formation (?:de|d'|en)|diplome (?:de|d'))|"
    r"enrolled|inscrit\w*|career (?:in|as)|carriere (?:de|d'|en|dans))"
)

#: The job a learner wants, in the words after how they say it: "become a nurse", "go
#: into welding", "me reconvertir en boulangerie". The named group ``target`` holds them.
TARGET = (
    r"\b(?:become|becoming|be an?|(?:re)?train(?:ing)? (?:as|to be)(?: an?)?|go(?:ing)? into|get(?:ting)? into|"
    r"career (?:in|as)|(?:study|studying|studies in|degree in|major in)|(?:to|'d|would) work as|switch(?:ing)? to|"
    r"(?:perhaps|maybe|ideally|possibly|peut-etre|idealement) (?:as|comme)(?: an?)?|"
    r"pursu(?:e|ing)(?: a career in)?|enrol+ed (?:in|on|to study)|school for|(?:get|getting|find|finding|land|landing) a job as|accepted (?:into|onto|to)|"
    r"devenir|deviens|(?:(?:veu\w*|voudr\w*|aimer\w*|souhait\w*|dois|devr\w*|pourr\w*|peux|vais|va|pour) |rev\w* d'|envie d')etre|me reconvertir (?:en|dans|comme|vers)|reconversion (?:en|dans|comme|vers)|"
    r"(?:s'en )?aller en|partir en|(?:me|se) diriger vers|(?:m'|s')orienter vers|(?:tourne|dirige|oriente)e?s? vers|"
    r"c'est (?:donc )?vers|(?:me|se|te) lancer dans|carriere (?:dans|en)|(?:bosser|travailler) dans|je me vois bien|"
    r"apprendre|preparer|m'inscrire (?:en|a|au|dans)|inscrite? (?:en|a|au|pour)|integrer|passer (?:le|un|mon)(?: concours(?: de| d')?|(?= (?:cap|bts|bac pro|bp|cqp|dut|but)\b))|"
    r"(?:me|se) former (?:a|en|au|comme)|reprendre des etudes (?:de|d'|en)|concours (?:de|d'|du)|"
    r"faire (?:le metier de|une formation (?:de|d'|en)|des etudes (?:de|d'|en)|(?:un|le|mon) (?:cap|bts|bac pro|dut|but)|"
    r"de la|de|des|du|l')|travailler comme|etudes (?:de|d'|en)|formation (?:de|d'|en)|ecole (?:de|d'))"
    r"\s+(?:an? |the |un |une |le |la |les |l'|d'|de |des |du )?"
    r"(?P<target>[a-z][\w'-]*(?: (?!(?:and|but|at|in|because|since|so|or|et|mais|car|a|pour|depuis|avec|parce|ou|"
    r"quand|when|if|si|after|apres|because|que|qui|that|who)\b)[\w'-]+){0,4})"
)

#: Words after a wish that name no job: "get into a new career", "devenir quelqu'un".
NOT_TARGETS = frozenset(
    [
        "new",
        "career",
        "job",
        "jobs",
        "field",
        "one",
        "something",
        "this",
        "that",
        "it",
        "more",
        "better",
        "different",
        "work",
        "career",
        "change",
        "metier",
        "travail",
        "domaine",
        "formation",
        "quelqu'un",
        "quelque",
        "chose",
        "autre",
        "chose",
        "ca",
        "cela",
        "mieux",
        "heureux",
        "heureuse",
        "per",
        "se",
        "possible",
        "able",
        "sure",
        "good",
        "bad",
        "realisable",
        "realiste",
        "mon",
        "ma",
        "mes",
        "my",
    ]
)

#: Words that take a wish back, in the clause before it: "je ne me lance pas dans une
#: carrière de médecine", "I'd never be a lawyer". Not in a question: "N'est-ce pas trop
#: tard pour devenir infirmière ?", "Won't I be too old to become a nurse?" ask about it.
NEGATING = (
    r"\b(?:(?:don't|do not|doesn't|does not|didn't|did not|never|no longer) (?:want|wish|plan|intend|see myself|be|become)|"
    r"won't|wouldn't|not (?:to|going to|interested in)|rather than|instead of|plutot que|au lieu de|plus du tout|"
    r"pas envie|(?:ne|n') ?(?:[\w']+ ){0,2}(?:pas|plus|jamais))\b"
)
#: Words that put a wish in the past: "quand j'étais petite je voulais être archéologue".
PAST = (
    r"\b(?:quand j'etais|when i was|as a (?:kid|child|teenager)|petite?|enfant|ado|adolescente?|"
    r"je voulais|je revais|used to|at the time|a l'epoque|a cette epoque|autrefois)\b"
)
#: Words after a wish that take it back: "becoming a doctor no longer interests me".
RETRACTED_AFTER = (
    r"^[^.,;!?]{0,40}?\b(?:no longer|not for me|(?:is|are)n't for me|doesn't interest|does not interest|"
    r"ne m'interesse (?:plus|pas)|(?:n'est|ne sont|ne serait) (?:\w+ )?(?:pas|plus) (?:\w+ )?pour moi|"
    r"n'est (?:plus|pas) pour moi|ne me (?:plait|tente|correspond) (?:plus|pas))"
)
#: Words just before a wish that make it someone else's for the learner: "my mom wants me
#: to become a teacher" names the job the learner weighs, not the one they want.
WISHED_FOR_ME = (
    r"\b(?:wants?|would like|'d like|expects?|expected|push(?:es|ing|ed)?|pressur(?:e|es|ed|ing)|"
    r"encourag(?:e|es|ed|ing)|tell(?:s|ing)?|told|forc(?:e|es|ed|ing)|persuad(?:e|es|ed|ing)) me (?:to )?$"
)
#: Where the clause a wish stands in begins, looking back from the wish.
CLAUSE_START = (
    r"[.,;:!?()\"«»“”—–]|\s-\s|\b(?:mais|but|so|donc|alors|puis|then|and now|et maintenant|maintenant|now|si|if|whether|that|que|qu'|"
    r"n'est-ce pas|est-ce que)\b"
)

#: The learner's present or past job: "je suis comptable", "12 years in IT", "ancienne
#: caissière". The named group ``job`` is the job's words; the linker judges them.
CURRENT_JOB = (
    r"\b(?:je suis (?:actuellement |aujourd'hui |depuis \w+ ans |)(?:un |une )?|j'ai ete (?:un |une )?|"
    r"je travaille (?:comme|en tant que|dans|en) (?:l'|le |la |les )?|j'exerce (?:comme|en tant que) |"
    r"ancien(?:ne)? |apres \w+ ans (?:comme|en tant que|dans|en) (?:l'|le |la |les )?|"
    r"\w+ ans d'experience (?:comme|en tant que|dans|en) (?:l'|le |la |les )?|"
    r"i'?m (?:currently |now |still )?(?:an? )|i am (?:currently |now |still )?(?:an? )|"
    r"i (?:currently |now )?work (?:as an?|in) |i(?:'ve| have) been (?:working )?(?:as )?(?:an? |in )|"
    r"i worked (?:as an?|in) |former |\w+ years (?:in|as an?|of) )"
    # Not a place, a school year or a state: "je suis en 3e", "je suis au chômage", "je suis très…".
    r"(?!(?:en|au|a|dans|tres|plutot|pas|perdue?|motivee?|sure?|interessee?|passionnee?|so|very|not|really|bit|little)\b)"
    r"(?P<job>[a-z][\w'-]*(?: (?!(?:and|but|for|since|et|mais|depuis|pour|with|avec|who|qui)\b)[\w'-]+){0,3})"
)

#: Ages said outright: "j'ai 40 ans", "I'm 51", "at 45", "(32F)", "aged 40".
AGE = (
    r"\b(?P<a>\d{2}) ?(?:ans|years? old|yrs? old|y/?o)\b",
    r"\b(?:i'?m|i am|aged?|at|a|j'ai) (?P<a>\d{2})\b(?! ?(?:%|€|euros?|k\b|h\b|heures|hours|ans? d'|years? (?:of|in|as|experience)|minutes))",
    r"\((?P<a>\d{2}) ?[mfh]\)",
)

#: The situation a message raises, each by its words.
SITUATIONS = {
    "career_change": (
        r"\b(?:reconver\w*|changer de (?:metier|voie|carriere|job|travail|domaine)|changement de (?:metier|carriere|voie)|"
        r"retrain\w*|career change\w*|chang\w* careers?|switch\w* careers?|new career|second career|"
        r"quit(?:ting)? my job|leave my (?:job|career)|quitter mon (?:travail|emploi|job|poste)|later in life|"
        r"mature student|reprendre (?:mes|les) etudes|back to (?:school|study|studying))"
    ),
    "disability": (
        r"\b(?:handicap\w*|rqth|disab\w*|dyslex\w*|autis\w*|asperger|tdah|adhd|maladie chronique|chronic illness|"
        r"invalidit\w*|mal de dos|back problems?|sourd\w*|deaf|aveugle|blind|fauteuil|wheelchair)\b"
    ),
    "no_diploma": (
        r"\b(?:sans (?:diplome|le bac|bac|qualification)|pas (?:de|le) (?:diplome|bac)|aucun diplome|"
        r"no (?:degree|diploma|qualifications?|gcses?|a-levels?)|without (?:a )?(?:degree|diploma|qualifications?)|"
        r"dropped out|decroch\w*|n'ai pas (?:eu )?(?:mon|le) bac|rate (?:mon|le) bac|failed my)\b"
    ),
    "location": (
        r"\b(?:region|ville|campagne|paris|lyon|marseille|toulouse|bordeaux|lille|nantes|province|"
        r"demenag\w*|move to|moving to|abroad|a l'etranger|etranger|canada|quebec|belgique|suisse|"
        r"uk|england|france|london|australia|usa)\b"
    ),
    "money": (
        r"\b(?:argent|financ\w*|payer (?:ma|la|les) formation|budget|pret|loan|afford|student debt|"
        r"tuition|fees|frais|cpf|chomage|unemploy\w*|mortgage|credit|bills)\b"
    ),
    "doubt": (
        r"\b(?:peur|j'hesite|hesit\w*|doute\w*|pas sur|pas certaine?|trop tard|trop vieux|trop vieille|"
        r"suis-je fait|est-ce raisonnable|est-ce une bonne idee|afraid|scared|worried|unsure|not sure|"
        r"too late|too old|silly|stupid|crazy|mad to|worth it|regret|anxious|angoiss\w*|perdu\w*|lost)\b"
    ),
}

#: What a message asks, by its words (the intents' sections come from ``vocabulary``).
ASKS = {
    "suits_me": (
        r"\b(?:suis-je fait|fait pour moi|fait(?:e)? pour ce|trop tard|trop vieu\w*|too late|too old|silly|"
        r"am i (?:cut out|suited|right)|suit(?:s|ed)? me|should i|dois-je|est-ce (?:une bonne idee|raisonnable)|"
        r"worth it|ca vaut le coup|good idea|realiste|realistic)\b"
    ),
    "difficulty": r"\b(?:difficile|dur|penible|stress\w*|hard|tough|demanding|exhausting|epuisant)\b",
    "diploma_leads_to": (
        r"\b(?:que faire avec|quoi faire avec|what (?:can|could) i do with|jobs? (?:with|for) (?:a|an|my)|"
        r"debouches? (?:d'un|d'une|du|de la|apres)|ca mene a quoi|mene a quoi|what does (?:a|an) .{1,40} lead to|"
        r"apres (?:un|une|mon|ma) (?:master|licence|bts|but|dut|bac|cap|doctorat|these))\b"
    ),
}

#: A diploma in a field: "un master de psycho", "a degree in history" (not "just a CAP").
DIPLOMA_IN = (
    r"\b(?:master|licence|bachelor|bts|but|dut|degree|diplome|doctorat|phd|mba)s?'?s? "
    r"(?:de |d'|en |in |of )(?!niveau|level|poche|hand)"
)

#: A job referred to but not named: "ce métier", "this job", "votre métier".
UNNAMED_JOB = (
    r"\b(?:ce (?:metier|job|boulot|travail|poste)|cette (?:profession|formation|voie)|"
    r"(?:this|that) (?:job|career|profession|field|line of work)|votre (?:metier|travail|job)|"
    r"your (?:job|work|profession))\b|\b(?:gagnez-vous|gagnes-tu|vous gagnez|do you (?:earn|make|like))\b"
)

#: A learner who does not know what to do and says nothing of what they like.
UNDECIDED = (
    r"\b(?:no idea|don'?t know what|do not know what|not sure what|clueless|lost|"
    r"(?:je )?ne sais (?:toujours )?(?:pas|plus) (?:du tout |trop |vraiment )?(?:quoi|quel|dans quel|vers quoi|ce que)|"
    r"aucune idee|pas la moindre idee|perdu\w*|no clue|(?:don'?t|do not) know where to start|"
    r"what are my options|what options do i have|quelles sont mes options|quelles possibilites|"
    r"what (?:should|shall|do) i do with my life|que faire de ma vie|quel metier choisir|"
    r"which career (?:to|should)|quelle voie (?:choisir|prendre))\b"
)

#: What the cards do not hold: a law, a residence permit, a foreign diploma's recognition,
#: benefits, job offers. Each topic: its words, and how the answer names it.
UNCOVERED = {
    "visa": (
        r"\b(?:visas?|titre de sejour|work permit|permis de travail|residence permit|sponsor\w*|immigra\w*|"
        r"relocat\w*|expatri\w*|s'expatrier|move abroad|moving abroad|working holiday|"
        r"naturali\w*|nationalit\w*|citizenship|green card)\b",
        "les visas et titres de séjour",
        "a visa or work permit",
    ),
    "recognition": (
        r"\b(?:reconnaissance (?:de|du|d'un|des) (?:mon |mes )?diplomes?|equivalences?|diplomes? (?:etrangers?|obtenus? a l'etranger)|"
        r"recogni[sz]ed in france|(?:reconnue?s?|valables?) en france|brexit|(?:foreign|overseas|british|uk|us|american|english) (?:qualifications?|degrees?|diplomas?)|"
        r"(?:qualifications?|degrees?|diplomas?) (?:be |are |is )?(?:recogni[sz]ed|valid|accepted) (?:in|by))",
        "la reconnaissance d'un diplôme étranger",
        "the recognition of a foreign diploma",
    ),
    "rights": (
        r"\b(?:mes droits|quels sont mes droits|droit du travail|code du travail|ai-je le droit|a-t-on le droit|"
        r"legally|illegal|lawsuit|prud'?hom\w*|licenci\w*|rupture conventionnelle|my rights|unfair dismissal)\b",
        "le droit du travail",
        "employment law",
    ),
    "benefits": (
        r"\b(?:allocations? (?:chomage|familiales)|indemnit\w* (?:chomage|de licenciement)|droits au chomage|"
        r"toucher (?:le|du) chomage|rsa|unemployment (?:benefits?|pay|insurance)|jobseeker'?s allowance|universal credit)\b",
        "les allocations et indemnités",
        "benefits and allowances",
    ),
    "job_search": (
        r"\b(?:offres? d'emploi|job offers?|job openings?|vacanc(?:y|ies)|where (?:can i|to) apply|"
        # "Est-ce difficile de trouver un emploi de maçon ?" asks for the hiring figures, not for offers.
        r"ou postuler|(?<!facile de )(?<!difficile de )(?<!dur de )trouver un (?:emploi|job|poste|stage|employeur)|"
        r"(?<!easy to )(?<!hard to )(?<!difficult to )find (?:a|an) (?:job|employer|placement|internship)|"
        r"hiring now|cv review|relire mon cv|lettre de motivation|cover letter)\b",
        "les offres d'emploi et la recherche d'un poste",
        "job offers and the job search",
    ),
    "family": (
        r"\b(?:(?:convince|persuade|tell|talk to|break it to) my (?:parents|mother|mom|mum|father|dad|family|husband|wife|"
        r"partner|spouse|boyfriend|girlfriend|gran\w*|gram)|(?:how|what) (?:can|do|should) i (?:tell|say to) (?:my|them|him|her)|"
        r"tell (?:my|her|him|them) without|(?:convaincre|persuader|annoncer a|en parler a) (?:mes parents|ma mere|mon pere|"
        r"ma famille|mon conjoint|ma conjointe|mon mari|ma femme|mon copain|ma copine|mon compagnon|ma compagne|mes proches))",
        "la façon d'en parler à vos proches",
        "how to talk it over with your family",
    ),
    "admission": (
        r"\b(?:chances? (?:of|at) (?:getting|being) (?:in|accepted|admitted|selected)|get(?:ting)? accepted|"
        r"admission chances|with (?:that|my|a) (?:gpa|grades)|(?:mes|quelles) chances d'etre (?:pris|prise|accepte|acceptee|admis|admise|retenue?)|"
        r"chances? (?:d'etre|de me faire) (?:pris|prise|accepte|acceptee|admis|admise|retenue?)|(?:mon|avec mon) dossier parcoursup)",
        "les chances d'être admis dans une formation",
        "the chances of being admitted to a course",
    ),
}

#: A field named for the job of those who practise it ("go into nursing": a nurse), folded.
PRACTITIONERS = {
    "nursing": "nurse",
    "lpn": "licensed practical nurse",
    "rn": "registered nurse",
    "cna": "nursing assistant",
    "hca": "healthcare assistant",
    "midwifery": "midwife",
    "welding": "welder",
    "plumbing": "plumber",
    "teaching": "teacher",
    "accounting": "accountant",
    "accountancy": "accountant",
    "hairdressing": "hairdresser",
    "baking": "baker",
    "farming": "farmer",
    "carpentry": "carpenter",
    "pharmacy": "pharmacist",
    "dentistry": "dentist",
    "physiotherapy": "physiotherapist",
    "psychology": "psychologist",
    "medicine": "doctor",
    "med school": "doctor",
    "medical school": "doctor",
    "premed": "doctor",
    "pre-med": "doctor",
    "law school": "lawyer",
    "journalism": "journalist",
    "engineering": "engineer",
    "dietetics": "dietitian",
    "nutrition": "dietitian",
    "architecture": "architect",
    "culinary": "cook",
    "cooking": "cook",
    "social work": "social worker",
    "policing": "police officer",
    "firefighting": "firefighter",
    "photography": "photographer",
    "acting": "actor",
    "programming": "programmer",
    "coding": "programmer",
    "trucking": "truck driver",
    "truck-driving": "truck driver",
    "truck driving": "truck driver",
    "mecanique": "mecanicien",
    "medecine": "medecin",
    "paces": "medecin",
    "patisserie": "patissier",
    "boulangerie": "boulanger",
    "coiffure": "coiffeur",
    "esthetique": "estheticien",
    "menuiserie": "menuisier",
    "electricite": "electricien",
    "plomberie": "plombier",
    "kine": "kinesitherapeute",
    "secretariat": "secretaire",
    "osteopathie": "osteopathe",
    "journalisme": "journaliste",
    "enseignement": "professeur",
    "psychologie": "psychologue",
    "psycho": "psychologue",
    "comptabilite": "comptable",
    "informatique": "informaticien",
    "photographie": "photographe",
    "infographie": "infographiste",
    "pharmacie": "pharmacien",
    "soudure": "soudeur",
    "maconnerie": "macon",
    "graphisme": "graphiste",
    "dietetique": "dieteticien",
    "soins infirmiers": "infirmier",
    "ebenisterie": "ebeniste",
    "couture": "couturier",
    "charpente": "charpentier",
    "boucherie": "boucher",
    "horticulture": "horticulteur",
}
