"""Policies that are Dagster resources (configured per deployment, shown in the UI): scoring and
media. The pure rules they apply stay in `scoring/` and `media/`."""
