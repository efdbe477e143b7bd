"""Bucket names that are not configuration: the exports bucket is created by a migration
(`performance-exports`), so its name is fixed with the schema, not read from the environment."""

EXPORTS_BUCKET = "performance-exports"
