"""Training pools: one user per situation the wizard has to handle.

Seeding goes through the public Cognito API with a boto3 client, exactly as
an administrator would set up a real pool (docs/cognito.md, "Emulators and their gaps"), so the seeded state
is state the real service could be in. TOTP users are enrolled the way the
wizard enrolls them (associate, verify with a real code, set preference).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from cogtotp_gui.enrollment.secret_hash import secret_hash

from .strict import StrictCognito
from .totp import totp_code

TRAINING_PASSWORD = "Training-1234!"
TEMPORARY_PASSWORD = "Temporary-1234!"
# Satisfies the pool policy; what a trainee would type as the new password.
SUGGESTED_NEW_PASSWORD = "Renewed-5678!"

_SMS_ROLE = {
    "SnsCallerArn": "arn:aws:iam::123456789012:role/cogtotp-training-sms",
    "ExternalId": "cogtotp-training",
}
_PASSWORD_POLICY = {
    "MinimumLength": 8,
    "RequireUppercase": True,
    "RequireLowercase": True,
    "RequireNumbers": True,
    "RequireSymbols": True,
    "TemporaryPasswordValidityDays": 7,
}
_AUTH_FLOWS = [
    "ALLOW_ADMIN_USER_PASSWORD_AUTH",
    "ALLOW_USER_PASSWORD_AUTH",
    "ALLOW_REFRESH_TOKEN_AUTH",
]


@dataclass(frozen=True)
class SeedUser:
    """A seeded user and what signing in as them leads to.

    Attributes:
        username: the Cognito username.
        password: the password to sign in with (the temporary one for
            ``temp_password``; any policy-conforming new password works, e.g.
            ``SUGGESTED_NEW_PASSWORD``).
        kind: the stable situation name (``sms``, ``totp``, ...).
        phone: the full phone number (Cognito shows it masked).
        email: the e-mail address.
        first_challenge: what sign-in returns first: a ChallengeName, or
            ``"TOKENS"`` when it returns tokens directly.
        description: one line for trainers.
        totp_secret: the authenticator secret of TOTP-enrolled users.
    """

    username: str
    password: str = field(repr=False)
    kind: str
    phone: str
    email: str
    first_challenge: str
    description: str
    totp_secret: str | None = field(default=None, repr=False)


@dataclass(frozen=True)
class SeedResult:
    """The seeded pool, its app client and users (keyed by ``kind``)."""

    pool_id: str
    client_id: str
    client_secret: str = field(repr=False)
    region: str
    users: dict[str, SeedUser]

    def user(self, username: str) -> SeedUser:
        """Look a seeded user up by username rather than by kind."""
        for user in self.users.values():
            if user.username == username:
                return user
        raise KeyError(username)

    def secret_hash(self, username: str) -> str:
        """SECRET_HASH for ``username`` with this client."""
        return secret_hash(username, self.client_id, self.client_secret)


@dataclass(frozen=True)
class _Spec:
    kind: str
    username: str
    phone: str
    mfa: str  # "sms", "totp", "totp_sms", "both", "email", "none"
    first_challenge: str
    description: str
    temporary: bool = False
    sms_lost: bool = False
    passwordless: bool = False


_TRAINING_USERS = (
    _Spec("sms", "alice.sms", "+15555551234", "sms", "SMS_MFA",
          "SMS MFA; the code arrives on the training phone."),
    _Spec("sms2", "bob.sms", "+15555552345", "sms", "SMS_MFA",
          "A second SMS user, for 'next user' practice."),
    _Spec("temp_password", "carol.newpass", "+15555553456", "sms", "NEW_PASSWORD_REQUIRED",
          "Temporary password: set a new one, then the SMS code follows.", temporary=True),
    _Spec("totp", "dave.totp", "+15555554567", "totp", "SOFTWARE_TOKEN_MFA",
          "Already uses an authenticator app; re-enrolling must be a choice."),
    _Spec("no_mfa", "erin.nomfa", "+15555555678", "none", "TOKENS",
          "No MFA at all: sign-in goes straight to the QR code."),
    _Spec("no_sms_delivery", "frank.nosignal", "+15555556789", "sms", "SMS_MFA",
          "SMS MFA, but the phone has no signal: the code never arrives.", sms_lost=True),
    _Spec("both_mfa", "grace.both", "+15555557890", "both", "SELECT_MFA_TYPE",
          "SMS and TOTP enabled, neither preferred: Cognito asks which."),
    _Spec("email_otp", "heidi.email", "+15555558901", "email", "EMAIL_OTP",
          "Email MFA: the code arrives in the training phone's mailbox."),
    _Spec("lost_phone", "kate.lostphone", "+15555550123", "totp_sms", "SOFTWARE_TOKEN_MFA",
          "Lost the phone with the authenticator: reset it (admin mode), then enroll again via SMS."),
)  # fmt: skip

_MFA_REQUIRED_USERS = (
    _Spec("mfa_setup", "ivan.setup", "+15555559012", "none", "MFA_SETUP",
          "The pool requires MFA and the user has none: set up TOTP at sign-in."),
)  # fmt: skip


# Choice-based sign-in (USER_AUTH): a client that allows nothing else.
_USER_AUTH_USERS = (
    _Spec("sms", "lena.sms", "+15555550234", "sms", "SELECT_CHALLENGE",
          "SMS MFA behind choice-based sign-in."),
    _Spec("email_otp", "mia.email", "+15555550345", "email", "SELECT_CHALLENGE",
          "Email MFA behind choice-based sign-in."),
    _Spec("passwordless", "nina.nopassword", "+15555550456", "none", "SELECT_CHALLENGE",
          "Signs in with an e-mailed code only: no password to sign in with.", passwordless=True),
)  # fmt: skip

_SMS_ONLY_REQUIRED_USERS = (
    _Spec("mfa_setup", "oscar.setup", "+15555550567", "none", "MFA_SETUP",
          "The pool requires MFA but allows only SMS: TOTP cannot be set up."),
)  # fmt: skip


def seed_training_pool(client: Any, emu: StrictCognito) -> SeedResult:
    """Create the training pool (MFA optional) with one user of every kind."""
    pool_id = _create_pool(client, "cogtotp-training", "OPTIONAL", with_sms=True)
    return _seed(client, emu, pool_id, _TRAINING_USERS)


def seed_mfa_required_pool(client: Any, emu: StrictCognito) -> SeedResult:
    """Create a pool with MFA ON (TOTP only) and a user without MFA."""
    pool_id = _create_pool(client, "cogtotp-mfa-required", "ON", with_sms=False)
    return _seed(client, emu, pool_id, _MFA_REQUIRED_USERS)


def seed_user_auth_pool(
    client: Any,
    emu: StrictCognito,
    *,
    tier: str = "ESSENTIALS",
    flows: tuple[str, ...] = ("ALLOW_USER_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"),
) -> SeedResult:
    """A pool of today's kind: choice-based sign-in (password or an e-mailed
    code as first factor), its app client allowing only ``flows``; an SMS
    user, an email-MFA user and a passwordless user. ``tier="LITE"`` makes a
    pool whose plan lacks choice-based sign-in."""
    pool_id = _create_pool(
        client,
        "cogtotp-user-auth",
        "OPTIONAL",
        with_sms=True,
        tier=tier,
        first_factors=["PASSWORD", "EMAIL_OTP"],
    )
    return _seed(client, emu, pool_id, _USER_AUTH_USERS, flows=list(flows))


def seed_sms_only_required_pool(client: Any, emu: StrictCognito) -> SeedResult:
    """A pool with MFA ON that allows SMS only (no TOTP), and a user without MFA."""
    pool_id = _create_pool(client, "cogtotp-sms-only", "ON", with_sms=True, with_totp=False)
    return _seed(client, emu, pool_id, _SMS_ONLY_REQUIRED_USERS)


def add_app_client(
    client: Any,
    pool_id: str,
    name: str = "cogtotp-helpdesk",
    *,
    flows: list[str] | None = None,
    **config: Any,
) -> dict[str, Any]:
    """An app client as the wizard needs one (with a secret, both password
    sign-in flows unless ``flows`` names others); ``config`` adds
    CreateUserPoolClient settings, e.g. ``AuthSessionValidity=10``.
    Returns moto's ``UserPoolClient``."""
    return client.create_user_pool_client(
        UserPoolId=pool_id,
        ClientName=name,
        GenerateSecret=True,
        ExplicitAuthFlows=flows or _AUTH_FLOWS,
        **config,
    )["UserPoolClient"]


