"""Benchmark of `advisor index` on the shipped corpus (the figures of the README's Performance).

    python bench/index_bench.py [--backend onnx-int8|onnx|torch] [--limit N] [--out bench-results/index.json]

Measures, each `advisor index` run in its own process (wall time and peak RSS):
  full      first build into an empty index folder
  bare      `model.encode` of the very same texts the indexer encodes, in this process (the floor)
  nochange  a second run with nothing to do
  edit      a run after one card was edited
The corpus is copied to a temporary folder, with an empty models folder so that the full
build includes the one-off ONNX export, as on a fresh clone; the repository is never modified.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def run_index(corpus: Path, index: Path) -> dict:
    """One `advisor index --json` in a child process: its report, wall seconds, peak RSS."""
    started = time.monotonic()
    child = subprocess.Popen(
        [sys.executable, "-m", "advisor.apps.cli", "index", "--json", "--corpus", str(corpus), "--index", str(index)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    output = child.stdout.read()
    _, status, usage = os.wait4(child.pid, 0)
    if status != 0:
        raise SystemExit(f"advisor index failed with status {status}")
    return {
        "wall_s": round(time.monotonic() - started, 2),
        "peak_rss_mb": round(usage.ru_maxrss / 1024),
        "report": {k: v for k, v in json.loads(output).items() if k != "skipped"},
    }


def bare_encode_seconds(corpus: Path) -> tuple[float, int]:
    """Seconds to embed the same chunks with the model alone, as the indexer would."""
    from advisor.apps.environment import set_environment
    from advisor.compose import build_embeddings
    from advisor.corpus.documents import load, scan
    from advisor.index.chunks import CHUNKER_VERSION, chunk_document, embedding_text
    from advisor.settings import Settings

    set_environment()
    settings = Settings()
    files, _ = scan(corpus, f"chunker {CHUNKER_VERSION}", 10**9)
    texts = [embedding_text(c) for f in files for c in chunk_document(load(f), settings.chunk_max_chars)]
    embeddings = build_embeddings(settings)
    embeddings.embed_query("warm-up: loads the model")
    started = time.monotonic()
    embeddings.embed_documents(texts)
    return time.monotonic() - started, len(texts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, help="only the first N ROME cards (a quick check)")
    parser.add_argument("--backend", choices=["onnx-int8", "onnx", "torch"], help="ADVISOR_EMBEDDING_BACKEND")
    parser.add_argument("--out", type=Path, default=REPO / "bench-results" / "index.json")
    args = parser.parse_args()
    if args.backend:
        os.environ["ADVISOR_EMBEDDING_BACKEND"] = args.backend
    with tempfile.TemporaryDirectory() as tmp:
        corpus, index = Path(tmp) / "corpus", Path(tmp) / "index"
        os.environ["ADVISOR_MODELS_DIR"] = str(Path(tmp) / "models")
        shutil.copytree(REPO / "corpus", corpus)
        if args.limit:
            for card in sorted((corpus / "rome").glob("*.md"))[args.limit :]:
                card.unlink()
        results: dict = {"backend": os.environ.get("ADVISOR_EMBEDDING_BACKEND", "default")}
        results["full"] = run_index(corpus, index)
        results["nochange"] = run_index(corpus, index)
        card = sorted((corpus / "rome").glob("*.md"))[0]
        card.write_text(card.read_text(encoding="utf-8") + "\n## Note\nUne note ajoutée.\n", encoding="utf-8")
        results["edit"] = run_index(corpus, index)
        seconds, chunks = bare_encode_seconds(corpus)
        results["bare"] = {"encode_s": round(seconds, 2), "chunks": chunks}
    full = results["full"]["wall_s"]
    results["full_over_bare"] = round(full / seconds, 3)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2))
    print(json.dumps(results, indent=2))
    print(
        f"\nfull build {full:.0f}s = {results['full_over_bare']}x bare encode ({seconds:.0f}s, {chunks} chunks); "
        f"no-change {results['nochange']['wall_s']}s; one edited card {results['edit']['wall_s']}s; "
        f"peak RSS {results['full']['peak_rss_mb']} MB"
    )


if __name__ == "__main__":
    main()
