"""The offline provider: deterministic content built from the company context (never AI output) and its copy banks."""
