"""Every client the app builds is checked at the endpoint botocore resolved
(``client.meta.endpoint_url``), not only at the connection's own endpoint
URL: ``AWS_ENDPOINT_URL``, ``AWS_ENDPOINT_URL_<SERVICE>`` and an
``endpoint_url`` in the AWS config file reach botocore without passing the
connection's checks (docs/security.md, "Endpoint URLs")."""

from __future__ import annotations

import pytest

from cogtotp_gui.enrollment.boto_session import plain_json_boto3_session
from cogtotp_gui.enrollment.errors import EnrollmentError, ErrorKind
from cogtotp_gui.enrollment.gateway import CognitoGateway
from cogtotp_gui.enrollment.settings import ConnectionSettings

REMOTE_HTTP = "http://cognito.example.com"


@pytest.fixture(autouse=True)
def aws_environment(monkeypatch, tmp_path):
    """No AWS setting of this computer leaks in; dummy keys for admin mode."""
    import os

    for name in list(os.environ):
        if name.startswith("AWS_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "credentials"))
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    return tmp_path


def gateway(mode: str = "user", endpoint_url: str | None = None) -> CognitoGateway:
    settings = ConnectionSettings.create(
        user_pool_id="eu-west-1_Example1", client_id="abc123", mode=mode, endpoint_url=endpoint_url
    )
    return CognitoGateway(settings)


def refused(make) -> EnrollmentError:
    with pytest.raises(EnrollmentError) as caught:
        make()
    error = caught.value
    assert error.kind is ErrorKind.CONFIG and error.message_key == "config.endpoint_insecure"
    assert error.field == "endpoint_url"
    return error


@pytest.mark.parametrize("variable", ["AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER"])
def test_plain_http_to_a_remote_host_from_the_environment_is_refused(monkeypatch, variable):
    monkeypatch.setenv(variable, REMOTE_HTTP)
    error = refused(lambda: gateway().client)
    assert "cognito.example.com" in error.detail


def test_plain_http_from_the_aws_config_file_is_refused(aws_environment, monkeypatch):
    (aws_environment / "config").write_text(f"[default]\nendpoint_url = {REMOTE_HTTP}\n", encoding="utf-8")
    refused(lambda: gateway("admin").client)
    (aws_environment / "config").write_text(
        f"[profile ops]\nservices = ops-services\n\n[services ops-services]\ncognito_identity_provider =\n  endpoint_url = {REMOTE_HTTP}\n",
        encoding="utf-8",
    )
    settings = ConnectionSettings.create(user_pool_id="eu-west-1_Example1", client_id="abc123", mode="admin")
    refused(lambda: CognitoGateway(settings, aws_profile="ops").client)


def test_the_sts_client_is_checked_too(monkeypatch):
    monkeypatch.setenv("AWS_ENDPOINT_URL_STS", "http://sts.example.com")
    g = gateway("admin")
    assert g.client.meta.endpoint_url == "https://cognito-idp.eu-west-1.amazonaws.com"
    refused(g._make_sts_client)


def test_any_client_of_the_session_is_checked(monkeypatch):
    """A client the app builds later (DynamoDB for a team campaign) gets the same check."""
    monkeypatch.setenv("AWS_ENDPOINT_URL_DYNAMODB", "http://dynamodb.example.com")
    refused(lambda: plain_json_boto3_session(None).client("dynamodb", region_name="eu-west-1"))


@pytest.mark.parametrize(
    "url", ["https://cognito.example.com", "http://127.0.0.1:9229", "http://localhost:9229", "http://[::1]:9229"]
)
def test_https_anywhere_and_http_to_this_computer_are_fine(monkeypatch, url):
    monkeypatch.setenv("AWS_ENDPOINT_URL", url)
    assert gateway().client.meta.endpoint_url == url


def test_an_endpoint_the_connection_names_is_still_used():
    assert gateway(endpoint_url="http://127.0.0.1:9229").client.meta.endpoint_url == "http://127.0.0.1:9229"
