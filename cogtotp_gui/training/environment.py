"""The training pool behind ``--demo``: an emulator, its seed, its connection.

No Qt here. :class:`TrainingEnvironment` starts the strict Cognito emulator on
127.0.0.1 (a random port), seeds the training users and builds the
:class:`ConnectionSettings` the wizard uses. ``start()`` and ``reset()`` take
about a second the first time (importing moto dominates), so the Qt side
runs them on a worker thread.

Training never talks to AWS: the endpoint must be local
(:func:`require_local_endpoint`), and the process' AWS credential chain is
pointed at dummy keys and empty config files (:class:`CredentialsIsolation`),
so neither a developer's real keys nor their profile can reach the
emulator or anything else.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from cogtotp_gui.enrollment.settings import ConnectionSettings, SignInMode, endpoint_host, is_loopback_host

if TYPE_CHECKING:  # the emulator imports moto: only ever load it lazily
    from cogtotp_gui.emulator import EmulatorServer, SeedResult, StrictCognito

TRAINING_ISSUER = "Training Helpdesk"
TRAINING_REGION = "eu-west-1"
TRAINING_PROFILE_NAME = "Training"
TRAINING_INVENTORY_USERS = 300  # mixed MFA states, for the Migration window
# Dummy keys: admin mode signs its requests, the emulator accepts any key.
TRAINING_ACCESS_KEY = "training"
TRAINING_SECRET_KEY = "training"

_TRAINING_ENV: Mapping[str, str | None] = {
    "AWS_ACCESS_KEY_ID": TRAINING_ACCESS_KEY,
    "AWS_SECRET_ACCESS_KEY": TRAINING_SECRET_KEY,
    "AWS_DEFAULT_REGION": TRAINING_REGION,
    # Nothing that could lead boto3 to real credentials or another endpoint.
    "AWS_SESSION_TOKEN": None,
    "AWS_SECURITY_TOKEN": None,
    "AWS_PROFILE": None,
    "AWS_DEFAULT_PROFILE": None,
    "AWS_ENDPOINT_URL": None,
    "AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER": None,
    "AWS_CONFIG_FILE": os.devnull,
    "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
    "AWS_EC2_METADATA_DISABLED": "true",
}


class TrainingRefused(RuntimeError):
    """Training mode was asked to use something that is not the local emulator."""


def is_training_endpoint(settings: ConnectionSettings) -> bool:
    """Whether ``settings`` point at this computer (and so may be trained on)."""
    return settings.is_local_endpoint and _is_loopback(settings.endpoint_url or "")


def require_local_endpoint(settings: ConnectionSettings) -> ConnectionSettings:
    """Return ``settings`` if they point at this computer, else refuse.

    Training users, dummy credentials and the "reset" button must never
    meet a real user pool, whatever a profile or the command line says.
    """
    if not is_training_endpoint(settings):
        raise TrainingRefused(
            "training mode only connects to the emulator on this computer "
            f"(endpoint {settings.endpoint_url or 'AWS'} is not local)"
        )
    return settings


def _is_loopback(url: str) -> bool:
    """Stricter than a check of ``urlsplit``'s host: the host urllib3 (which
    makes the connection) sees, and only ``localhost`` or a loopback
    address literal (``127.0.0.1.example.com`` resolves wherever DNS says).
    The settings refuse the URLs on which the two parsers disagree
    (``http://host.example\\@127.0.0.1:9229``); this asks the right one anyway."""

    return is_loopback_host(endpoint_host(url))


class CredentialsIsolation:
    """Point the process' AWS credential chain at dummy keys, and back.

    Only environment variables change (boto3 reads them when a client is
    built). Call :meth:`apply` on the UI thread before any worker builds a
    client, and :meth:`restore` after the last one is gone.
    """

    def __init__(self, environ: Any = None) -> None:
        self._environ = os.environ if environ is None else environ
        self._saved: dict[str, str | None] | None = None

    @property
    def applied(self) -> bool:
        return self._saved is not None

    def apply(self) -> None:
        if self._saved is not None:
            return
        self._saved = {name: self._environ.get(name) for name in _TRAINING_ENV}
        for name, value in _TRAINING_ENV.items():
            if value is None:
                self._environ.pop(name, None)
            else:
                self._environ[name] = value

    def restore(self) -> None:
        saved, self._saved = self._saved, None
        if saved is None:
            return
        for name, value in saved.items():
            if value is None:
                self._environ.pop(name, None)
            else:
                self._environ[name] = value


def training_settings(seed: SeedResult, endpoint_url: str) -> ConnectionSettings:
    """The connection the wizard uses in training: admin mode, like the recipe."""
    settings = ConnectionSettings(
        user_pool_id=seed.pool_id,
        client_id=seed.client_id,
        client_secret=seed.client_secret,
        region=seed.region,
        mode=SignInMode.ADMIN,
        issuer=TRAINING_ISSUER,
        endpoint_url=endpoint_url,
        name=TRAINING_PROFILE_NAME,
    )
    return require_local_endpoint(settings)


class TrainingEnvironment:
    """The emulator, the seeded training pool and the connection to it.

    Args:
        server: an :class:`EmulatorServer` to use instead of starting one
            (tests share one per process; only one emulator can be
            installed at a time). A server passed in is reset and seeded,
            but never stopped here.
        clock: the emulator's clock when this environment builds the server.

    ``start()``, ``reset()`` and ``stop()`` may run on a worker thread, one at
    a time; the properties are safe to read from the UI thread once the
    call that set them has returned.
    """

    def __init__(self, server: EmulatorServer | None = None, *, clock: Callable[[], float] | None = None) -> None:
        self._server = server
        self._owns_server = server is None
        self._clock = clock
        self._client: Any = None
        self._seed: SeedResult | None = None
        self._settings: ConnectionSettings | None = None
        self._lock = threading.Lock()

    # -- state -------------------------------------------------------------

    @property
    def emu(self) -> StrictCognito:
        if self._server is None:
            raise RuntimeError("the training environment has not been started")
        return self._server.emu

    @property
    def seed(self) -> SeedResult:
        if self._seed is None:
            raise RuntimeError("the training environment has not been started")
        return self._seed

    @property
    def settings(self) -> ConnectionSettings:
        if self._settings is None:
            raise RuntimeError("the training environment has not been started")
        return self._settings

    @property
    def admin_client(self) -> Any:
        """The administrator's client the pool was seeded with (dummy keys)."""
        if self._client is None:
            raise RuntimeError("the training environment has not been started")
        return self._client

    def totp_code(self, secret: str) -> str:
        """The authenticator app's code for ``secret`` now, on the emulator's clock."""
        from cogtotp_gui.emulator.totp import totp_code

        return totp_code(secret, self.emu.now())

    @property
    def running(self) -> bool:
        return self._server is not None and self._server.running and self._seed is not None

    # -- lifecycle ------------------------------------------------------------

    def start(self) -> ConnectionSettings:
        """Start (or adopt) the emulator, seed the pool, return the connection."""
        with self._lock:
            from cogtotp_gui.emulator import EmulatorServer, StrictCognito

            if self._server is None:
                emu = StrictCognito() if self._clock is None else StrictCognito(clock=self._clock)
                self._server = EmulatorServer(emu)
            endpoint_url = self._server.start()
            if not self._owns_server:
                # A shared server may hold another test's pools and codes.
                self._server.reset()
            self._client = self._admin_client(endpoint_url)
            return self._seed_pool(endpoint_url)

    def reset(self) -> ConnectionSettings:
        """Wipe every change and seed the same users again.

        The usernames and passwords stay the same; the pool and client are
        new (Cognito ids are random), so the returned connection differs.
        """
        with self._lock:
            if self._server is None or not self._server.running:
                raise RuntimeError("the training environment is not running")
            self._server.reset()
            return self._seed_pool(self._server.endpoint_url)

    def stop(self) -> None:
        """Stop the emulator if this environment started it. Idempotent."""
        with self._lock:
            server = self._server
            if server is not None and self._owns_server:
                server.stop()
                self._server = None
            self._client = None

    # -- plumbing ----------------------------------------------------------

    def _seed_pool(self, endpoint_url: str) -> ConnectionSettings:
        from cogtotp_gui.emulator import seed_training_pool
        from cogtotp_gui.emulator.seed import seed_inventory_users

        assert self._server is not None
        seed = seed_training_pool(self._client, self._server.emu)
        # A few hundred users of mixed MFA states for the Migration window
        # (written straight into the backend: a few milliseconds, not seconds).
        seed_inventory_users(self._server.emu, seed.pool_id, TRAINING_INVENTORY_USERS, region=seed.region)
        settings = training_settings(seed, endpoint_url)
        self._seed, self._settings = seed, settings
        return settings

    @staticmethod
    def _admin_client(endpoint_url: str) -> Any:
        """An administrator's client for seeding, with explicit dummy keys
        (independent of the environment, which the wizard's client reads)."""
        import boto3
        from botocore.config import Config

        from cogtotp_gui.enrollment.gateway import silence_sdk_debug_logging

        client = boto3.session.Session().client(
            "cognito-idp",
            region_name=TRAINING_REGION,
            endpoint_url=endpoint_url,
            # Never through an HTTP(S)_PROXY: the emulator is on this computer.
            config=Config(proxies={}),
            aws_access_key_id=TRAINING_ACCESS_KEY,
            aws_secret_access_key=TRAINING_SECRET_KEY,
        )
        silence_sdk_debug_logging()
        return client
