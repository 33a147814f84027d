"""Curation: what the analyst says about the ledger, the entities and the metadata.

Plain values (`records`), their anchoring to article text (`anchor`), pure functions that apply them
to what the analysers extracted (`apply`, `entities`, `metadata`), and their storage in SQLite
(`store`). User data: never a cache, never dropped by a rebuild.
"""
