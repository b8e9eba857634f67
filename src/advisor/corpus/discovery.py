"""ROME's ways into its jobs for someone who has none in mind: 30 interests and 17 themes.

An interest is what a learner likes ("J'aime m'occuper des animaux"), a theme a
family of jobs ("Métiers de la recherche"); each lists its cards, and an interest
also the cards it is the main interest of. The ROME importer writes them to
``discovery.yaml`` beside the cards (:func:`dump_discovery`); the product lists them
with :func:`load_discovery`. ROME names them in French only: the English labels are
written here by hand, one per code of the export.
"""

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from advisor.corpus.formats import load_yaml
from advisor.errors import CorpusError

__all__ = [
    "FILE_NAME",
    "INTEREST_LABELS_EN",
    "THEME_LABELS_EN",
    "Discovery",
    "Interest",
    "Theme",
    "dump_discovery",
    "load_discovery",
]

FILE_NAME = "discovery.yaml"
REGENERATE = (
    "regenerate it with `advisor import-rome ../shared/data/rome-4.0-v60 --out corpus/rome "
    "--esco ../shared/data/esco-1.0.8 --esco-mapping ../shared/data/rome-esco-mapping`"
)

#: The interests' labels as an English-speaking careers site would put them.
INTEREST_LABELS_EN: dict[int, str] = {
    1: "I want to create, build and renovate",
    2: "I'm a born leader",
    3: "I have a head for business",
    4: "I'm a people person",
    5: "I care about public service",
    6: "I have an eye for detail",
    7: "I'm good at drawing",
    8: "I like communicating and persuading",
    9: "I like being close to nature",
    10: "I like discovering new things",
    11: "I like enforcing the law and the rules",
    12: "I like playing with words",
    13: "I like physical activity",
    14: "I like working with my hands",
    15: "I like working with numbers",
    16: "I like getting around and travelling",
    17: "I like taking care of animals",
    18: "I like organising and planning",
    19: "I like driving and piloting",
    20: "I want to help protect the environment",
    21: "I want to work with children",
    22: "I want to take care of others",
    23: "I want to protect and rescue people",
    24: "I want to pass on what I know",
    25: "I'm a thrill-seeker",
    26: "I'm drawn to what goes on behind the scenes",
    27: "I'm passionate about cooking",
    28: "I'm passionate about other cultures",
    29: "I'm passionate about new technologies",
    30: "I'm an artist",
}
#: The themes' labels; "tertiaire" (office and service jobs) reads "office roles".
THEME_LABELS_EN: dict[str, str] = {
    "001": "Jobs in the environment and sustainable development",
    "002": "Jobs in defence and public security (except logistics, health, office and catering roles)",
    "003": "Jobs in heritage and art restoration",
    "004": "Jobs in competitive intelligence",
    "005": "Jobs in research",
    "006": "Jobs at sea, in boating and in shipbuilding",
    "007": "Jobs in aeronautics",
    "008": "Jobs in public and private security",
    "009": "Jobs in multimedia",
    "010": "Jobs in humanitarian work (except health and office roles)",
    "011": "Jobs in the nuclear industry",
    "012": "Jobs with children",
    "013": "Seasonal, holiday and summer jobs",
    "014": "Jobs in home care and personal services",
    "015": "Jobs in and around sport",
    "016": "Jobs in engineering",
    "017": "Jobs open without a diploma or experience",
}


@dataclass(frozen=True)
class Interest:
    code: int
    label_fr: str
    label_en: str
    definition_fr: str
    cards: tuple[str, ...]  # ROME codes, sorted
    main_cards: tuple[str, ...]  # the cards whose main interest this is


@dataclass(frozen=True)
class Theme:
    code: str  # as ROME writes it: "001"
    label_fr: str
    label_en: str
    definition_fr: str
    cards: tuple[str, ...]


@dataclass(frozen=True)
class Discovery:
    source: str
    licence: str
    data_version: str
    interests: tuple[Interest, ...]
    themes: tuple[Theme, ...]


