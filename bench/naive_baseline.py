"""The naive baseline of the retrieval table: what a LangChain tutorial would build.

    python bench/naive_baseline.py [--corpus corpus] [--split heldout]

Whole card files cut into 1,000-character windows overlapping by 200 (no sections, no
titles repeated), embedded with the same all-MiniLM-L6-v2, searched by Chroma similarity
alone; scored by the same golden set and metrics as `advisor eval`. Builds its own
throw-away Chroma in a temporary folder (about as long as a full `advisor index`).
"""

import argparse
import json
import tempfile
import time
from pathlib import Path

from advisor.apps.environment import set_environment
from advisor.compose import build_embeddings
from advisor.corpus.documents import load, scan
from advisor.evaluation import evaluate, load_golden
from advisor.settings import Settings

REPO = Path(__file__).resolve().parents[1]
WINDOW, OVERLAP = 1000, 200


def windows(text: str) -> list[str]:
    return [text[start : start + WINDOW] for start in range(0, max(len(text) - OVERLAP, 1), WINDOW - OVERLAP)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=REPO / "corpus")
    parser.add_argument("--split", choices=["dev", "heldout", "all"], default="all")
    args = parser.parse_args()
    set_environment()
    import chromadb

    settings = Settings(corpus_dir=args.corpus)
    texts, metadatas = [], []
    files, _ = scan(args.corpus, "naive", int(settings.max_file_mb * 1_000_000))
    for found in files:
        document = load(found)
        raw = "\n\n".join(f"{section.heading}\n{section.text}" for section in document.sections)
        for piece in windows(raw):
            texts.append(piece)
            metadatas.append({"path": document.relpath, "rome_code": document.rome_code, "section": ""})
    embeddings = build_embeddings(settings)
    started = time.monotonic()
    vectors = embeddings.embed_documents(texts)
    embed_s = time.monotonic() - started
    with tempfile.TemporaryDirectory() as folder:
        collection = chromadb.PersistentClient(folder).create_collection("naive", metadata={"hnsw:space": "cosine"})
        for start in range(0, len(texts), 5000):
            end = start + 5000
            collection.add(
                ids=[str(i) for i in range(start, min(end, len(texts)))],
                documents=texts[start:end],
                metadatas=metadatas[start:end],
                embeddings=vectors[start:end],
            )
        items = [i for i in load_golden(REPO / "eval" / "golden.yaml") if args.split in ("all", i.split)]

        def retrieve(item):
            query = " ".join([*item.history, item.question])  # the tutorial's "chat history" trick
            found = collection.query(query_embeddings=[embeddings.embed_query(query)], n_results=5)
            return found["metadatas"][0]

        scores, _ = evaluate(retrieve, items)
    print(
        json.dumps(
            {
                "chunks": len(texts),
                "embed_s": round(embed_s),
                "split": args.split,
                "scores": {group: vars(score) for group, score in scores.items()},
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
