"""Video rendering: the two backends (Omni through Interactions, Veo) and the durable render store."""
