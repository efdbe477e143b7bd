"""`brand-images add|remove|list` and `brand-kit`: a company's own images and brand kit."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from creative_pipeline.cli.runtime import database, fail
from creative_pipeline.services.brand_assets import BrandInputRefused, add_images, edit_kit, remove_image
from creative_pipeline.services.companies import UnknownCompany, brand_images
from creative_pipeline.services.companies import brand_kit as stored_kit
from creative_pipeline.services.runtime import storage


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("brand-images", help="add, remove or list a company's brand images (product photos, logo)")
    bsub = p.add_subparsers(dest="brand_command", required=True)
    a = bsub.add_parser("add", help="add checked images (JPEG/PNG/WebP, at most 10 MB each); one bad file adds none")
    a.add_argument("company", help="partition key (slug) or id")
    a.add_argument("files", nargs="+", type=Path)
    a.add_argument("--kind", choices=["product", "logo", "other"], default="product")
    a.set_defaults(func=images_add)
    r = bsub.add_parser("remove", help="remove one image by its id (show --json: brand_assets[].id)")
    r.add_argument("company")
    r.add_argument("image_id")
    r.set_defaults(func=images_remove)
    ls = bsub.add_parser("list", help="the company's kept brand images")
    ls.add_argument("company")
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(func=images_list)

    k = sub.add_parser("brand-kit", help="show or edit a company's brand kit (what you set survives a re-scrape)")
    k.add_argument("company")
    k.add_argument("--color", action="append", help="a brand colour (#RRGGBB or CSS name); repeat, in order")
    k.add_argument("--font", help="a typeface (mapped to one the project renders: DejaVu Sans / Serif / Sans Mono)")
    k.add_argument("--tone", action="append", help="a tone-of-voice word; repeat")
    k.add_argument("--json", action="store_true")
    k.set_defaults(func=brand_kit)


def images_add(args: argparse.Namespace) -> int:
    try:
        company, rows = add_images(database(), storage(), args.company, args.files, args.kind)
    except (BrandInputRefused, UnknownCompany) as exc:
        fail(f"{exc} — no image was added")
    for row in rows:
        print(f"{company.slug}: added {row.kind} {row.id} ({row.width}x{row.height}, {row.bytes} bytes) {row.source_url}")
    if len(rows) < len(args.files):
        print(f"{company.slug}: {len(args.files) - len(rows)} image(s) were already there (same bytes)")
    return 0


def images_remove(args: argparse.Namespace) -> int:
    try:
        removed = remove_image(database(), storage(), args.company, args.image_id)
    except (BrandInputRefused, UnknownCompany) as exc:
        fail(str(exc))
    print(f"removed {removed.kind} image {removed.id} ({removed.source_url})")
    return 0


def images_list(args: argparse.Namespace) -> int:
    try:
        assets = brand_images(args.company)
    except UnknownCompany as exc:
        fail(str(exc))
    if args.json:
        print(json.dumps([a.public() for a in assets], indent=2))
        return 0
    for a in assets:
        print(f"{a.id}  {a.kind:<7} {a.origin:<4} {a.width}x{a.height} {a.bytes:>9} B  {a.source_url}")
    return 0


def brand_kit(args: argparse.Namespace) -> int:
    try:
        if args.color is None and args.font is None and args.tone is None:
            kit = stored_kit(args.company)
        else:
            kit = edit_kit(database(), args.company, args.color, args.font, args.tone)
    except (BrandInputRefused, UnknownCompany) as exc:
        fail(str(exc))
    if args.json or kit is None:
        print(json.dumps(kit.model_dump(mode="json") if kit else None, indent=2))
        return 0
    print(f"colours: {', '.join(kit.colors) or '—'}\nfont: {kit.font}" + (f" (site: {kit.font_source})" if kit.font_source else ""))
    for word in kit.tone:
        print(f"tone: {word.word} — “{word.evidence}”")
    print(f"logo: {kit.logo_path or '—'}\nset by you (kept on re-scrape): {', '.join(kit.user_fields) or 'nothing'}")
    return 0
