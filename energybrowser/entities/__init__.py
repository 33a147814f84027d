"""Entities: the gazetteer, pattern rules and the mentions they find in an article."""
