"""The access level read from ROME's access sentences, on the shapes the v60 export uses."""

import pytest

from advisor.corpus.levels import access_level


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("Ce métier est accessible sans diplôme ni expérience professionnelle.", "none"),
        (
            "Cet emploi est accessible avec ou sans diplôme. Un CAP en hôtellerie-restauration peut être un atout.",
            "none",
        ),
        (
            "Cet emploi est accessible à tous les niveaux de qualification. Cependant le permis C est obligatoire.",
            "none",
        ),
        ("Il n'existe pas de diplôme obligatoire pour devenir danseur professionnel.", "none"),
        (
            "Ce métier est accessible avec un diplôme de niveau CAP.\nIl est également accessible avec une expérience professionnelle sans diplôme particulier.",
            "none",
        ),
        ("Cet emploi est accessible avec un CQP opérateur station service ou un CAP maintenance des véhicules.", "cap"),
        ("Cet emploi est accessible avec une qualification de niveau 3 (CAP) de l'hôtellerie/restauration.", "cap"),
        ("Cet emploi est accessible avec un Bac Professionnel en conduite et gestion d'entreprise agricole.", "bac"),
        ("Cet emploi est accessible avec un Baccalauréat général ou technologique.", "bac"),
        (
            "Ce métier est accessible avec un BP Boulanger ou un Brevet Professionnel de barista.",
            "bac",
        ),
        ("Cet emploi est accessible avec un diplôme de niveau Bac + 2 (BTS, DUT) en électrotechnique.", "bac+2"),
        (
            "Cet emploi est accessible avec un diplôme de niveau Bac +2 à Bac + 3 dans le domaine du commerce, un titre professionnel peut également être pertinent.",
            "bac+2",
        ),
        ("Cet emploi est accessible avec un diplôme de niveau Bac + 3 à Bac + 4 en arts appliqués.", "bac+3"),
        ("Cet emploi est accessible avec une Licence professionnelle en qualité, hygiène, sécurité.", "bac+3"),
        ("Cet emploi est accessible avec un Diplôme d'État de vétérinaire (Bac +6).", "bac+5"),
        ("Cet emploi est accessible avec un Master ou un Diplôme d'Ingénieur en informatique.", "bac+5"),
        ("Cet emploi est accessible avec un Doctorat en astrophysique (Bac + 8).", "bac+8"),
        ("Cet emploi est accessible avec un bac + 11 Diplôme d'État de docteur en médecine.", "bac+8"),
        ("Les niveaux d'études requis vont du CAP au Bac+3.", "cap"),  # no "accessible" sentence: the others count
    ],
)
def test_the_lowest_level_the_text_opens_the_job_at(text: str, level: str) -> None:
    assert access_level(text) == level


@pytest.mark.parametrize(
    "text",
    [
        "Ce métier ne peut s'exercer sans qualification. Les diplômes sont à recycler tous les 5 ans.",
        "Cet emploi est accessible avec un Certificat de qualification professionnelle.",
        "Cet emploi est accessible avec un Titre à finalité professionnelle.",
        "Cet emploi est accessible avec un Diplôme d'État d'infirmier, obligatoire pour exercer.",
        "Cet emploi est accessible avec une certification de cordiste.\nUn diplôme de niveau CAP peut faciliter l'accès à cet emploi.",
        "Cet emploi est accessible avec une formation supérieure en immobilier (Bac +5 recommandé).",
        "Un permis d'exploitation est obligatoire, ainsi que l'obtention de la licence IV.",
        "Formation recommandée de niveau Bac+5 en informatique, réseaux, télécommunications",
        "Cet emploi est accessible avec un permis B. Aucune certification n'est obligatoire pour exercer ce métier.",
    ],
)
def test_no_level_when_the_text_requires_none_it_names(text: str) -> None:
    assert access_level(text) is None