class _Dumper(yaml.SafeDumper):
    """Multi-line definitions as literal blocks, as they read in the export."""


def _represent_str(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style="|" if "\n" in text else None)


_Dumper.add_representer(str, _represent_str)


def dump_discovery(discovery: Discovery) -> str:
    """The YAML text of ``discovery.yaml``: attribution first, card lists one flow list each.

    >>> theme = Theme("005", "Métiers de la recherche", "Jobs in research", "Chercher.\\n\\nTrouver.", ("K2402",))
    >>> print(dump_discovery(Discovery("Source : France Travail", "Licence Ouverte", "v60", (), (theme,))), end="")
    source: 'Source : France Travail'
    licence: Licence Ouverte
    data_version: v60
    interests: []
    themes:
    - code: '005'
      label_fr: Métiers de la recherche
      label_en: Jobs in research
      definition_fr: |-
        Chercher.
    <BLANKLINE>
        Trouver.
      cards: [K2402]
    """
    data = {
        "source": discovery.source,
        "licence": discovery.licence,
        "data_version": discovery.data_version,
        "interests": [
            {**vars(i), "cards": list(i.cards), "main_cards": list(i.main_cards)} for i in discovery.interests
        ],
        "themes": [{**vars(t), "cards": list(t.cards)} for t in discovery.themes],
    }
    # default_flow_style=None: lists of scalars (the cards) in flow style, the rest as blocks.
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, default_flow_style=None, width=100)


_KINDS: dict[type, str] = {int: "a whole number", str: "text", list: "a list"}


def _value(entry: Any, key: str, kind: type, where: str) -> Any:
    if not isinstance(entry, dict) or key not in entry:
        raise ValueError(f"{where} has no '{key}'")
    # bool is an int to Python, and never a code here.
    if not isinstance(entry[key], kind) or isinstance(entry[key], bool):
        raise ValueError(f"'{key}' of {where} is not {_KINDS[kind]}")
    return entry[key]


def _codes(entry: Any, key: str, where: str) -> tuple[str, ...]:
    codes = _value(entry, key, list, where)
    if not all(isinstance(code, str) for code in codes):
        raise ValueError(f"'{key}' of {where} is not a list of ROME codes")
    return tuple(codes)


def _texts(entry: Any, where: str) -> dict[str, str]:
    return {key: _value(entry, key, str, where) for key in ("label_fr", "label_en", "definition_fr")}


def _parse(data: Any) -> Discovery:
    interests = tuple(
        Interest(
            code=_value(entry, "code", int, f"interest {n}"),
            **_texts(entry, f"interest {n}"),
            cards=_codes(entry, "cards", f"interest {n}"),
            main_cards=_codes(entry, "main_cards", f"interest {n}"),
        )
        for n, entry in enumerate(_value(data, "interests", list, "the file"), 1)
    )
    themes = tuple(
        Theme(
            code=_value(entry, "code", str, f"theme {n}"),
            **_texts(entry, f"theme {n}"),
            cards=_codes(entry, "cards", f"theme {n}"),
        )
        for n, entry in enumerate(_value(data, "themes", list, "the file"), 1)
    )
    source, licence, version = (_value(data, key, str, "the file") for key in ("source", "licence", "data_version"))
    return Discovery(source, licence, version, interests, themes)


def load_discovery(path: Path) -> Discovery:
    """The interests and themes of a ``discovery.yaml``; CorpusError, saying how to fix it, if unusable."""
    path = Path(path)
    try:
        data = load_yaml(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CorpusError(f"{path} is missing: {REGENERATE}") from None
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise CorpusError(f"{path} cannot be read ({type(error).__name__}): {REGENERATE}") from None
    try:
        return _parse(data)
    except ValueError as error:
        raise CorpusError(f"{path} is not a discovery file ({error}): {REGENERATE}") from None
