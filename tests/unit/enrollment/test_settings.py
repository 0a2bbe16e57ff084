import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cogtotp_gui.enrollment.settings import (
    PLAIN_ENDPOINT_URL,
    ConnectionSettings,
    SettingsError,
    SignInMode,
    SmsAfterEnrollment,
)

GOOD = dict(user_pool_id="eu-west-1_AbCdEf123", client_id="1example23456789", issuer="ACME Helpdesk")


def test_region_derived_from_pool_id_and_overridable():
    s = ConnectionSettings.create(**GOOD)
    assert s.effective_region == "eu-west-1"
    assert ConnectionSettings.create(**GOOD, region="us-gov-west-1").effective_region == "us-gov-west-1"


def test_defaults_are_user_mode_and_sms_switched_off():
    s = ConnectionSettings.create(**GOOD)
    assert s.mode is SignInMode.USER
    assert s.sms_after is SmsAfterEnrollment.DISABLE


def test_secret_not_in_repr():
    s = ConnectionSettings.create(**GOOD, client_secret="s3cretValue")
    assert "s3cretValue" not in repr(s)


@pytest.mark.parametrize(
    "field,value",
    [
        ("user_pool_id", "AbCdEf123"),
        ("user_pool_id", "eu-west-1-AbCdEf123"),
        ("user_pool_id", ""),
        ("client_id", "has space"),
        ("client_id", ""),
        ("region", "Europe"),
        ("mode", "root"),
        ("issuer", "ACME:Helpdesk"),
        ("issuer", "x" * 65),
        ("issuer", ""),
        ("endpoint_url", "ftp://localhost"),
        ("endpoint_url", "http://"),
        ("endpoint_url", "http://localhost:99999"),
        ("sms_after", "maybe"),
        ("client_secret", "bad secret"),
    ],
)
def test_malformed_value_names_the_field(field, value):
    with pytest.raises(SettingsError) as info:
        ConnectionSettings.create(**{**GOOD, field: value})
    assert info.value.field == field
    assert info.value.expected  # says what shape is expected
    assert info.value.message_key.startswith("settings.")


def test_local_endpoint_detection():
    assert ConnectionSettings.create(**GOOD, endpoint_url="http://127.0.0.1:5000").is_local_endpoint
    assert ConnectionSettings.create(**GOOD, endpoint_url="http://[::1]:5000").is_local_endpoint
    assert ConnectionSettings.create(**GOOD, endpoint_url="http://localhost:5000").is_local_endpoint
    assert not ConnectionSettings.create(**GOOD, endpoint_url="https://127.0.0.1.example.com").is_local_endpoint
    assert not ConnectionSettings.create(**GOOD, endpoint_url="https://10.0.0.1:5000").is_local_endpoint
    assert not ConnectionSettings.create(
        **GOOD, endpoint_url="https://cognito-idp.eu-west-1.amazonaws.com"
    ).is_local_endpoint


@given(
    st.text(max_size=300),
    st.text(max_size=300),
    st.text(max_size=300),
    st.one_of(st.none(), st.text(max_size=300)),
    st.one_of(st.none(), st.text(max_size=300)),
)
def test_validators_never_crash_on_arbitrary_text(pool, client, issuer, region, endpoint):
    try:
        ConnectionSettings.create(
            user_pool_id=pool, client_id=client, issuer=issuer, region=region, endpoint_url=endpoint
        )
    except SettingsError as error:
        assert error.field in {"user_pool_id", "client_id", "issuer", "region", "endpoint_url"}


@pytest.mark.parametrize(
    "url",
    [
        "http://host.example\\@127.0.0.1:9229",  # urllib3 connects to host.example
        "http://host.example%5C@127.0.0.1:9229",
        "http://user@127.0.0.1:9229",
        "http://user:pw@localhost:9229",
        "https://user@cognito.example.com",
        "http://127.0.0.1\\:9229",
        "http://127.0.0.1:9229\\x",
        "http://127.0.0.1 :9229",
    ],
)
def test_endpoint_with_userinfo_or_backslash_is_refused(url):
    with pytest.raises(SettingsError) as info:
        ConnectionSettings.create(**GOOD, endpoint_url=url)
    assert (info.value.field, info.value.message_key) == ("endpoint_url", "settings.endpoint_url")


