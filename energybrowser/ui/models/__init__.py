"""Qt item models: thin adapters over the core's plain values."""