def _seed(
    client: Any, emu: StrictCognito, pool_id: str, specs: tuple[_Spec, ...], *, flows: list[str] | None = None
) -> SeedResult:
    app_client = add_app_client(client, pool_id, flows=flows)
    seed = SeedResult(
        pool_id=pool_id,
        client_id=app_client["ClientId"],
        client_secret=app_client["ClientSecret"],
        region=client.meta.region_name,
        users={},
    )
    for spec in specs:
        seed.users[spec.kind] = _seed_user(client, emu, seed, spec)
    return seed


def _create_pool(
    client: Any,
    name: str,
    mfa: str,
    *,
    with_sms: bool,
    with_totp: bool = True,
    tier: str | None = None,
    first_factors: list[str] | None = None,
) -> str:
    policies: dict[str, Any] = {"PasswordPolicy": _PASSWORD_POLICY}
    extra: dict[str, Any] = {}
    if first_factors:
        policies["SignInPolicy"] = {"AllowedFirstAuthFactors": first_factors}
    if tier:
        extra["UserPoolTier"] = tier
    pool_id = client.create_user_pool(
        PoolName=name,
        MfaConfiguration=mfa,
        Policies=policies,
        **extra,
    )["UserPool"]["Id"]
    mfa_config: dict[str, Any] = {"SoftwareTokenMfaConfiguration": {"Enabled": with_totp}}
    if with_sms:
        mfa_config["SmsMfaConfiguration"] = {"SmsConfiguration": _SMS_ROLE}
    client.set_user_pool_mfa_config(UserPoolId=pool_id, MfaConfiguration=mfa, **mfa_config)
    return pool_id


