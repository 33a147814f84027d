"""Agreements: what the text says was signed, planned or negotiated, with evidence."""
