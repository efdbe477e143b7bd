"""`creative-pipeline check-models [--json]`: is every configured model served today?

Asks the service (models.get, plus a 1-token call for text models) and prints, per setting,
ok / retired / unknown / error with the suggested replacement. Exit 0 when all are ok, 2 when
any is not — so it can gate a deploy. `--json` prints a list of
`{setting, model, status, message, suggested}`. A fresh check every time (the run's own
preflight is the cached one).
"""

from __future__ import annotations

import argparse
import json

from creative_pipeline.services.models import check_models


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("check-models", help="ask the Gemini API about every configured model (exit 2 if any is not ok)")
    p.add_argument("--json", action="store_true", help="a list of {setting, model, status, message, suggested}")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    checks = check_models()
    if args.json:
        print(json.dumps([c.model_dump(include={"setting", "model", "status", "message", "suggested"}) for c in checks],
                         indent=2))
    else:
        for c in checks:
            hint = f"  -> set {c.setting}={c.suggested}" if c.suggested and c.status != "ok" else ""
            served = f" (served: {c.model_version})" if c.model_version and c.model_version != c.model else ""
            print(f"{c.status.upper():8} {c.setting}={c.model}{served}{hint}")
            if c.status != "ok":
                print(f"         {c.message}")
    return 0 if all(c.status == "ok" for c in checks) else 2
