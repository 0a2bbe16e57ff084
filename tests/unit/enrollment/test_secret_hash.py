import base64
import hashlib
import hmac

from hypothesis import given
from hypothesis import strategies as st

from cogtotp_gui.enrollment.secret_hash import secret_hash

# Derived independently with:
#   printf '%s' 'alice.smsabc123clientid' | openssl dgst -sha256 -hmac 'c1ientSecretXYZ' -binary | base64
VECTORS = [
    ("alice.sms", "abc123clientid", "c1ientSecretXYZ", "wEA9zthF/6S59tFzVBBMVGmpvAjwFF8oeNhV/pAvklA="),
    ("ユーザー1", "abc123clientid", "c1ientSecretXYZ", "8C3osmnroZjMEl9GfXwyPYE9UgjKys+O+d31iDYWNIA="),
]


def test_fixed_vectors_computed_with_openssl():
    for username, client_id, client_secret, expected in VECTORS:
        assert secret_hash(username, client_id, client_secret) == expected


def test_order_is_username_then_client_id():
    # Swapping the concatenation order is the classic mistake; it must differ.
    assert secret_hash("abc123clientid", "alice.sms", "c1ientSecretXYZ") != VECTORS[0][3]


@given(
    st.text(min_size=1),
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=40),
    st.text(min_size=1),
)
def test_matches_definition_and_is_base64_of_32_bytes(username, client_id, client_secret):
    value = secret_hash(username, client_id, client_secret)
    raw = base64.b64decode(value, validate=True)
    assert len(raw) == 32
    expected = hmac.new(client_secret.encode(), (username + client_id).encode(), hashlib.sha256).digest()
    assert raw == expected
