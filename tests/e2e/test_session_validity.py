"""How long a sign-in session lives is the app client's own setting
(AuthSessionValidity, 3-15 minutes); admin mode asks Cognito for it so the
SMS page counts down to the real expiry."""

from __future__ import annotations

import pytest

from cogtotp_gui.emulator import add_app_client
from cogtotp_gui.enrollment.gateway import CognitoGateway
from cogtotp_gui.enrollment.settings import ConnectionSettings


def client_with_validity(emulator, minutes: int | None) -> dict:
    extra = {} if minutes is None else {"AuthSessionValidity": minutes}
    return add_app_client(emulator.client, emulator.seed.pool_id, "validity", **extra)


def gateway(emulator, client: dict, mode: str) -> CognitoGateway:
    settings = ConnectionSettings.create(
        user_pool_id=emulator.seed.pool_id,
        client_id=client["ClientId"],
        client_secret=client["ClientSecret"],
        mode=mode,
        endpoint_url=emulator.endpoint_url,
    )
    return CognitoGateway(settings, connect_timeout=1, read_timeout=2, max_attempts=1)


@pytest.mark.parametrize(("minutes", "seconds"), [(None, 180.0), (3, 180.0), (10, 600.0), (15, 900.0)])
def test_admin_mode_learns_the_clients_session_validity(emulator, minutes, seconds):
    assert gateway(emulator, client_with_validity(emulator, minutes), "admin").session_validity() == seconds


def test_user_mode_cannot_ask(emulator):
    # DescribeUserPoolClient needs AWS credentials, which user mode never has.
    assert gateway(emulator, client_with_validity(emulator, 10), "user").session_validity() is None


def test_without_the_permission_the_setting_stays(emulator):
    emulator.emu.fail_next(
        "DescribeUserPoolClient",
        "AccessDeniedException",
        "not authorized to perform: cognito-idp:DescribeUserPoolClient",
    )
    assert gateway(emulator, client_with_validity(emulator, 10), "admin").session_validity() is None
