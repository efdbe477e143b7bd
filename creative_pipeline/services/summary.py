"""The short human summary printed after `run`, `show` and `demo` (one place, so they agree)."""

from __future__ import annotations

from creative_pipeline.services.report import company_report
from creative_pipeline.services.runtime import dagster_home, database, settings
from creative_pipeline.resources.supabase.database import Database
from creative_pipeline.settings import Settings


def print_summary(slug: str) -> None:
    s = settings()
    db = database(s)
    with db.transaction() as conn:
        report = company_report(conn, slug)
    company, scripts = report["company"], {x["id"]: x for x in report["scripts"]}
    ctx = company.get("context") or {}
    print(f"\n== {company['name']} ({company['partition_key']}) — {company['url']}")
    if ctx.get("scrape_error"):
        print(f"   site not scraped ({ctx['scrape_error']}); context built from the UVP alone")
    else:
        print(f"   site: {ctx.get('title', '')!r}, {len(ctx.get('keywords', []))} keywords, colours {ctx.get('brand_colors', [])}")
    kit, kept = report.get("brand_kit") or {}, report.get("brand_assets", [])
    print(f"   brand: {len(kept)} image(s) kept ({', '.join(a['kind'] for a in kept) or 'none: images from the brief alone'}); "
          f"kit colours {kit.get('colors', [])}, font {kit.get('font', '—')}, "
          f"tone {', '.join(t['word'] for t in kit.get('tone', [])) or '—'}")
    providers = sorted({p["provider"] for p in report["personas"]})
    print(f"\nPersonas ({len(report['personas'])}, provider={','.join(providers)}):")
    for p in report["personas"]:
        print(f"   {p['position']}. {p['name']} — {p['archetype']}")
    unavailable = sum(1 for x in scripts.values() if x["scores"]["trend_status"] == "unavailable")
    trend_note = (f"   trend: {unavailable} scripts without Google Trends data (neutral 50, flagged unavailable)"
                  if unavailable else "")
    print(f"\nScripts: {len(scripts)}   Winners ({len(report['winners'])}):{trend_note}")
    verdicts = [x["compliance"]["verdict"] for x in scripts.values()]
    print(f"   compliance: {verdicts.count('GREEN')} GREEN, {verdicts.count('YELLOW')} YELLOW, {verdicts.count('RED')} RED "
          f"(RED never wins; ⚠ = YELLOW winner, look twice)")
    print(f"   {'#':>2} {'final':>6} {'llm':>5} {'trend':>6} {'viral':>5}  creative name / headline")
    names = {b["script_id"]: b["creative_name"] for b in report["briefs"]}
    for rank, script_id in enumerate(report["winners"], start=1):
        sc = scripts[script_id]["scores"]
        print(f"   {rank:>2} {_num(sc['final'], 6, 1)} {_num(sc['llm'], 5, 0)} {_num(sc['trend'], 6, 1)} {_num(sc['viral'], 5, 0)}  "
              f"{names.get(script_id, '(no brief yet)')}\n{'':>27}"
              f"{'⚠ ' if scripts[script_id]['compliance']['verdict'] == 'YELLOW' else '  '}{scripts[script_id]['headline'][:70]}")
    print_media(db, s, report["company"]["id"], slug)
    cost = sum(u["cost_usd"] or 0 for u in report["usage"])
    calls = sum(u["calls"] for u in report["usage"])
    print(f"\nProvider calls recorded for this company (all runs): {calls}, estimated cost ${cost:.4f}")
    where = "DATABASE_URL" if s.database_url else f"embedded PostgreSQL in {s.data_dir / 'postgres'}"
    print(f"Data: {where}; storage: {s.supabase_url or s.data_dir / 'storage'}")
    print(f"Details: creative-pipeline show {slug} [--json]    UI: make dev (DAGSTER_HOME={dagster_home()})")


def _num(value: float | None, width: int, decimals: int) -> str:
    """A winner re-scored from the UI after `winners` ran can lack a score: show a dash, not a crash."""
    return f"{value:>{width}.{decimals}f}" if value is not None else f"{'—':>{width}}"


def print_media(db: Database, s: Settings, company_id: str, slug: str) -> None:
    """Media counts, bytes and where to look: the folder (local) or bucket, and the contact sheet."""
    from creative_pipeline.resources.supabase.media_objects import CONTACT_SHEET, link, object_path, where
    from creative_pipeline.resources.supabase.repositories.media import MediaCount, media_summary
    from creative_pipeline.resources.supabase.storage_factory import make_storage

    with db.transaction() as conn:
        media = media_summary(conn, company_id)
    if not media:
        return
    storage = make_storage(s.supabase_url, s.supabase_service_role_key, s.data_dir / "storage", s.storage_bucket)
    image, thumbnail, video, sheet = (media.get(k, MediaCount()) for k in ("image", "thumbnail", "video", "contact_sheet"))
    total = sum(m.bytes for m in media.values())
    print(f"\nImages: {image.ok} ok, {image.failed} failed; thumbnails {thumbnail.ok}; "
          f"Videos: {video.ok} ok, {video.failed} failed; {total / 1e6:.1f} MB stored")
    print(f"   media: {where(storage, slug)}")
    if sheet.ok:
        print(f"   contact sheet: {link(storage, object_path(slug, CONTACT_SHEET), s.signed_url_ttl_s)}")
    if s.video_approval_gate and not video.ok:
        print(f"   videos wait for approval: creative-pipeline review {slug} --approve 1 2 3")
