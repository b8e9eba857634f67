"""The few errors advisor raises on purpose.

Every message says what went wrong and how to fix it: the CLI and the web app
show ``str(error)`` to the user as it is, never a traceback.
"""


class AdvisorError(Exception):
    """Base class: an expected failure with a message meant for the user."""


class ConfigError(AdvisorError):
    """A setting or a command-line option has a value that cannot work."""


class CorpusError(AdvisorError):
    """The corpus (or a data export to import into it) cannot be read."""


class IndexMissingError(AdvisorError):
    """No index has been built yet where the settings point."""


class IndexMismatchError(AdvisorError):
    """The index was built with another embedding model than the one configured."""


class IndexBusyError(AdvisorError):
    """Another ``advisor index`` run holds the index lock."""


class StoreUnavailableError(AdvisorError):
    """The vector store (a Chroma server or folder) cannot be reached or opened."""


class ModelMissingError(AdvisorError):
    """The local answering model is not installed (or its file is damaged)."""


class LLMUnavailableError(AdvisorError):
    """The configured answering model cannot be loaded or reached."""
