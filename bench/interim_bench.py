"""How well the web app answers while its first index build runs (the figures of docs/performance.md).

    python bench/interim_bench.py [--split dev|heldout|all] [--out bench-results/interim.json]

Scores hit@1 / hit@5 / MRR@5 on the golden set for the retriever the first build serves:
  names     the corpus read into memory: BM25 and job linking by names, no vectors
            (the first ~75 s of a first start)
  profiles  the same with the multilingual profiles (until the index commits)
Nothing is written: the profiles are encoded in memory (about a minute).
"""

import argparse
import json
from concurrent.futures import Future
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", default="heldout", choices=["dev", "heldout", "all"])
    parser.add_argument("--out", type=Path, default=REPO / "bench-results" / "interim.json")
    args = parser.parse_args()

    import tempfile

    from advisor.apps.environment import set_environment
    from advisor.compose import build_indexer, build_retriever
    from advisor.evaluation import EXPLORE, evaluate, load_golden
    from advisor.index.embeddings import MultilingualEncoder
    from advisor.index.store import Hit
    from advisor.search.jobs import profile_vectors
    from advisor.search.served import ServedCorpus
    from advisor.settings import Settings

    set_environment()
    items = [
        i
        for i in load_golden(REPO / "eval" / "golden.yaml")
        if args.split in ("all", i.split) and i.category != EXPLORE
    ]
    results = {}
    with tempfile.TemporaryDirectory() as empty:
        settings = Settings(corpus_dir=REPO / "corpus", index_dir=Path(empty))
        chunks = [Hit(c.id, c.text, c.metadata, 0.0) for c in build_indexer(settings).chunks(settings.corpus_dir)]
        names = ServedCorpus.from_chunks(("interim", 0), chunks, None, None)
        retriever = build_retriever(settings)
        assert retriever.encoder is not None  # build_retriever always gives one
        profiles = profile_vectors(names.linker.jobs, MultilingualEncoder(), None)
        linked = names.linked_by(retriever.encoder, profiles)
        for label, corpus in (("names", names), ("profiles", linked)):
            future: Future[ServedCorpus] = Future()
            future.set_result(corpus)
            retriever.serve_interim(future)
            scores, _ = evaluate(
                lambda item: [h.metadata for h in retriever.retrieve(item.question, 5, item.history)], items
            )
            results[label] = {group: vars(score) for group, score in scores.items()}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"split": args.split, "results": results}, indent=2))
    for label, groups in results.items():
        line = "   ".join(
            f"{g} {s['hit_at_1']:.2f} / {s['hit_at_5']:.2f} / {s['mrr']:.2f} ({s['questions']})"
            for g, s in groups.items()
        )
        print(f"{label:<9} {line}")


if __name__ == "__main__":
    main()
