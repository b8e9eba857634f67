"""The ONNX embedding backend against sentence-transformers, on the real bundled model."""

import json
import subprocess
import sys

import numpy as np
import pytest

from advisor.index.embeddings import SentenceTransformerEmbeddings, resolve_model_path
from advisor.index.onnx_embeddings import OnnxEmbeddings, export_dir

pytestmark = [pytest.mark.integration, pytest.mark.slow]
TEXTS = [
    "Boulanger / Boulangère\nFocus métier\nPétrit la pâte, façonne et cuit le pain.",
    "How do I become an Edge AI engineer?",
    "Accès au métier : CAP Boulanger, puis une mention complémentaire.",
    "x",
]


@pytest.fixture(scope="module")
def models(tmp_path_factory):
    return tmp_path_factory.mktemp("onnx-models")


def cosines(a, b):
    return (np.asarray(a) * np.asarray(b)).sum(axis=1)


def test_onnx_gives_torchs_vectors_and_int8_stays_close(models):
    path = resolve_model_path("all-MiniLM-L6-v2")
    torch_vectors = SentenceTransformerEmbeddings(path).embed_documents(TEXTS)
    onnx = OnnxEmbeddings(path, models, quantize=False).embed_documents(TEXTS)
    int8 = OnnxEmbeddings(path, models, quantize=True).embed_documents(TEXTS)
    assert cosines(onnx, torch_vectors).min() > 0.9999
    assert cosines(int8, torch_vectors).min() > 0.95
    # A batch pads its texts to the longest: a text alone gets the same vector.
    alone = OnnxEmbeddings(path, models, quantize=True).embed_query(TEXTS[3])
    assert cosines([alone], [int8[3]])[0] > 0.9999


def test_the_export_is_made_once_and_reused_without_torch(models):
    path = resolve_model_path("all-MiniLM-L6-v2")
    OnnxEmbeddings(path, models, quantize=True).embed_query("warm")
    exported = export_dir(path, models) / "model-int8.onnx"
    stamp = exported.stat().st_mtime_ns
    probe = (
        "import json, sys; from pathlib import Path\n"
        "from advisor.index.onnx_embeddings import OnnxEmbeddings\n"
        "from advisor.index.embeddings import resolve_model_path\n"
        f"v = OnnxEmbeddings(resolve_model_path('all-MiniLM-L6-v2'), Path({str(models)!r}), True).embed_query('pain')\n"
        "print(json.dumps({'torch': 'torch' in sys.modules, 'size': len(v)}))"
    )
    ran = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    assert ran.returncode == 0, ran.stderr
    assert json.loads(ran.stdout) == {"torch": False, "size": 384}
    assert exported.stat().st_mtime_ns == stamp
