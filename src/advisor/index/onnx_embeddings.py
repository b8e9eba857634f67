"""The ONNX embedding adapter: a sentence-transformers model run by onnxruntime, without torch.

The ONNX file is exported once from the bundled weights (torch is needed for that step
only) into the models folder, optionally with its weights quantised to int8, and reused
by every later run. onnxruntime comes with chromadb, tokenizers with transformers.

Measured on 1,000 of the corpus's chunks on 2 cores (bench/index_bench.py has the full
build): torch 17.5 s in batches of 32, ONNX 9.4 s with the same vectors (cosine 1.000),
int8 per channel 4.5 s one text at a time (cosine to torch 0.992 on average, 0.983 at
worst; quantised per tensor: 0.929 and 0.842).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any

from langchain_core.embeddings import Embeddings

from advisor.errors import ConfigError
from advisor.index.embeddings import release_freed_memory

if TYPE_CHECKING:
    import numpy as np

#: Matches sentence-transformers' window for all-MiniLM-L6-v2 (sentence_bert_config.json).
DEFAULT_MAX_TOKENS = 256
#: Bumped when the export changes, so that older exports are made again.
EXPORT_VERSION = 1


def export_dir(model_path: Path, models_dir: Path) -> Path:
    """Where the ONNX export of a model folder lives: one folder per model and weights.

    >>> export_dir(Path("/x/all-MiniLM-L6-v2"), Path("models")).parent
    PosixPath('models/onnx')
    """
    weights = sorted(model_path.glob("*.safetensors")) + sorted(model_path.glob("*.bin"))
    stamp = "\0".join(
        [str(model_path.resolve()), str(EXPORT_VERSION), *(f"{w.name}:{w.stat().st_size}" for w in weights)]
    )
    return models_dir / "onnx" / f"{model_path.name}-{hashlib.sha256(stamp.encode()).hexdigest()[:12]}"


def export_onnx(model_path: Path, target: Path, quantize: bool) -> Path:
    """Export the transformer of a sentence-transformers folder to ONNX (and int8); returns
    the file. Written under a temporary name and renamed: a killed export leaves nothing."""
    onnx_file = target / "model.onnx"
    wanted = target / "model-int8.onnx" if quantize else onnx_file
    if wanted.is_file():
        return wanted
    target.mkdir(parents=True, exist_ok=True)
    partial = target / f"model.{os.getpid()}.tmp.onnx"
    # The tracer and the quantiser warn about shapes and pre-processing that do not
    # apply here; a user would read them as a failure.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        logging.disable(logging.WARNING)
        try:
            if not onnx_file.is_file():
                _export(model_path, partial)
                os.replace(partial, onnx_file)
            if quantize:
                from onnxruntime.quantization import QuantType, quantize_dynamic

                # Per channel: per tensor moved some vectors to a cosine of 0.84 from torch's.
                quantize_dynamic(onnx_file, partial, weight_type=QuantType.QInt8, per_channel=True)
                os.replace(partial, wanted)
        finally:
            logging.disable(logging.NOTSET)
    return wanted


def _export(model_path: Path, out: Path) -> None:
    try:
        import torch
        from transformers import AutoModel
    except ImportError:
        raise ConfigError(
            f"exporting {model_path.name} to ONNX needs torch once: `pip install torch==2.13.0`, "
            "or set ADVISOR_EMBEDDING_BACKEND=torch"
        ) from None

    # The eager attention keeps the padding mask as an input of the graph (the default
    # attention traced it away), and a wrapper names the inputs: BertModel.forward's
    # positional order changed across transformers releases.
    bert = AutoModel.from_pretrained(str(model_path), attn_implementation="eager").eval()

    class Encoder(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.bert = bert  # a submodule: its weights are exported as weights, not constants

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            return self.bert(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state

    ids = torch.ones(2, 8, dtype=torch.long)
    mask = ids.clone()
    mask[1, 5:] = 0
    axes = {0: "batch", 1: "tokens"}
    with torch.no_grad():
        torch.onnx.export(
            Encoder(),
            (ids, mask, torch.zeros_like(ids)),
            str(out),
            input_names=["input_ids", "attention_mask", "token_type_ids"],
            output_names=["last_hidden_state"],
            dynamic_axes=dict.fromkeys(("input_ids", "attention_mask", "token_type_ids", "last_hidden_state"), axes),
            opset_version=17,
            dynamo=False,
        )


def check_mean_pooling(model_path: Path) -> None:
    """This adapter pools by the mean of the tokens, as all-MiniLM-L6-v2 does."""
    config = model_path / "1_Pooling" / "config.json"
    pooling = json.loads(config.read_text(encoding="utf-8")) if config.is_file() else {}
    if not pooling.get("pooling_mode_mean_tokens"):
        raise ConfigError(
            f"the ONNX backend pools by the tokens' mean, and {model_path} pools otherwise: "
            "set ADVISOR_EMBEDDING_BACKEND=torch"
        )


class OnnxEmbeddings(Embeddings):
    """LangChain embeddings by onnxruntime over an exported model, loaded on first use."""

    def __init__(self, model_path: Path, models_dir: Path, quantize: bool) -> None:
        check_mean_pooling(model_path)
        self.model_path, self.models_dir, self.quantize = model_path, models_dir, quantize
        self._session: Any = None
        self._tokenizer: Any = None

    def _load(self) -> None:
        import onnxruntime
        from tokenizers import Tokenizer

        onnx_file = export_onnx(self.model_path, export_dir(self.model_path, self.models_dir), self.quantize)
        tokenizer = Tokenizer.from_file(str(self.model_path / "tokenizer.json"))
        # The file pads and truncates to 128 tokens; sentence-transformers reads 256.
        tokenizer.no_padding()
        tokenizer.enable_truncation(_max_tokens(self.model_path))
        options = onnxruntime.SessionOptions()
        options.log_severity_level = 3  # the quantised graph's warnings are about shapes it infers
        self._session = onnxruntime.InferenceSession(str(onnx_file), options, providers=["CPUExecutionProvider"])
        self._tokenizer = tokenizer

    def _encode(self, texts: list[str]) -> np.ndarray:
        """One text per run: int8 quantises activations by the range of the whole input,
        so in a batch a text's vector depended on its neighbours (cosine 0.97 to itself
        alone); alone, with no padding, it is also faster here (4.5 s for 1,000 chunks
        against 6.5 s in batches of 32)."""
        import numpy as np

        if self._session is None:
            self._load()
        vectors = []
        for encoded in self._tokenizer.encode_batch(texts):
            ids = np.asarray([encoded.ids], dtype=np.int64)
            hidden = self._session.run(
                None, {"input_ids": ids, "attention_mask": np.ones_like(ids), "token_type_ids": np.zeros_like(ids)}
            )[0][0]
            pooled = hidden.mean(axis=0)
            vectors.append(pooled / np.linalg.norm(pooled))
        return np.asarray(vectors, dtype=np.float32)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        vectors = self._encode(list(texts)).tolist()
        if len(texts) > 1:
            release_freed_memory()
        return vectors

    def embed_query(self, text: str) -> list[float]:
        return self._encode([text])[0].tolist()


def _max_tokens(model_path: Path) -> int:
    config = model_path / "sentence_bert_config.json"
    if config.is_file():
        return int(json.loads(config.read_text(encoding="utf-8")).get("max_seq_length", DEFAULT_MAX_TOKENS))
    return DEFAULT_MAX_TOKENS
