"""Search everything a run wrote for the secrets it handled.

A secret counts as leaked in any of the forms it could be written in:
plain, URL-encoded (``urllib.parse.quote``), base32 and base64 (standard
and URL-safe, padding dropped). Reports name the secret by its label and
the channel and offset where it was found - never the secret itself.

Six- to eight-digit codes are short enough to turn up by chance inside
longer hex or decimal runs (memory addresses, ports, object ids). A code
therefore counts when at least one of its ends touches something that is
not a hex digit - ``code=123456``, ``"123456"``, ``%22123456%22`` all
count; the middle of ``0x55d1234567a0`` does not.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from urllib.parse import quote

_HEX = "0-9A-Fa-f"


def forms(secret: str) -> dict[str, str]:
    """``{form name: text}`` for every way ``secret`` could be written."""
    raw = secret.encode("utf-8")
    out = {
        "plain": secret,
        "url-encoded": quote(secret, safe=""),
        "base32": base64.b32encode(raw).decode().rstrip("="),
        "base64": base64.b64encode(raw).decode().rstrip("="),
        "base64url": base64.urlsafe_b64encode(raw).decode().rstrip("="),
    }
    return {name: text for name, text in out.items() if len(text) >= 6}


def _is_code(text: str) -> bool:
    return text.isascii() and text.isdigit() and len(text) <= 8


def _hits(form: str, text: str) -> Iterable[int]:
    if _is_code(form):
        pattern = rf"(?<![{_HEX}]){form}|{form}(?![{_HEX}])"
        return (m.start() for m in re.finditer(pattern, text))
    hits = []
    start = text.find(form)
    while start != -1:
        hits.append(start)
        start = text.find(form, start + 1)
    return hits


def find_leaks(secrets: Mapping[str, str], corpus: Mapping[str, str]) -> list[str]:
    """Every place a secret appears.

    Args:
        secrets: ``{secret: label}``, e.g. ``{"Training-1234!": "password of alice"}``.
        corpus: ``{channel: text}``, e.g. ``{"stderr": ..., "audit.jsonl": ...}``.
    """
    found = []
    for secret, label in secrets.items():
        if not secret:
            continue
        for form_name, form in forms(secret).items():
            for channel, text in corpus.items():
                for offset in _hits(form, text):
                    found.append(f"{label} ({len(secret)} chars) found {form_name} in {channel} at offset {offset}")
                    break
    return found


def read_tree(root: Path, *, exclude: Iterable[Path] = ()) -> dict[str, str]:
    """Every file below ``root`` as text, keyed by relative path (UTF-8, or
    Latin-1 for anything else, so binary files are searched too)."""
    skipped = {Path(p).resolve() for p in exclude}
    texts = {}
    if not root.exists():
        return texts
    for path in sorted(root.rglob("*")):
        if path.is_file() and path.resolve() not in skipped:
            data = path.read_bytes()
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError:
                text = data.decode("latin-1")  # binary: every byte kept, ASCII forms still match
            texts[str(path.relative_to(root))] = text
    return texts
