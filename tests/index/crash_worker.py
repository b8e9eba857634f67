"""Run an index update that SIGKILLs itself just before its N-th write to the store.

    python crash_worker.py CORPUS INDEX KILL_AT [--rebuild]

KILL_AT 0 never kills, and prints how many writes the run made.
"""

import os
import signal
import sys
from pathlib import Path

from advisor.index.store import ChromaStore
from support import CountingEmbeddings, make_indexer

WRITES = ("save_manifest", "add", "set_generations", "delete", "drop")


def kill_before_write(kill_at: int) -> dict:
    counter = {"writes": 0}

    def wrap(method):
        def write(self, *args, **kwargs):
            counter["writes"] += 1
            if counter["writes"] == kill_at:
                os.kill(os.getpid(), signal.SIGKILL)
            return method(self, *args, **kwargs)

        return write

    for name in WRITES:
        setattr(ChromaStore, name, wrap(getattr(ChromaStore, name)))
    return counter


if __name__ == "__main__":
    corpus, index, kill_at = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
    counter = kill_before_write(kill_at)
    make_indexer(index, CountingEmbeddings(size=16), embed_window=2).run(corpus, "--rebuild" in sys.argv)
    print(counter["writes"])
