"""Test helpers: small corpora, fake embeddings, an indexer over a real Chroma in a folder."""

import hashlib
import re
import shutil
import socket
import subprocess
from pathlib import Path

import numpy as np
from langchain_core.embeddings import DeterministicFakeEmbedding

from advisor.index.indexer import Indexer
from advisor.index.store import ChromaStore, open_client
from advisor.text import fold

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "corpus" / "ingenieur-systemes-embarques-ia.txt"
FAKE_MODEL = "fake-16"

BOULANGER = """---
title: Boulanger / Boulangère
rome_code: D1102
aliases:
- Baker
- Mitron
---
# Boulanger / Boulangère

## Focus métier
Prépare et façonne des pâtes à pain et des viennoiseries.

## Se lancer dans ce métier
Cet emploi est accessible avec un CAP Boulanger.
"""

JUGE = """---
title: Magistrat / Magistrate
rome_code: K1903
---
# Magistrat / Magistrate

## Focus métier
Rend la justice et tranche les litiges.

## Se lancer dans ce métier
Concours de l'École nationale de la magistrature, après un Master en droit.
"""


class CountingEmbeddings(DeterministicFakeEmbedding):
    """Deterministic fake vectors that count the texts they embed, and can fail on a given call."""

    embedded: int = 0
    calls: int = 0
    fail_on_call: int = 0

    def embed_documents(self, texts):
        self.calls += 1
        if self.calls == self.fail_on_call:
            raise RuntimeError("power cut")
        self.embedded += len(texts)
        return super().embed_documents(texts)


def free_port() -> int:
    """A loopback port nobody listens on (for a server a test starts)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def prefix_works(prefix: list[str]) -> bool:
    """Whether a command prefix (``unshare …``) runs here: namespaces may be unavailable."""
    try:
        return subprocess.run([*prefix, "true"], capture_output=True).returncode == 0
    except FileNotFoundError:
        return False


def write_corpus(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "boulanger.md").write_text(BOULANGER, encoding="utf-8")
    (folder / "juge.md").write_text(JUGE, encoding="utf-8")
    shutil.copy(SEED, folder / SEED.name)
    shutil.copy(SEED.with_name(SEED.name + ".meta.yaml"), folder / (SEED.name + ".meta.yaml"))
    return folder


def make_indexer(index_dir: Path, embeddings, model_name: str = FAKE_MODEL, **options) -> Indexer:
    store = ChromaStore(open_client(index_dir, None, create=True))
    return Indexer(store, model_name, lambda: embeddings, index_dir / ".index.lock", **options)


def minimal_pdf(lines: list[str]) -> bytes:
    """A one-page PDF whose text is ``lines`` (ASCII), built by hand: no PDF writer needed."""
    shown = " ".join(f"({line}) '" for line in lines)
    content = f"BT /F1 12 Tf 72 720 Td 14 TL {shown} ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(content)} >>\nstream\n{content}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


class FakeEncoder:
    """Stands for the multilingual encoder: bag-of-words vectors, so texts sharing words
    are close, deterministic and instant."""

    name = "fake-encoder"
    size = 64

    def _vector(self, text: str) -> np.ndarray:
        vector = np.zeros(self.size, dtype=np.float32)
        for word in re.findall(r"\w{3,}", fold(text)):
            vector[int(hashlib.md5(word.encode()).hexdigest(), 16) % self.size] += 1.0
        return vector / (np.linalg.norm(vector) or 1.0)

    def passages(self, texts: list[str]) -> np.ndarray:
        return np.stack([self._vector(text) for text in texts])

    def query(self, text: str) -> np.ndarray:
        return self._vector(text)


ANIMAL_CARDS = {
    "toiletteur.md": """---
title: Toiletteur / Toiletteuse d'animaux
rome_code: A1503
subdomain: Soins aux animaux
interests: [17]
main_interests: [17]
access_level: cap
---
# Toiletteur / Toiletteuse d'animaux

## Focus métier
Lave, sèche et coiffe les chiens et les chats.

## Se lancer dans ce métier
Cet emploi est accessible avec un CAP.
""",
    "veterinaire.md": """---
title: Vétérinaire
rome_code: A1504
subdomain: Médecine animale
interests: [17]
access_level: bac+8
---
# Vétérinaire

## Focus métier
Soigne les animaux malades et opère les animaux blessés.

## Se lancer dans ce métier
Cet emploi est accessible avec le Diplôme d'État de docteur vétérinaire (Bac+8).
""",
}

#: The fields of an answer in `advisor ask --json` and the web app's `/ask` (docs/interfaces.md).
ASK_KEYS = {
    "question",
    "answer",
    "abstained",
    "sources",
    "llm",
    "notice",
    "timings",
    "candidates",
    "checks",
    "kind",
    "uncovered",
}
