"""The Supabase project's public JWT signing keys (its JWKS), fetched over HTTP and cached.

A project on asymmetric signing keys signs access tokens with RS256 or ES256 and names the key in
the token header's `kid`; the public keys are published at `<SUPABASE_URL>/auth/v1/.well-known/jwks.json`
(Supabase docs "JWT Signing Keys" and "JSON Web Token", checked 2026-12-04). PyJWT's `PyJWKClient`
does the fetching: the whole set is cached for `ttl_s`, and a `kid` the cached set lacks refetches
it once (rotation) — at most once per `refetch_cooldown_s`, so a flood of forged kids costs the Auth
server one request per cooldown, not one per request. HTTP lives here, in resources (layers)."""

from __future__ import annotations

import jwt


class UnknownKey(LookupError):
    """No key in the project's JWKS (even after a refetch) has the token's `kid`, or the set is unreachable."""


class JwksKeys:
    """One key set per studio process (the cache lives as long as the studio's state)."""

    def __init__(self, url: str, *, ttl_s: float, refetch_cooldown_s: float, timeout_s: float = 10.0) -> None:
        self.url = url
        self._client = jwt.PyJWKClient(url, cache_jwk_set=True, lifespan=ttl_s, timeout=timeout_s,
                                       cooldown_duration=refetch_cooldown_s)

    def key(self, kid: str) -> jwt.PyJWK:
        """The public key named `kid`, from the cached set or one refetch; UnknownKey otherwise."""
        try:
            return self._client.get_signing_key(kid)
        except jwt.PyJWKClientError as exc:
            raise UnknownKey(f"no signing key {kid!r} in {self.url}: {exc}") from exc
