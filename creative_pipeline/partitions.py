"""Partitions: one dynamic partition per company (key = the company's slug: stable, readable),
one dynamic partition per performance import (key = the `performance_imports` row id), and one
daily partition per insights period end (UTC)."""

from dagster import DailyPartitionsDefinition, DynamicPartitionsDefinition

company_partitions = DynamicPartitionsDefinition(name="company")
performance_import_partitions = DynamicPartitionsDefinition(name="performance_import")
# The last partition is yesterday (UTC): a day's exports are complete by 02:00 the next day.
insights_day_partitions = DailyPartitionsDefinition(start_date="2025-01-01", timezone="UTC")
