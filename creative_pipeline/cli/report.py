"""Kept for imports written before services/ existed: the report is a service now."""

from creative_pipeline.services.report import company_report

__all__ = ["company_report"]
