"""The search stage: a question (and its conversation) -> the chunks of the served index that answer it."""
