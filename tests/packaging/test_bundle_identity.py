"""One reverse-DNS identifier for the macOS bundle, the app's settings and the
managed preferences IT pushes, and hardened-runtime entitlements kept to the
minimum. The signed bundle itself is only built by the workflow (macOS)."""

from __future__ import annotations

import ast
import plistlib
from pathlib import Path

from cogtotp_gui import names

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "build.spec"
ENTITLEMENTS = ROOT / "resources" / "macos" / "entitlements.plist"


def _spec_call_keywords(function: str) -> dict[str, ast.expr]:
    tree = ast.parse(SPEC.read_text("utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == function:
            return {kw.arg: kw.value for kw in node.keywords if kw.arg}
    raise AssertionError(f"build.spec never calls {function}")


def test_the_identifier_is_reverse_dns_and_matches_the_organisation_domain():
    assert names.BUNDLE_ID == "com.cogtotp-gui.cogtotp-gui"
    # Qt derives the macOS preferences domain the same way: reversed domain + application.
    assert ".".join(reversed(names.ORGANIZATION_DOMAIN.split("."))) + "." + names.APP_NAME == names.BUNDLE_ID
    assert "example" not in names.BUNDLE_ID


def test_the_bundle_uses_the_shared_identifier_and_the_entitlements():
    bundle = _spec_call_keywords("BUNDLE")
    assert isinstance(bundle["bundle_identifier"], ast.Name) and bundle["bundle_identifier"].id == "BUNDLE_ID"
    text = SPEC.read_text("utf-8")
    assert 'runpy.run_path(str(ROOT / "cogtotp_gui" / "names.py"))["BUNDLE_ID"]' in text
    assert 'ENTITLEMENTS = ROOT / "resources" / "macos" / "entitlements.plist"' in text
    for function in ("EXE",):
        keywords = _spec_call_keywords(function)
        assert "ENTITLEMENTS" in ast.unparse(keywords["entitlements_file"])
        assert "CODESIGN_IDENTITY" in ast.unparse(keywords["codesign_identity"])


def test_the_entitlements_are_the_minimum_and_no_sandbox():
    entitlements = plistlib.loads(ENTITLEMENTS.read_bytes())
    assert entitlements == {"com.apple.security.cs.allow-unsigned-executable-memory": True}
    assert "com.apple.security.app-sandbox" not in entitlements


def test_the_application_carries_the_domain(qapp):
    from cogtotp_gui.app import create_application

    app = create_application(lang="en")
    assert app.organizationName() == names.ORGANIZATION
    assert app.organizationDomain() == names.ORGANIZATION_DOMAIN
