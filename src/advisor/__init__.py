"""advisor: an offline career advisor that answers from job cards, with sources.

The data flows down the package tree, one folder per stage; a folder imports only the
folders before it (``tests/test_layout.py`` holds the order and checks it):

corpus (job-card files -> documents) -> index (chunks, embeddings, Chroma) ->
search (question -> chunks) -> answer (chunks -> cited answer) -> evaluation -> compose
-> apps (CLI, web app). ``errors`` and ``settings`` sit under every stage; ``compose`` is
the composition root, the one module that builds components from the settings; the apps
wire and run them.
"""
