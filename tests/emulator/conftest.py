import pytest

from .helpers import Auth


@pytest.fixture(params=["admin", "user"])
def mode(request):
    """Run a test in both sign-in modes of docs/cognito.md."""
    return request.param


@pytest.fixture
def auth(emulator, mode):
    """Sign-in helper in the parametrised mode (user mode sends unsigned calls)."""
    return Auth(emulator, mode)


@pytest.fixture
def admin_auth(emulator):
    return Auth(emulator, "admin")
