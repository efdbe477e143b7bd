"""`creative-pipeline studio` refuses a reachable address without sign-in (before binding anything);
`studio-token` mints a token the studio's own verifier accepts for that user."""

from __future__ import annotations

import uuid

import pytest

from creative_pipeline.cli.main import main
from creative_pipeline.settings import get_settings
from creative_pipeline.studio.auth import verify_token


def test_studio_refuses_a_public_bind_without_sign_in(monkeypatch, capsys) -> None:
    monkeypatch.delenv("STUDIO_AUTH", raising=False)
    get_settings.cache_clear()
    with pytest.raises(SystemExit) as stopped:
        main(["studio", "--host", "0.0.0.0", "--port", "8499"])
    assert stopped.value.code == 2
    assert "refusing to serve the studio on 0.0.0.0" in capsys.readouterr().err
    get_settings.cache_clear()


def test_studio_token_is_verified_by_the_studio(monkeypatch, capsys) -> None:
    secret = "local-test-secret-with-enough-bytes-0123"
    monkeypatch.setenv("SUPABASE_JWT_SECRET", secret)
    get_settings.cache_clear()
    user = uuid.uuid4()
    assert main(["studio-token", "--user-id", str(user), "--email", "ana@example.com"]) == 0
    viewer = verify_token(capsys.readouterr().out.strip(), secret)
    assert (viewer.user_id, viewer.email) == (user, "ana@example.com")
    get_settings.cache_clear()
