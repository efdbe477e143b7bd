"""The export formats: one manifest (JSON), one flat CSV of scripts, and a ZIP with the media.

The CSV goes to spreadsheets, so every text cell that a spreadsheet would read as a formula
(`=`, `+`, `-`, `@`, or a leading tab / carriage return — OWASP's list) is prefixed with a
single quote. Generated copy and scraped text are untrusted input; "=HYPERLINK(...)" in a
headline must stay text.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
CSV_COLUMNS = [
    "script_id", "persona", "persona_archetype", "batch", "angle", "placement", "duration_s", "cta_button", "temperature", "headline", "hook", "body", "cta",
    "keywords", "scene_setting", "scene_subject", "action", "driver", "format", "provider", "model",
    "trend", "trend_status", "llm", "viral", "performance_prior", "final", "is_winner", "winner_rank",
    "compliance_verdict", "compliance_reasons", "creative_name", "review", "brief_version", "image_v1_url", "image_v2_url", "image_v3_url", "video_url",
]


def csv_safe(value: Any) -> Any:
    """A cell value that no spreadsheet evaluates: text starting with a formula trigger gets a
    leading `'`; numbers, booleans and empty cells pass through unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _winner_by_script(manifest: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {w["script_id"]: w for w in manifest["winners"]}


def _image_url(winner: dict[str, Any] | None, variant: int) -> str:
    for image in (winner or {}).get("media", {}).get("images", []):
        if image["variant"] == variant and image["status"] == "ok":
            return image.get("url") or ""
    return ""


def scripts_csv(manifest: dict[str, Any]) -> str:
    """One row per script (winners first, by rank), with every score part and the media links."""
    archetypes = {p["name"]: p.get("archetype", "") for p in manifest["personas"]}
    winners = _winner_by_script(manifest)
    scripts = sorted(manifest["scripts"], key=lambda s: (s["winner_rank"] or 10**6, s["persona"], s["batch"]))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for s in scripts:
        w = winners.get(s["id"])
        video = (w or {}).get("media", {}).get("video") or {}
        row = {
            "script_id": s["id"], "persona": s["persona"], "persona_archetype": archetypes.get(s["persona"], ""),
            "batch": s["batch"], "angle": s.get("angle"), "placement": s.get("placement"),
            "duration_s": s.get("duration_s"), "cta_button": s.get("cta_button"), "temperature": s["temperature"], "headline": s["headline"],
            "hook": s["hook"], "body": s["body"], "cta": s["cta"], "keywords": "; ".join(s["keywords"]),
            **s["abcd"], "provider": s["provider"], "model": s["model"],
            **{k: s["scores"].get(k) for k in ("trend", "trend_status", "llm", "viral", "performance_prior", "final")},
            "is_winner": s["is_winner"], "winner_rank": s["winner_rank"],
            "compliance_verdict": (s.get("compliance") or {}).get("verdict") or "",
            "compliance_reasons": "; ".join(f"{r['rule_id']}: {r['matched']}"
                                            for r in (s.get("compliance") or {}).get("reasons", [])),
            "creative_name": (w or {}).get("creative_name", ""), "review": (w or {}).get("review") or "",
            "brief_version": (w or {}).get("brief_version", ""),
            "image_v1_url": _image_url(w, 1), "image_v2_url": _image_url(w, 2), "image_v3_url": _image_url(w, 3),
            "video_url": video.get("url", "") if video.get("status") == "ok" else "",
        }
        writer.writerow({k: csv_safe(v) for k, v in row.items()})
    return out.getvalue()


def manifest_json(manifest: dict[str, Any]) -> str:
    return json.dumps(manifest, indent=2, ensure_ascii=False, default=str)


def write_zip(target: Path, manifest: dict[str, Any], files: Iterable[tuple[str, bytes]]) -> int:
    """manifest.json + scripts.csv + the media files (already-compressed media are stored, not
    deflated again). Written to a temp name and renamed, so a failed export leaves no half file."""
    tmp = target.with_name(f".{target.name}.partial")
    count = 0
    try:
        with zipfile.ZipFile(tmp, "w") as archive:
            archive.writestr("manifest.json", manifest_json(manifest), compress_type=zipfile.ZIP_DEFLATED)
            archive.writestr("scripts.csv", scripts_csv(manifest), compress_type=zipfile.ZIP_DEFLATED)
            for name, data in files:
                archive.writestr(name, data, compress_type=zipfile.ZIP_STORED)
                count += 1
        tmp.replace(target)
    finally:
        tmp.unlink(missing_ok=True)
    return count
