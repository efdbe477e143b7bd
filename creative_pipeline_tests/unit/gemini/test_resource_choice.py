"""Live and offline generation are two resource classes behind one interface, chosen when the
resources are built: no key and no Vertex AI → offline; a key → live (which refuses to run keyless)."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import pytest

import creative_pipeline
from creative_pipeline.assets.personas import personas
from creative_pipeline.resources.build import build_resources
from creative_pipeline.resources.gemini.base import GenerationResource
from creative_pipeline.resources.gemini.offline.generator import OfflineContentGenerator
from creative_pipeline.resources.gemini.offline_resource import OfflineGeminiResource
from creative_pipeline.resources.gemini.resource import GeminiResource
from creative_pipeline.resources.gemini.spend.ledger import UsageLedger
from creative_pipeline.settings import Settings


def test_no_key_builds_the_offline_resource(tmp_path) -> None:
    gemini = build_resources(Settings(CP_DATA_DIR=tmp_path, GEMINI_API_KEY=None))["gemini"]
    assert type(gemini) is OfflineGeminiResource and isinstance(gemini, GenerationResource)
    assert not isinstance(gemini, GeminiResource)  # siblings: offline inherits no live code path
    assert (gemini.live, gemini.provider) == (False, "offline")
    assert isinstance(gemini.generator(UsageLedger("t")), OfflineContentGenerator)


def test_a_key_builds_the_live_resource(tmp_path) -> None:
    gemini = build_resources(Settings(CP_DATA_DIR=tmp_path, GEMINI_API_KEY="test-key"))["gemini"]
    assert type(gemini) is GeminiResource and isinstance(gemini, GenerationResource)
    assert (gemini.live, gemini.provider) == (True, "gemini")


def test_the_live_resource_refuses_to_run_without_a_key() -> None:
    with pytest.raises(ValueError, match="OfflineGeminiResource"):
        GeminiResource().generator(UsageLedger("t"))


def test_the_interface_itself_cannot_be_bound() -> None:
    with pytest.raises(TypeError, match="abstract"):
        GenerationResource()  # type: ignore[abstract]


def test_assets_ask_for_the_interface_not_a_class() -> None:
    """Either class binds to the `gemini` key because the assets annotate the base type."""
    annotation = inspect.signature(personas.op.compute_fn.decorated_fn).parameters["gemini"].annotation
    assert annotation in (GenerationResource, "GenerationResource")


def _project_imports(module: str) -> set[str]:
    path = Path(creative_pipeline.__file__).parent.joinpath(*module.split(".")[1:]).with_suffix(".py")
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
    return found


def test_the_offline_resource_cannot_reach_the_network() -> None:
    """Everything the offline resource imports, transitively within the project: no google-genai,
    no HTTP client, none of the live client modules."""
    seen: set[str] = set()
    todo = ["creative_pipeline.resources.gemini.offline_resource"]
    while todo:
        module = todo.pop()
        if module in seen:
            continue
        seen.add(module)
        for imported in _project_imports(module):
            if imported.startswith("creative_pipeline."):
                package = Path(creative_pipeline.__file__).parent.joinpath(*imported.split(".")[1:])
                todo.append(imported if package.with_suffix(".py").exists() else imported + ".__init__")
            else:
                seen.add(imported)
    live = {"creative_pipeline.resources.gemini." + m for m in
            ("resource", "sdk.text_client", "sdk.genai_client", "sdk.live_generator", "sdk.media_client",
             "video.backends", "video.render", "models.preflight")}
    network = {m for m in seen if m.split(".")[0] in {"google", "httpx", "requests", "urllib3", "aiohttp", "psycopg"}}
    assert (seen & live, network) == (set(), set())


@pytest.mark.parametrize(("key", "cls"), [(None, OfflineGeminiResource), ("test-key", GeminiResource)])
def test_the_definitions_load_with_either_class(tmp_path, key: str | None, cls: type) -> None:
    """Dagster binds by key: the same assets and jobs load whichever class `build_resources` chose."""
    from dagster import Definitions

    from creative_pipeline.definitions import ASSETS, CHECKS, defs

    resources = build_resources(Settings(CP_DATA_DIR=tmp_path, GEMINI_API_KEY=key))
    assert type(resources["gemini"]) is cls
    # the definitions' own asset and check lists: every job (the revisions job too) resolves against them
    chosen = Definitions(assets=ASSETS, asset_checks=CHECKS, jobs=list(defs.jobs or []), resources=resources)
    Definitions.validate_loadable(chosen)
    assert {j.name for j in chosen.resolve_all_job_defs()} >= {"company_pipeline", "company_videos"}
