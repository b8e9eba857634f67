"""The corpus stage: job-card files (the ROME importer, Markdown/text/HTML/PDF) -> documents."""
