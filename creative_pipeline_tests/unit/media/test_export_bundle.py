"""Export formats without a database: CSV formula-injection escaping and the ZIP layout."""

import csv
import io
import json
import zipfile
from pathlib import Path

import pytest

from creative_pipeline.media.export_bundle import CSV_COLUMNS, csv_safe, scripts_csv, write_zip


@pytest.mark.parametrize("cell", ["=1+1", "+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1", '=HYPERLINK("http://x","y")'])
def test_formula_triggers_are_escaped(cell: str) -> None:
    assert csv_safe(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["Cafe taste", "", " =not first", "10 seconds", 12.5, -3, None, True])
def test_other_cells_pass_unchanged(cell: object) -> None:
    assert csv_safe(cell) == cell


def manifest() -> dict:
    script = {
        "id": "s1", "persona": "Maya", "batch": 1, "angle": "PAIN", "temperature": 0.7,
        "headline": "=cmd|' /C calc'!A0", "hook": "@hook", "body": "-body", "cta": "+cta", "keywords": ["=k", "brew"],
        "abcd": {"scene_setting": "HOME", "scene_subject": "SOLO", "action": "DEMO", "driver": "SAVINGS", "format": "UGC"},
        "provider": "offline", "model": "m", "is_winner": True, "winner_rank": 1,
        "scores": {"trend": 50.0, "trend_status": "ok", "llm": 70.0, "viral": 40.0, "performance_prior": None, "final": 60.5},
    }
    winner = {"script_id": "s1", "creative_name": "=NAME_W01", "review": "GREEN", "brief_version": 2,
              "media": {"images": [{"variant": 1, "status": "ok", "url": "https://x/1"},
                                   {"variant": 2, "status": "failed", "url": None}],
                        "video": {"status": "ok", "url": "https://x/v"}}}
    return {"personas": [{"name": "Maya", "archetype": "-busy parent"}], "scripts": [script], "winners": [winner],
            "contact_sheet": None}


def test_scripts_csv_has_every_score_part_links_and_escaped_text() -> None:
    rows = list(csv.DictReader(io.StringIO(scripts_csv(manifest()))))
    assert list(rows[0]) == CSV_COLUMNS and len(rows) == 1
    row = rows[0]
    assert row["headline"] == "'=cmd|' /C calc'!A0" and row["hook"] == "'@hook" and row["body"] == "'-body"
    assert row["cta"] == "'+cta" and row["keywords"] == "'=k; brew" and row["persona_archetype"] == "'-busy parent"
    assert row["creative_name"] == "'=NAME_W01"
    assert (row["trend"], row["llm"], row["viral"], row["final"]) == ("50.0", "70.0", "40.0", "60.5")
    assert row["image_v1_url"] == "https://x/1" and row["image_v2_url"] == "" and row["video_url"] == "https://x/v"


def test_zip_holds_manifest_csv_and_media(tmp_path: Path) -> None:
    target = tmp_path / "out.zip"
    count = write_zip(target, manifest(), [("media/acme/N/image_v1.png", b"\x89PNG")])
    assert count == 1 and not list(tmp_path.glob(".*partial"))
    with zipfile.ZipFile(target) as archive:
        assert sorted(archive.namelist()) == ["manifest.json", "media/acme/N/image_v1.png", "scripts.csv"]
        assert json.loads(archive.read("manifest.json"))["winners"][0]["creative_name"] == "=NAME_W01"
        assert archive.read("media/acme/N/image_v1.png") == b"\x89PNG"
