import base64
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cogtotp_gui.enrollment.otpauth import build_uri, group_secret, normalize_secret

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"

label_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=60).filter(
    lambda s: s.replace(":", " ").strip()
)


def test_google_key_uri_format():
    uri = build_uri(SECRET.lower(), "alice@example.com", "ACME Helpdesk")
    assert uri == (
        "otpauth://totp/ACME%20Helpdesk:alice%40example.com"
        "?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=ACME%20Helpdesk"
    )
    for name in ("algorithm", "digits", "period"):
        assert name not in uri


def test_padding_stripped_and_uppercased():
    assert normalize_secret("jbsw y3dp ehpk 3pxp====") == "JBSWY3DPEHPK3PXP"


@pytest.mark.parametrize("bad", ["", "   ", "ABC1", "ABCDEFG!", "A"])
def test_non_base32_rejected(bad):
    with pytest.raises(ValueError):
        normalize_secret(bad)


def test_grouping_for_manual_entry():
    assert group_secret(SECRET) == "JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP"
    assert group_secret("JBSWY3DPEHPK3PXPJB") == "JBSW Y3DP EHPK 3PXP JB"


@given(account=label_text, issuer=label_text)
def test_round_trips_through_urllib(account, issuer):
    uri = build_uri(SECRET, account, issuer)
    parts = urlsplit(uri)
    assert parts.scheme == "otpauth" and parts.netloc == "totp"
    label = parts.path.lstrip("/")
    assert "+" not in label and " " not in uri
    # exactly one bare colon: the issuer/account separator
    assert label.count(":") == 1
    issuer_part, account_part = label.split(":")
    assert unquote(issuer_part) == issuer.replace(":", " ").strip()
    assert unquote(account_part) == account.replace(":", " ").strip()
    query = parse_qs(parts.query, keep_blank_values=True)
    assert query["secret"] == [SECRET]
    assert query["issuer"] == [issuer.replace(":", " ").strip()]
    assert "=" not in query["secret"][0]


@given(st.binary(min_size=10, max_size=40))
def test_any_base32_secret_survives_without_padding(raw):
    encoded = base64.b32encode(raw).decode()
    normalized = normalize_secret(encoded.lower())
    assert "=" not in normalized
    assert base64.b32decode(normalized + "=" * (-len(normalized) % 8)) == raw