def _seed_user(client: Any, emu: StrictCognito, seed: SeedResult, spec: _Spec) -> SeedUser:
    email = f"{spec.username.split('.')[0]}@example.com"
    _create_user(client, seed.pool_id, spec, email)
    totp_secret = None
    if spec.mfa in ("totp", "totp_sms", "both"):
        # Enrolled before SMS is switched on, while sign-in still gives tokens.
        totp_secret = _enroll_totp(client, emu, seed, spec.username)
    _set_mfa(client, seed.pool_id, spec)
    if spec.sms_lost:
        emu.set_sms_delivery(seed.pool_id, spec.username, delivered=False)
    if spec.passwordless:
        emu.set_passwordless(seed.pool_id, spec.username)
    return SeedUser(
        username=spec.username,
        password=TEMPORARY_PASSWORD if spec.temporary else TRAINING_PASSWORD,
        kind=spec.kind,
        phone=spec.phone,
        email=email,
        first_challenge=spec.first_challenge,
        description=spec.description,
        totp_secret=totp_secret,
    )


def _create_user(client: Any, pool_id: str, spec: _Spec, email: str) -> None:
    client.admin_create_user(
        UserPoolId=pool_id,
        Username=spec.username,
        TemporaryPassword=TEMPORARY_PASSWORD,
        MessageAction="SUPPRESS",
        UserAttributes=[
            {"Name": "phone_number", "Value": spec.phone},
            {"Name": "phone_number_verified", "Value": "true"},
            {"Name": "email", "Value": email},
            {"Name": "email_verified", "Value": "true"},
        ],
    )
    if not spec.temporary:
        client.admin_set_user_password(
            UserPoolId=pool_id, Username=spec.username, Password=TRAINING_PASSWORD, Permanent=True
        )


def _enroll_totp(client: Any, emu: StrictCognito, seed: SeedResult, username: str) -> str:
    """Enroll an authenticator the way the wizard does; return its secret."""
    signed_in = client.admin_initiate_auth(
        UserPoolId=seed.pool_id,
        ClientId=seed.client_id,
        AuthFlow="ADMIN_USER_PASSWORD_AUTH",
        AuthParameters={
            "USERNAME": username,
            "PASSWORD": TRAINING_PASSWORD,
            "SECRET_HASH": seed.secret_hash(username),
        },
    )
    access_token = signed_in["AuthenticationResult"]["AccessToken"]
    secret = client.associate_software_token(AccessToken=access_token)["SecretCode"]
    client.verify_software_token(
        AccessToken=access_token,
        UserCode=totp_code(secret, emu.now()),
        FriendlyDeviceName="Training phone",
    )
    return secret


def _set_mfa(client: Any, pool_id: str, spec: _Spec) -> None:
    settings = _MFA_SETTINGS[spec.mfa]
    if settings:
        client.admin_set_user_mfa_preference(UserPoolId=pool_id, Username=spec.username, **settings)


