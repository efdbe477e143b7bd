"""Model ids: what is current, what replaced a retired id (catalog), and `check-models` (preflight)."""
