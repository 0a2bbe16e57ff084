"""IT's templates in resources/policy/ are well-formed and agree with the app:
the ADMX and its two ADML files (en-US, ja-JP) name the same strings and
presentations, write under the key the app reads, with the value names and
ranges the app accepts; the sample configuration profile parses with plistlib
and carries the bundle identifier. (What the store makes of the profile's
settings: tests/gui/connections/test_policy_store.py.)"""

from __future__ import annotations

import plistlib
import re
import uuid
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from cogtotp_gui import names
from cogtotp_gui.connections.model import CLIPBOARD_CLEAR_RANGE, IDLE_TIMEOUT_RANGE, PREFERENCE_KEYS
from cogtotp_gui.connections.policy import ENFORCEABLE_PREFERENCES

POLICY = Path(__file__).resolve().parents[2] / "resources" / "policy"
NS = {"p": "http://schemas.microsoft.com/GroupPolicy/2006/07/PolicyDefinitions"}
LANGUAGES = ("en-US", "ja-JP")


def _admx() -> ET.Element:
    return ET.parse(POLICY / "cogtotp-gui.admx").getroot()


def _adml(language: str) -> ET.Element:
    return ET.parse(POLICY / language / "cogtotp-gui.adml").getroot()


def _references(root: ET.Element, kind: str) -> set[str]:
    found = set()
    for element in root.iter():
        for value in element.attrib.values():
            found.update(re.findall(rf"\$\({kind}\.([^)]+)\)", value))
    return found


def _strings(adml: ET.Element) -> dict[str, str]:
    return {s.get("id"): s.text or "" for s in adml.iterfind("p:resources/p:stringTable/p:string", NS)}


def _presentations(adml: ET.Element) -> dict[str, set[str]]:
    return {
        p.get("id"): {child.get("refId") for child in p}
        for p in adml.iterfind("p:resources/p:presentationTable/p:presentation", NS)
    }


def test_the_admx_writes_where_the_app_reads_with_the_names_it_knows():
    policies = _admx().findall("p:policies/p:policy", NS)
    assert len(policies) == 4
    hive, _, key = names.WINDOWS_POLICY_KEY.partition("\\")
    assert hive == "HKEY_LOCAL_MACHINE"
    for policy in policies:
        assert policy.get("class") == "Machine"  # HKLM, as the app reads
        assert policy.get("key") == key + r"\preferences"
        for element in policy.find("p:elements", NS):
            assert element.get("valueName") in PREFERENCE_KEYS
            assert element.get("id") == element.get("valueName")
    value_names = {e.get("valueName") for p in policies for e in p.find("p:elements", NS)}
    assert value_names == set(ENFORCEABLE_PREFERENCES) | {"last_profile"}


def test_the_admx_offers_exactly_the_values_the_app_accepts():
    root = _admx()
    languages = [v.text for v in root.iterfind(".//p:enum[@valueName='language']/p:item/p:value/p:string", NS)]
    assert tuple(languages) == names.LANGUAGE_CHOICES
    for value_name, (low, high) in (
        ("idle_timeout_s", IDLE_TIMEOUT_RANGE),
        ("clipboard_clear_s", CLIPBOARD_CLEAR_RANGE),
    ):
        decimal = root.find(f".//p:decimal[@valueName='{value_name}']", NS)
        assert (int(decimal.get("minValue")), int(decimal.get("maxValue"))) == (low, high)


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_adml_has_every_string_and_presentation_the_admx_uses(language):
    root, adml = _admx(), _adml(language)
    strings = _strings(adml)
    assert _references(root, "string") <= set(strings), language
    assert all(text.strip() for text in strings.values())
    presentations = _presentations(adml)
    assert _references(root, "presentation") == set(presentations)
    for policy in root.iterfind("p:policies/p:policy", NS):
        presentation = re.fullmatch(r"\$\(presentation\.(.+)\)", policy.get("presentation")).group(1)
        element_ids = {element.get("id") for element in policy.find("p:elements", NS)}
        assert presentations[presentation] == element_ids, (language, presentation)


def test_the_two_adml_files_match_entry_for_entry_and_are_translated():
    english, japanese = (_adml(language) for language in LANGUAGES)
    assert set(_strings(english)) == set(_strings(japanese))
    assert _presentations(english) == _presentations(japanese)
    untranslated = {key for key, text in _strings(japanese).items() if text == _strings(english)[key]}
    assert untranslated == set(), untranslated
    assert re.search(r"[\u3040-\u30ff]", _strings(japanese)["Language_Help"])


def test_the_sample_configuration_profile_parses_and_targets_the_bundle_identifier():
    profile = plistlib.loads((POLICY / "cogtotp-gui.mobileconfig").read_bytes())
    assert profile["PayloadType"] == "Configuration" and profile["PayloadVersion"] == 1
    (payload,) = profile["PayloadContent"]
    assert payload["PayloadType"] == names.BUNDLE_ID
    for item in (profile, payload):
        uuid.UUID(item["PayloadUUID"])
        assert item["PayloadIdentifier"]
    assert profile["PayloadUUID"] != payload["PayloadUUID"]
    assert set(payload["preferences"]) <= set(PREFERENCE_KEYS)
    # never a secret: the same rule as for the INI files
    flat = repr(payload).lower()
    assert "secret" not in flat and "password" not in flat and "token" not in flat
