import pytest

from cogtotp_gui.enrollment.flow import EnrollmentFlow
from cogtotp_gui.enrollment.gateway import CognitoGateway
from cogtotp_gui.enrollment.settings import ConnectionSettings


@pytest.fixture
def make_flow(emulator):
    """Build a flow against the strict emulator server, in either mode."""

    def make(mode="user", endpoint_url=None, **overrides):
        seed = emulator.seed
        values = dict(
            user_pool_id=seed.pool_id,
            client_id=seed.client_id,
            client_secret=seed.client_secret,
            mode=mode,
            issuer="ACME Helpdesk",
            endpoint_url=endpoint_url or emulator.endpoint_url,
        )
        values.update(overrides)
        # The production retry policy (no max_attempts here): a suite that ran
        # with one attempt hid botocore resending one-time calls (issue 16).
        gateway = CognitoGateway(ConnectionSettings.create(**values), connect_timeout=1, read_timeout=2)
        return EnrollmentFlow(gateway)

    return make
