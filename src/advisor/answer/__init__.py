"""The answer stage: retrieved chunks -> a cited answer or an honest decline (the chain, its writers)."""
