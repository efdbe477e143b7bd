"""Start the studio (uvicorn), refusing an address other machines can reach unless sign-in is on:
without STUDIO_AUTH=supabase anyone who can connect is the operator."""

from __future__ import annotations

import ipaddress

from creative_pipeline.settings import Settings


class UnsafeBind(ValueError):
    """A non-loopback address without sign-in, or sign-in with nothing to verify tokens with."""


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a host name other than localhost may resolve anywhere


def check_bind(host: str, settings: Settings) -> None:
    if settings.studio_auth == "supabase" and not (settings.supabase_jwt_secret or settings.jwks_url):
        raise UnsafeBind("STUDIO_AUTH=supabase needs SUPABASE_JWT_SECRET (the project's JWT secret) or its JWKS "
                         "(SUPABASE_URL or SUPABASE_JWKS_URL) to verify tokens")
    if not is_loopback(host) and settings.studio_auth != "supabase":
        raise UnsafeBind(f"refusing to serve the studio on {host}: without sign-in anyone who can connect acts as "
                         "the operator. Bind 127.0.0.1, or set STUDIO_AUTH=supabase and SUPABASE_JWT_SECRET "
                         "(docs/studio.md)")


def serve(host: str, port: int, settings: Settings) -> None:
    import uvicorn

    from creative_pipeline.studio.app import build_state, create_app

    check_bind(host, settings)
    app = create_app(build_state(settings))
    uvicorn.run(app, host=host, port=port, log_level="warning", proxy_headers=False)
