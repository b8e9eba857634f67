"""advisor: an offline career advisor that answers from job cards, with sources.

The data flows through one module per stage:
corpus/formats -> chunks -> embeddings + store (index) -> retrieval -> cli.
"""
