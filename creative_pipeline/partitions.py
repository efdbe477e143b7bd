"""One dynamic partition per company; the key is the company's slug (stable, readable)."""

from dagster import DynamicPartitionsDefinition

company_partitions = DynamicPartitionsDefinition(name="company")
