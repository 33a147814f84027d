"""Search benchmark: Whoosh (our index) next to SQLite FTS5 on the same sampled corpora."""