@pytest.mark.parametrize(
    "url",
    ["http://cognito.example.com", "http://10.0.0.1:9229", "http://127.0.0.1.example.com:9229", "http://[fe80::1]:80"],
)
def test_plain_http_is_refused_beyond_this_computer(url):
    with pytest.raises(SettingsError) as info:
        ConnectionSettings.create(**GOOD, endpoint_url=url)
    assert (info.value.field, info.value.message_key) == ("endpoint_url", "settings.endpoint_url_https")
    # The same host over https is fine.
    https = "https://" + url.removeprefix("http://")
    assert ConnectionSettings.create(**GOOD, endpoint_url=https).endpoint_url == https


@pytest.mark.parametrize(
    "url",
    ["http://127.0.0.1:9229", "http://localhost:5000", "http://[::1]:5000", "http://127.8.9.10", "HTTP://LOCALHOST:1"],
)
def test_plain_http_is_fine_on_loopback(url):
    assert ConnectionSettings.create(**GOOD, endpoint_url=url).is_local_endpoint


def test_training_refuses_what_only_urlsplit_thinks_is_local():
    from cogtotp_gui.training.environment import _is_loopback

    # The settings refuse this URL; the training guard must not be fooled
    # by it either, should anything hand it a raw string.
    assert not _is_loopback("http://host.example\\@127.0.0.1:9229")
    assert _is_loopback("http://127.0.0.1:9229")


@pytest.mark.parametrize("secret", ["4f839300-2a5e-4562-b809-a7bbbcf24294", "abc123def456", "a!b#c$d%e&f*g", "x" * 128])
def test_any_printable_secret_without_whitespace_is_accepted(secret):
    """Emulators issue other secrets than Cognito's [\\w+]+ (stock moto: UUIDs)."""
    assert ConnectionSettings.create(**GOOD, client_secret=f" {secret}\n").client_secret == secret


@pytest.mark.parametrize("secret", ["with space", "tab\there", "x" * 129, "é-accent"])
def test_secrets_with_inner_whitespace_or_too_long_are_refused(secret):
    with pytest.raises(SettingsError) as info:
        ConnectionSettings.create(**GOOD, client_secret=secret)
    assert info.value.field == "client_secret"


@settings(max_examples=400)
@given(st.from_regex(PLAIN_ENDPOINT_URL, fullmatch=True))
def test_plain_urls_are_read_as_urllib3_reads_them(url):
    """The shortcut that keeps urllib3 out of the first paint reads every URL
    of its shape exactly as urllib3 (which makes the connection) does."""
    from urllib3.util import parse_url

    from cogtotp_gui.enrollment.settings import _as_urllib3_parses

    try:
        parsed = parse_url(url)
    except ValueError:
        # urllib3 refuses it (a port beyond 65535): so do the settings, through urlsplit.
        with pytest.raises(SettingsError) as info:
            ConnectionSettings.create(**GOOD, endpoint_url=url)
        assert info.value.message_key == "settings.endpoint_url"
        return
    fast = _as_urllib3_parses(url)
    assert (fast.scheme, fast.auth, fast.host) == (parsed.scheme, parsed.auth, (parsed.host or "").lower())


@pytest.mark.parametrize(
    "url",
    [
        "https://[fe80::1]:80",
        "http://[::1]:5000",
        "https://h\u00e9llo.example",
        "https://host.example.",
        "http://a%2eb",
    ],
)
def test_urls_beyond_the_plain_shape_are_read_by_urllib3_itself(url):
    assert PLAIN_ENDPOINT_URL.match(url) is None


def test_a_pool_level_value_has_no_app_client_and_no_secret():
    from cogtotp_gui.enrollment.gateway import CognitoGateway
    from cogtotp_gui.enrollment.settings import PoolSettings

    connection = ConnectionSettings.create(
        user_pool_id="eu-west-1_Abc123", client_id="client1", client_secret="s3cr3t", endpoint_url="https://x.example"
    )
    pool = connection.pool("helpdesk")
    assert (pool.user_pool_id, pool.effective_region, pool.endpoint_url, pool.aws_profile) == (
        "eu-west-1_Abc123",
        "eu-west-1",
        "https://x.example",
        "helpdesk",
    )
    assert pool.client_secret is None and not hasattr(pool, "client_id") and "s3cr3t" not in repr(pool)
    with pytest.raises(SettingsError):
        PoolSettings.create(user_pool_id="eu-west-1_Abc123", endpoint_url="http://remote.example")
    gateway = CognitoGateway(pool)
    with pytest.raises(TypeError):
        gateway.settings  # noqa: B018 - the point: a pool-level gateway signs nobody in
