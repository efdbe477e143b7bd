"""The layers, enforced: every module of `creative_pipeline` is parsed (no import is executed) and
its imports are held against the layering in docs/architecture (domain → pure helpers and
resources → assets and checks → triggers → definitions → services → CLI, studio and demo).

A failure names the module and the import, so the fix is to move the code, not the rule."""

from __future__ import annotations

import ast
import re
from collections import defaultdict
from pathlib import Path

import pytest

import creative_pipeline

ROOT = Path(creative_pipeline.__file__).parent
PKG = "creative_pipeline"

PURE = {"scoring", "performance", "media", "prompts", "compliance"}
# third-party modules that mean "database, storage, HTTP or Dagster": none of them in a pure layer
IO_MODULES = {"psycopg", "psycopg_pool", "httpx", "requests", "supabase", "dagster", "google", "storage3", "postgrest"}
ENTRY_POINTS = {"cli", "demo", "studio"}
TRIGGERS = {"sensors", "schedules"}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Absolute names of everything the module imports, including imports inside functions."""
    module = _module_name(path)
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                found.add(".".join([*base, node.module] if node.module else base))
            elif node.module:
                found.add(node.module)
    return found


def _top(module: str) -> str:
    """`creative_pipeline.scoring.formula` -> `scoring`; top-level modules keep their name."""
    return module.split(".")[1] if module.count(".") >= 1 else "<root>"


MODULES = {_module_name(p): _imports(p) for p in sorted(ROOT.rglob("*.py"))}


def _project_imports(package: str) -> list[tuple[str, str]]:
    return [(m, i) for m, imps in MODULES.items() if _top(m) == package
            for i in sorted(imps) if i.startswith(PKG + ".") and _top(i) != package]


def _violations(package: str, allowed: set[str] | None = None, forbidden: set[str] | None = None) -> list[str]:
    bad = []
    for module, imported in _project_imports(package):
        target = _top(imported)
        if (allowed is not None and target not in allowed) or (forbidden and target in forbidden):
            bad.append(f"{module} imports {imported}")
    return bad


def test_every_module_is_seen() -> None:
    assert len(MODULES) > 100
    assert {"domain", "assets", "resources", "services", "cli"} <= {_top(m) for m in MODULES}


def test_domain_imports_only_itself() -> None:
    assert _violations("domain", allowed=set()) == []


@pytest.mark.parametrize("package", sorted(PURE))
def test_pure_layers_take_data_and_return_data(package: str) -> None:
    """Parsers, scoring, rendering and rules: only the domain, and no database, storage, HTTP or Dagster."""
    assert _violations(package, allowed={"domain"}) == []
    io = [f"{m} imports {i}" for m, imps in MODULES.items() if _top(m) == package for i in sorted(imps)
          if i.split(".")[0] in IO_MODULES]
    assert io == []


def test_resources_never_import_what_runs_them() -> None:
    forbidden = {"assets", "checks", "sensors", "schedules", "definitions", "jobs", "services", *ENTRY_POINTS}
    assert _violations("resources", forbidden=forbidden) == []


def test_assets_never_import_services_or_triggers() -> None:
    forbidden = {"services", "sensors", "schedules", "definitions", *ENTRY_POINTS}
    assert _violations("assets", forbidden=forbidden) == []
    assert _violations("checks", forbidden=forbidden) == []


def test_entry_points_call_services_not_assets() -> None:
    """The CLI, the demo (and a future studio) go through services and Dagster, never asset internals."""
    for package in ENTRY_POINTS | {"services"}:
        assert _violations(package, forbidden={"assets", "checks"}) == [], package


REPOSITORIES = f"{PKG}.resources.supabase.repositories"
# what means "SQL or a database connection": a front door builds neither
SQL_MODULES = {"psycopg", "psycopg_pool", "sqlalchemy"}


@pytest.mark.parametrize("package", sorted(ENTRY_POINTS))
def test_front_doors_reach_data_only_through_services(package: str) -> None:
    """The CLI, the demo and the studio parse, call a service and print: none imports a repository
    (SQL lives there) or a database driver. Checked on a sample too, so the rule cannot pass vacuously."""
    bad = [f"{m} imports {i}" for m, imps in MODULES.items() if _top(m) == package for i in sorted(imps)
           if i == REPOSITORIES or i.startswith(REPOSITORIES + ".") or i.split(".")[0] in SQL_MODULES]
    assert bad == []
    assert any(_top(m) == "services" and any(i.startswith(REPOSITORIES) for i in imps) for m, imps in MODULES.items())


def test_front_doors_build_no_sql() -> None:
    """No SQL text in a front door either (a query written inline would bypass the repositories)."""
    sql = re.compile(r"\b(select|insert|update|delete)\b[^\n]{0,80}\b(from|into|set|where)\b", re.IGNORECASE)
    found = [str(p.relative_to(ROOT)) for p in sorted(ROOT.rglob("*.py"))
             if _top(_module_name(p)) in ENTRY_POINTS and sql.search(p.read_text(encoding="utf-8"))]
    assert found == []


def test_the_demo_does_not_lean_on_the_cli() -> None:
    assert _violations("demo", forbidden={"cli"}) == []


def test_no_package_cycles() -> None:
    graph: dict[str, set[str]] = defaultdict(set)
    for module, imps in MODULES.items():
        for i in imps:
            if i.startswith(PKG + ".") and _top(i) != _top(module):
                graph[_top(module)].add(_top(i))
    cycles = []

    def visit(node: str, path: list[str]) -> None:
        for nxt in sorted(graph.get(node, ())):
            if nxt == path[0]:
                cycles.append(" -> ".join([*path, nxt]))
            elif nxt not in path and nxt > path[0]:  # each cycle once, from its smallest member
                visit(nxt, [*path, nxt])

    for start in sorted(graph):
        visit(start, [start])
    assert cycles == []


def test_settings_is_the_one_configuration_source() -> None:
    """The environment is read in settings.py. The exceptions write or pass it on, not read config:
    runtime exports DAGSTER_HOME for Dagster, devserver passes the environment to `dagster dev`,
    build wraps a secret in EnvVar only when it came from the variable of that name (kept out of the UI)."""
    allowed = {"creative_pipeline.settings", "creative_pipeline.services.runtime", "creative_pipeline.cli.devserver",
               "creative_pipeline.resources.build"}
    readers = [_module_name(p) for p in sorted(ROOT.rglob("*.py"))
               if ("os.environ" in (text := p.read_text(encoding="utf-8")) or "os.getenv" in text or "getenv(" in text)
               and _module_name(p) not in allowed]
    assert readers == []

