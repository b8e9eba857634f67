"""The advisor web app: `python app.py [--port N] [--host H]` (see `advisor serve --help`)."""

import sys

from advisor.apps.cli import main

if __name__ == "__main__":
    sys.exit(main(["serve", *sys.argv[1:]]))
