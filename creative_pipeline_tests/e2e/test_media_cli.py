"""`run`, `review` and `export` as a person runs them: real subprocesses, a real database."""

import csv
import io
import json
import zipfile
from pathlib import Path

from creative_pipeline.resources.supabase.database import Database

from .test_cli import cli  # noqa: F401 - the same subprocess fixture


def test_run_review_render_and_export(cli, clean_db: Database, sample_site: str, tmp_path: Path) -> None:  # noqa: F811
    slug = cli("add-company", "--url", sample_site, "--uvp", "Cold brew at home in 10 seconds", "--name", "Brew Co").stdout.strip()
    ran = cli("run", slug)
    assert ran.returncode == 0, ran.stderr
    assert "[8/9] ad_images" in ran.stderr and "[9/9] ad_videos" in ran.stderr
    assert "Images: 30 ok" in ran.stdout and "Videos: 0" in ran.stdout

    listed = json.loads(cli("review", slug, "--json").stdout)
    assert len(listed) == 10 and all(len(r["images"]) == 3 and r["review"] is None for r in listed)
    assert all(i["url"].startswith("file://") for r in listed for i in r["images"])

    bad = cli("review", slug, "--approve", "11")
    assert bad.returncode == 2 and "no winner with rank 11" in bad.stderr
    empty = cli("review", slug, "--feedback", "2", " ")
    assert empty.returncode == 2 and "feedback for rank 2 is empty" in empty.stderr

    reviewed = cli("review", slug, "--approve", "1", "2", "--feedback", "3", "=1+1 warmer", "--render")
    assert reviewed.returncode == 0, reviewed.stderr
    assert "#1" in reviewed.stdout and "approved" in reviewed.stdout and "brief revised (now v2)" in reviewed.stdout
    assert "ad_images: ok" in reviewed.stderr and "ad_videos: ok" in reviewed.stderr

    default = cli("export", slug, "--format", "json")  # the publish gate: only approved creatives ship
    exported = json.loads(default.stdout)
    assert [w["rank"] for w in exported["winners"]] == [1, 2] and {w["review"] for w in exported["winners"]} == {"GREEN"}
    assert exported["publish_gate"]["shipped"] == 2 and len(exported["publish_gate"]["held_back"]) == 8
    assert "2 creatives ship" in default.stderr and "--all" in default.stderr
    assert all(w["media"]["video"]["status"] == "ok" for w in exported["winners"])
    assert len(exported["personas"]) == 5 and len(exported["scripts"]) == 100

    everything = json.loads(cli("export", slug, "--format", "json", "--all").stdout)
    assert [w["rank"] for w in everything["winners"]] == list(range(1, 11))
    assert [w["review"] for w in everything["winners"][:4]] == ["GREEN", "GREEN", "YELLOW", None]
    assert everything["winners"][2]["brief_version"] == 2
    assert all(w["compliance"]["verdict"] in ("GREEN", "YELLOW") for w in everything["winners"])
    videos = [w for w in everything["winners"] if w["media"]["video"] and w["media"]["video"]["status"] == "ok"]
    assert [w["rank"] for w in videos] == [1, 2]

    rows = list(csv.DictReader(io.StringIO(cli("export", slug, "--format", "csv").stdout)))
    assert len(rows) == 100 and [r["winner_rank"] for r in rows[:3]] == ["1", "2", "3"]
    assert rows[0]["image_v1_url"].startswith("file://") and rows[0]["video_url"].endswith("video.mp4")
    assert rows[0]["compliance_verdict"] in ("GREEN", "YELLOW") and rows[2]["image_v1_url"] == ""  # #3 not approved

    target = tmp_path / "bundle.zip"
    zipped = cli("export", slug, "--format", "zip", "--all", "--output", str(target))
    assert zipped.returncode == 0, zipped.stderr
    with zipfile.ZipFile(target) as archive:
        names = archive.namelist()
        manifest = json.loads(archive.read("manifest.json"))
    assert "scripts.csv" in names and f"media/{slug}/contact_sheet.png" in names
    assert sum(n.endswith(".png") for n in names) == 31 and sum(n.endswith("video.mp4") for n in names) == 2
    assert manifest["winners"][0]["media"]["images"][0]["file"] in names

    gated = tmp_path / "approved.zip"
    assert cli("export", slug, "--format", "zip", "--output", str(gated)).returncode == 0
    with zipfile.ZipFile(gated) as archive:
        names = archive.namelist()
    assert sum(n.endswith(".png") for n in names) == 6 and not any("contact_sheet" in n for n in names)

    overridden = cli("review", slug, "--override", "4", "legal checked the claim", "--reviewer", "cli:legal")
    assert overridden.returncode == 0, overridden.stderr
    assert "#4" in overridden.stdout and "-> GREEN (override recorded: legal checked the claim)" in overridden.stdout
    no_reason = cli("review", slug, "--override", "4", " ")
    assert no_reason.returncode == 2 and "needs a reason" in no_reason.stderr
    shown = json.loads(cli("show", slug, "--json").stdout)
    fourth = next(s for s in shown["scripts"] if s["winner_rank"] == 4)
    assert fourth["compliance"]["override"]["by"] == "cli:legal"
