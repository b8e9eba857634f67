"""The index stage: documents -> section chunks -> embeddings -> a crash-safe Chroma index."""
