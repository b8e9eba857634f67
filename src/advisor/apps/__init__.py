"""The apps: the ``advisor`` command line, the Gradio web app and its card views."""
