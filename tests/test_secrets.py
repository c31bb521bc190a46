"""No secret lives in the repository: no cookie key, no password hash, no password but the documented demo ones."""

import re
import subprocess
from pathlib import Path

from portal import users

ROOT = Path(__file__).resolve().parent.parent


def tracked_text_files() -> list[Path]:
    out = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    files = [ROOT / line for line in out.splitlines() if line]
    return [
        p
        for p in files
        if p.is_file() and p.suffix not in {".xlsx", ".png", ".duckdb"} and "corpus" not in p.parts
    ]


def test_no_secrets_file_is_tracked():
    names = {p.name for p in tracked_text_files()}
    assert "secrets.toml" not in names
    assert not any(n.endswith(".duckdb") for n in names)


def test_no_bcrypt_hash_or_cookie_key_in_the_repo():
    bcrypt_hash = re.compile(r"\$2[aby]\$\d\d\$[./A-Za-z0-9]{53}")
    cookie_key = re.compile(r"""cookie_key\s*=\s*["'][^"'<{]{8,}["']""")
    offenders = []
    for path in tracked_text_files():
        text = path.read_text(encoding="utf-8", errors="ignore")
        if bcrypt_hash.search(text) or cookie_key.search(text):
            offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


def test_only_documented_demo_passwords():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for spec in users.DEMO_USERS:
        assert spec["password"] in readme, f"demo password of {spec['username']} is not documented"
    demo_passwords = {spec["password"] for spec in users.DEMO_USERS}
    found = set()
    for path in tracked_text_files():
        if path.suffix in {".py", ".toml", ".md", ".sql", ".txt", ".cfg", ".ini", ".yaml", ".yml"}:
            found |= set(re.findall(r"[a-z]+-demo-\d{4}", path.read_text(encoding="utf-8", errors="ignore")))
    assert found <= demo_passwords
