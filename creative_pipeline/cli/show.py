"""`show COMPANY [--json]`."""

from __future__ import annotations

import argparse
import json

from creative_pipeline.services.report import report as company_report
from creative_pipeline.services.summary import print_summary


def show(args: argparse.Namespace) -> int:
    report = company_report(args.company)
    if args.json:
        print(json.dumps(report, indent=2, default=str))
        return 0
    print_summary(report["company"]["partition_key"])
    for s in report["scripts"]:
        if s["is_winner"]:
            print(f"\n#{s['winner_rank']} {s['headline']}  [{s['angle']} · {s['placement']} · {s['duration_s']}s"
                  f" · {s['abcd']['format']} · {s['persona']}]\n   hook: {s['hook']}")
            for b in s["beats"]:
                print(f"   {b['start_s']:>4g}-{b['end_s']:<4g}s  {b['spoken']}  [{b['on_screen_text']}] ({b['visual']})")
            if not s["beats"]:
                print(f"   body: {s['body']}")
            print(f"   cta: {s['cta_button'] or ''} “{s['cta']}”\n   scores: {s['scores']}"
                  f"\n   compliance: {_compliance(s['compliance'])}")
    for b in report["briefs"]:
        print(f"\n{b['creative_name']}\n   image: {b['image']['headline']} / {b['image']['visual_description'][:100]}"
              f"\n   video: {b['video']['concept'][:120]}")
    return 0


def _compliance(c: dict) -> str:
    reasons = "; ".join(f"{r['rule_id']} “{r['matched']}”" for r in c["reasons"][:3])
    override = f" (override by {c['override']['by']}: {c['override']['reason']})" if c.get("override") else ""
    return f"{c['verdict'] or 'not checked'}{' — ' + reasons if reasons else ''}{override}; Gemini: {c.get('gemini_check')}"
