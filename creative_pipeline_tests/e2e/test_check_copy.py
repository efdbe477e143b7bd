"""`check-copy` as a person runs it: a real subprocess, files and stdin, no API key."""

import json
import os
import subprocess
import sys
from pathlib import Path

COPY = """Free shipping over $30
Cures diabetes in 30 days

Are you struggling with debt?
the best coffee in the world
Compare insurance quotes in two minutes
"""


def check_copy(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GEMINI_")}
    return subprocess.run([sys.executable, "-m", "creative_pipeline.cli.main", "check-copy", *args], env=env,
                          input=stdin, capture_output=True, timeout=120)


def test_json_lists_every_line_in_order_and_exits_zero_whatever_the_verdicts(tmp_path: Path) -> None:
    source = tmp_path / "copy.txt"
    source.write_text(COPY, encoding="utf-8")
    result = check_copy(str(source), "--json")
    assert result.returncode == 0, result.stderr
    verdicts = json.loads(result.stdout)
    assert [v["text"] for v in verdicts] == [line for line in COPY.splitlines() if line]
    assert [v["verdict"] for v in verdicts] == ["GREEN", "RED", "RED", "YELLOW", "GREEN"]
    for v in verdicts:
        assert set(v) >= {"text", "verdict", "reasons"}
        assert all(r["rule_id"] and r["policy_area"] and r["matched"] and r["policies"]["meta"] for r in v["reasons"])
    assert verdicts[1]["reasons"][0]["rule_id"] == "health.disease_claim"
    assert verdicts[1]["reasons"][0]["matched"] == "Cures diabetes"
    assert verdicts[1]["gemini_check"] == "not checked (no GEMINI_API_KEY)"


def test_stdin_and_the_human_listing() -> None:
    result = check_copy("-", stdin=COPY.encode())
    assert result.returncode == 0
    out = result.stdout.decode()
    assert out.splitlines()[0].startswith("GREEN") and "RED     Cures diabetes in 30 days" in out
    assert "attributes.personal_question (personal attributes) “Are you struggling with debt”" in out
    assert "5 lines: 2 GREEN, 1 YELLOW, 2 RED" in result.stderr.decode()


def test_unusable_input_exits_non_zero(tmp_path: Path) -> None:
    empty, binary = tmp_path / "empty.txt", tmp_path / "image.png"
    empty.write_text("\n  \n")
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    for args, message in ((["-"], "empty"), ([str(empty)], "empty"), ([str(binary)], "binary"),
                          ([str(tmp_path / "missing.txt")], "cannot read")):
        result = check_copy(*args, stdin=b"")
        assert result.returncode == 2 and message in result.stderr.decode(), (args, result.stderr)
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("Caf\xe9 cr\xe8me".encode("latin-1"))
    assert check_copy(str(latin1)).returncode == 2