_ENABLED_PREFERRED = {"Enabled": True, "PreferredMfa": True}
_ENABLED_NOT_PREFERRED = {"Enabled": True, "PreferredMfa": False}
_MFA_SETTINGS: dict[str, dict[str, dict[str, bool]]] = {
    "sms": {"SMSMfaSettings": _ENABLED_PREFERRED},
    "totp": {"SoftwareTokenMfaSettings": _ENABLED_PREFERRED},
    "totp_sms": {
        "SMSMfaSettings": _ENABLED_NOT_PREFERRED,
        "SoftwareTokenMfaSettings": _ENABLED_PREFERRED,
    },
    "both": {
        "SMSMfaSettings": _ENABLED_NOT_PREFERRED,
        "SoftwareTokenMfaSettings": _ENABLED_NOT_PREFERRED,
    },
    "email": {"EmailMfaSettings": _ENABLED_PREFERRED},
    "none": {},
}


# Mixed MFA states for an inventory to look at, in the proportions of a pool
# half-way through its migration. Each entry: (state, weight).
INVENTORY_MIX: tuple[tuple[str, int], ...] = (
    ("sms", 30),  # SMS MFA through the MFA-preference API
    ("legacy_sms", 8),  # SMS MFA the legacy way: MFAOptions only
    ("totp", 30),
    ("both_totp_preferred", 6),  # SMS and TOTP, TOTP preferred: done
    ("both_sms_preferred", 4),  # SMS and TOTP, SMS preferred: still on SMS
    ("email", 4),
    ("none", 10),
    ("unverified_token", 3),  # associated a token but never verified it
    ("disabled_sms", 3),
    ("temporary_password", 2),  # FORCE_CHANGE_PASSWORD, SMS MFA
)


def inventory_state(index: int) -> str:
    """The state of the ``index``-th bulk user (deterministic, spread evenly)."""
    total = sum(weight for _, weight in INVENTORY_MIX)
    slot = (index * 37) % total  # 37 is prime to 100: consecutive users differ
    for state, weight in INVENTORY_MIX:
        if slot < weight:
            return state
        slot -= weight
    raise AssertionError("unreachable")


def seed_inventory_users(
    emu: StrictCognito,
    pool_id: str,
    count: int,
    *,
    region: str,
    prefix: str = "user",
    account_id: str = "123456789012",
) -> dict[str, str]:
    """Add ``count`` users of mixed MFA states to a pool, in bulk.

    Writes straight into moto's in-process backend: 300 users through the
    API would take seconds of HTTP round trips, which the training mode's
    start cannot afford. The states are ones the real service can be in
    (see :data:`INVENTORY_MIX`); these users can sign in with
    ``TRAINING_PASSWORD`` like the others.

    Returns:
        username -> state (a key of :data:`INVENTORY_MIX`).
    """
    import secrets as _secrets

    from moto.cognitoidp.models import CognitoIdpUser, cognitoidp_backends

    pool = cognitoidp_backends[account_id][region].user_pools[pool_id]
    states: dict[str, str] = {}
    width = max(4, len(str(count)))
    with emu._lock:
        for index in range(count):
            state = inventory_state(index)
            username = f"{prefix}{index:0{width}d}"
            status = "FORCE_CHANGE_PASSWORD" if state == "temporary_password" else "CONFIRMED"
            password = TEMPORARY_PASSWORD if state == "temporary_password" else TRAINING_PASSWORD
            user = CognitoIdpUser(
                pool_id,
                username,
                password,
                status,
                [
                    {"Name": "phone_number", "Value": f"+1555{index % 10_000_000:07d}"},
                    {"Name": "phone_number_verified", "Value": "true"},
                    {"Name": "email", "Value": f"{username}@example.com"},
                    {"Name": "email_verified", "Value": "true"},
                ],
            )
            mfa = emu._user_state(pool_id, username)
            if state in ("sms", "disabled_sms", "temporary_password", "both_sms_preferred"):
                user.sms_mfa_enabled = True
                user.preferred_mfa_setting = "SMS_MFA"
            if state == "legacy_sms":
                mfa.legacy_sms_option = True
            if state in ("totp", "both_totp_preferred", "both_sms_preferred"):
                user.token_verified = True
                user.software_token_mfa_enabled = True
                mfa.totp_secret = _base32_secret(_secrets.token_bytes(20))
                if state != "both_sms_preferred":
                    user.preferred_mfa_setting = "SOFTWARE_TOKEN_MFA"
            if state == "both_totp_preferred":
                user.sms_mfa_enabled = True
            if state == "email":
                mfa.email_mfa_enabled = mfa.email_mfa_preferred = True
            if state == "unverified_token":
                mfa.pending_totp_secret = _base32_secret(_secrets.token_bytes(20))
            if state == "disabled_sms":
                user.enabled = False
            pool.users[username] = user
            states[username] = state
    return states


def _base32_secret(raw: bytes) -> str:
    import base64

    return base64.b32encode(raw).decode().rstrip("=")
