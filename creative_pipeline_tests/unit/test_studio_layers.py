"""The studio is a front door: it reads and acts through services, never a repository or SQL, and
starts runs only through the services (the sensors react to the rows the services write)."""

from __future__ import annotations

from creative_pipeline_tests.unit.test_layers import MODULES, _top


def test_the_studio_imports_no_repository_and_no_database_driver() -> None:
    studio = {m: imps for m, imps in MODULES.items() if _top(m) == "studio"}
    assert len(studio) >= 6
    bad = [f"{m} imports {i}" for m, imps in studio.items() for i in sorted(imps)
           if i.startswith("creative_pipeline.resources.supabase.repositories") or i.split(".")[0] in {"psycopg", "dagster"}
           or i.startswith(("creative_pipeline.assets", "creative_pipeline.definitions", "creative_pipeline.jobs"))]
    assert bad == []
