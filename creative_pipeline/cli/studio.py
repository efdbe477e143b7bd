"""`creative-pipeline studio`: the creative team's web app (creative_pipeline/studio)."""

from __future__ import annotations

import argparse

from creative_pipeline.cli.runtime import fail, progress, settings


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("studio", help="the studio: companies, winners, reviews, live stages, performance (web)")
    p.add_argument("--host", default="127.0.0.1", help="address to bind (non-loopback needs STUDIO_AUTH=supabase)")
    p.add_argument("--port", type=int, default=8484)
    p.set_defaults(func=studio)

    p = sub.add_parser("studio-token", help="mint a local test access token (signed with SUPABASE_JWT_SECRET)")
    p.add_argument("--user-id", required=True, help="the auth.users id the token speaks for")
    p.add_argument("--email")
    p.add_argument("--ttl-s", type=int, default=3600)
    p.set_defaults(func=studio_token)


def studio(args: argparse.Namespace) -> int:
    from creative_pipeline.studio.server import UnsafeBind, check_bind, serve

    s = settings()
    try:
        check_bind(args.host, s)
    except UnsafeBind as exc:
        fail(str(exc))
    progress(f"studio: http://{args.host}:{args.port}/  (sign-in: {s.studio_auth})")
    serve(args.host, args.port, s)
    return 0


def studio_token(args: argparse.Namespace) -> int:
    """For local tests only: a real project's tokens come from Supabase Auth's sign-in."""
    from uuid import UUID

    from creative_pipeline.studio.auth import mint_token

    secret = settings().supabase_jwt_secret
    if not secret:
        fail("set SUPABASE_JWT_SECRET (the secret the studio verifies tokens with) first")
    try:
        user_id = UUID(args.user_id)
    except ValueError:
        fail(f"--user-id {args.user_id!r} is not a UUID")
    print(mint_token(user_id, secret, email=args.email, ttl_s=args.ttl_s))
    return 0
