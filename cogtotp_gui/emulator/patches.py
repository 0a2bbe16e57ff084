"""Where the strict emulator hooks into moto (pinned to moto 5.2.x).

Everything moto-internal the emulator depends on is named in this module, so
a moto upgrade that moves things breaks here, loudly, in one place:

- ``CognitoIdpBackend``'s auth methods are replaced by ``StrictAuth``; moto
  routes both in-process (``mock_aws``) and server-mode calls through them.
- ``CognitoIdpResponse.call_action`` gets fault injection and latency.
- The two MFA-preference responses learn ``EmailMfaSettings``, which moto
  drops, and ``CognitoIdpUser.to_json`` reports email MFA in AdminGetUser.
- ``create_user_pool_client`` gives clients a secret shaped like Cognito's
  (51 lower-case letters and digits) instead of moto's UUID with dashes,
  which the app's settings validation rightly refuses.
- ``CognitoIdpResponse.admin_delete_software_token`` is added: moto 5.2
  does not know AdminDeleteSoftwareToken (botocore >= 1.43.82).
- ``ListUsers`` answers as Cognito does: no ``UserMFASettingList`` or
  ``PreferredMfaSetting`` (moto adds them), ``MFAOptions`` for users with the
  legacy SMS option, at most 60 users a page, opaque ``PaginationToken``s and,
  on request, empty pages before the last. ``AdminGetUser`` adds
  ``MFAOptions`` and leaves out empty MFA fields. ``AdminSetUserSettings``
  (which moto lacks) sets the legacy option.
- ``models.jwk`` is swapped for a memoising stand-in: every new user pool
  re-imports moto's one fixed RSA signing key, which costs ~0.12 s of CPU
  (prime recovery); with a pool per test that dominated the test suite.

Patches are class-level, so only one emulator can be installed at a time.
"""

from __future__ import annotations

import base64
import functools
import json
import secrets
import string
import threading
import types
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from joserfc import jwk as joserfc_jwk
from moto.cognitoidp import models as cognito_models
from moto.cognitoidp.models import CognitoIdpBackend, CognitoIdpUser
from moto.cognitoidp.responses import CognitoIdpResponse
from moto.core.responses import ActionResult

from . import errors
from .auth import user_for_access_token

if TYPE_CHECKING:
    from .strict import StrictCognito

# ListUsers returns at most this many users a page (its Limit's maximum).
# Here, not in strict.py: strict imports this module (lazily), not the reverse.
LIST_USERS_MAX_PAGE = 60

_BACKEND_METHODS = (
    "admin_initiate_auth",
    "initiate_auth",
    "admin_respond_to_auth_challenge",
    "respond_to_auth_challenge",
    "associate_software_token",
    "verify_software_token",
)

_INHERITED = object()
_lock = threading.Lock()
_active: StrictCognito | None = None
_saved: list[tuple[object, str, Any]] = []


def installed() -> StrictCognito | None:
    """The emulator currently patched into moto, if any."""
    return _active


def install(emu: StrictCognito) -> None:
    """Patch moto to route Cognito auth through ``emu``."""
    global _active
    with _lock:
        if _active is emu:
            return
        if _active is not None:
            raise RuntimeError("another StrictCognito is already installed")
        for name in _BACKEND_METHODS:
            _replace(CognitoIdpBackend, name, _strict_backend_method(emu, name))
        _replace(CognitoIdpBackend, "create_user_pool_client", _with_realistic_client_secret())
        _replace(CognitoIdpResponse, "call_action", _with_faults(emu))
        for name in ("admin_set_user_mfa_preference", "set_user_mfa_preference"):
            _replace(CognitoIdpResponse, name, _with_email_mfa(emu, name))
        _replace(CognitoIdpUser, "to_json", _user_json_with_email_mfa(emu))
        _replace(CognitoIdpResponse, "admin_delete_software_token", _admin_delete_software_token(emu))
        _replace(CognitoIdpResponse, "list_users", _strict_list_users(emu))
        _replace(CognitoIdpResponse, "admin_get_user", _strict_admin_get_user(emu))
        _replace(CognitoIdpResponse, "admin_set_user_settings", _admin_set_user_settings(emu))
        _replace_module_attr(cognito_models, "jwk", _MEMOISED_JWK)
        _active = emu


def uninstall(emu: StrictCognito) -> None:
    """Undo :func:`install`; a no-op if ``emu`` is not the installed one."""
    global _active
    with _lock:
        if _active is not emu:
            return
        while _saved:
            owner, name, original = _saved.pop()
            if original is _INHERITED:
                delattr(owner, name)
            else:
                setattr(owner, name, original)
        _active = None


def _replace(owner: type, name: str, replacement: Callable[..., Any]) -> None:
    # An inherited attribute (call_action lives on BaseResponse) is restored
    # by deleting our override, so the base class is never touched.
    _saved.append((owner, name, owner.__dict__.get(name, _INHERITED)))
    setattr(owner, name, replacement)


def _replace_module_attr(module: types.ModuleType, name: str, replacement: Any) -> None:
    _saved.append((module, name, getattr(module, name)))
    setattr(module, name, replacement)


@functools.lru_cache(maxsize=4)
def _import_rsa_key(key_json: str) -> Any:
    return joserfc_jwk.RSAKey.import_key(json.loads(key_json))


class _MemoisedRSAKey:
    @staticmethod
    def import_key(data: dict[str, Any]) -> Any:
        # The key is only ever used to sign, so sharing one object is safe.
        return _import_rsa_key(json.dumps(data, sort_keys=True))


_MEMOISED_JWK = types.SimpleNamespace(RSAKey=_MemoisedRSAKey)


def _strict_backend_method(emu: StrictCognito, name: str) -> Callable[..., Any]:
    original = getattr(CognitoIdpBackend, name)
    handler = getattr(emu._auth, name)

    @functools.wraps(original)
    def strict(backend: CognitoIdpBackend, *args: Any) -> Any:
        return emu._call(handler, backend, original, *args)

    return strict


def _with_realistic_client_secret() -> Callable[..., Any]:
    original = CognitoIdpBackend.create_user_pool_client

    @functools.wraps(original)
    def create_user_pool_client(backend: CognitoIdpBackend, *args: Any, **kwargs: Any) -> Any:
        client = original(backend, *args, **kwargs)
        alphabet = string.ascii_lowercase + string.digits
        client.secret = "".join(secrets.choice(alphabet) for _ in range(51))
        return client

    return create_user_pool_client


def _admin_delete_software_token(emu: StrictCognito) -> Callable[..., Any]:
    def admin_delete_software_token(response: CognitoIdpResponse) -> Any:
        result = emu._call(
            emu._auth.admin_delete_software_token,
            response.backend,
            response._get_param("UserPoolId"),
            response._get_param("Username"),
        )
        return ActionResult(result)

    return admin_delete_software_token


def _with_faults(emu: StrictCognito) -> Callable[..., Any]:
    original = CognitoIdpResponse.call_action

    @functools.wraps(original)
    def call_action(response: CognitoIdpResponse) -> Any:
        fault = emu._before_operation(response._get_action(), response._get_param("UserPoolId"))
        if fault is None:
            return original(response)
        headers = dict(fault.get_headers())
        headers["status"] = str(fault.code)
        return fault.code, headers, fault.get_body()

    return call_action


def _with_email_mfa(emu: StrictCognito, name: str) -> Callable[..., Any]:
    """Let the MFA-preference calls carry ``EmailMfaSettings`` as well."""
    original = getattr(CognitoIdpResponse, name)

    @functools.wraps(original)
    def set_preference(response: CognitoIdpResponse) -> Any:
        result = original(response)
        if name == "admin_set_user_mfa_preference":
            pool = response.backend.describe_user_pool(response._get_param("UserPoolId"))
            user = pool._get_user(response._get_param("Username"))
        else:
            pool, user = user_for_access_token(response._get_param("AccessToken"))
        _apply_email_preference(emu, pool.id, user, response)
        return result

    return set_preference


def _apply_email_preference(
    emu: StrictCognito, pool_id: str, user: CognitoIdpUser, response: CognitoIdpResponse
) -> None:
    """Keep "only one preferred method" true across moto's fields and ours."""
    if response._get_param("SMSMfaSettings") is not None:
        # The MFA-preference API supersedes the legacy MFAOptions.
        emu.set_legacy_sms_option(pool_id, user.username, False)
    email = response._get_param("EmailMfaSettings")
    enabled, preferred = emu.email_mfa(pool_id, user.username)
    if email is not None:
        enabled = bool(email.get("Enabled"))
        preferred = enabled and bool(email.get("PreferredMfa"))
        if preferred:
            user.preferred_mfa_setting = ""
    for other in ("SMSMfaSettings", "SoftwareTokenMfaSettings"):
        if (response._get_param(other) or {}).get("PreferredMfa"):
            preferred = False
    emu.set_email_mfa(pool_id, user.username, enabled=enabled, preferred=preferred)


def _user_json_with_email_mfa(emu: StrictCognito) -> Callable[..., Any]:
    original = CognitoIdpUser.to_json

    @functools.wraps(original)
    def to_json(user: CognitoIdpUser, extended: bool = False, *args: Any, **kwargs: Any) -> Any:
        result = original(user, extended, *args, **kwargs)
        enabled, preferred = emu.email_mfa(user.user_pool_id, user.username)
        if extended and enabled:
            result["UserMFASettingList"] = [*result["UserMFASettingList"], "EMAIL_OTP"]
            if preferred:
                result["PreferredMfaSetting"] = "EMAIL_OTP"
        return result

    return to_json


_LEGACY_SMS_OPTION = [{"DeliveryMedium": "SMS", "AttributeName": "phone_number"}]


def _strict_list_users(emu: StrictCognito) -> Callable[..., Any]:
    """ListUsers as Cognito answers it (see the module docstring)."""

    def list_users(response: CognitoIdpResponse) -> Any:
        pool_id = response._get_param("UserPoolId")
        limit = response._get_param("Limit")
        if limit is not None and not 0 <= int(limit) <= LIST_USERS_MAX_PAGE:
            raise errors.invalid_parameter(
                f"1 validation error detected: Value '{limit}' at 'limit' failed to satisfy constraint: "
                f"Member must have value less than or equal to {LIST_USERS_MAX_PAGE}"
            )
        size = int(limit) if limit else LIST_USERS_MAX_PAGE
        attributes_to_get = response._get_param("AttributesToGet")
        # moto's list (filtered or not), kept between pages while the pool does not
        # change: building it costs O(pool) a page (a census of 100,000 users
        # would measure the emulator, not the app).
        users = _pool_users(response.backend, pool_id, response._get_param("Filter") or "")
        offset, empties_served = _read_page_token(response._get_param("PaginationToken"))
        body: dict[str, Any] = {"Users": []}
        # Asked-for empty pages come just before the last page (never first).
        if offset > 0 and offset + size >= len(users) and empties_served < emu.list_users_empty_pages:
            body["PaginationToken"] = _page_token(offset, empties_served + 1)
            return ActionResult(body)
        page = users[offset : offset + size] if size else []
        for user in page:
            body["Users"].append(_list_entry(emu, user, attributes_to_get))
        if offset + size < len(users) and size:
            body["PaginationToken"] = _page_token(offset + size, empties_served)
        return ActionResult(body)

    return list_users


_listing_cache: dict[tuple[str, str], tuple[tuple[int, object, int], list[CognitoIdpUser]]] = {}


def _pool_users(backend: Any, pool_id: str, filt: str) -> list[CognitoIdpUser]:
    """The pool's users in moto's order (those ``filt`` selects); the list is reused until a
    user is added or removed (an addition goes to the end of moto's OrderedDict, so its
    length and last entry tell)."""
    users = backend.describe_user_pool(pool_id).users
    last = next(reversed(users), None) if users else None
    stamp = (len(users), last, id(users[last]) if last is not None else 0)
    cached = _listing_cache.get((pool_id, filt))
    if cached is not None and cached[0] == stamp:
        return cached[1]
    if filt:
        listed, _ = backend.list_users(pool_id, filt, limit=10**9, pagination_token=None)
    else:
        listed = list(users.values())
    _listing_cache[(pool_id, filt)] = (stamp, listed)
    return listed


def _list_entry(emu: StrictCognito, user: CognitoIdpUser, attributes_to_get: list[str] | None) -> dict[str, Any]:
    entry = CognitoIdpUser.to_json(user, extended=True, attributes_to_get=attributes_to_get)
    for field in ("UserMFASettingList", "PreferredMfaSetting", "MFAOptions", "UserPoolId"):
        entry.pop(field, None)
    if emu.legacy_sms_option(user.user_pool_id, user.username):
        entry["MFAOptions"] = list(_LEGACY_SMS_OPTION)
    return entry


def _page_token(offset: int, empties_served: int) -> str:
    raw = json.dumps({"o": offset, "e": empties_served}).encode()
    return base64.urlsafe_b64encode(raw).decode()


def _read_page_token(token: str | None) -> tuple[int, int]:
    if not token:
        return 0, 0
    try:
        data = json.loads(base64.urlsafe_b64decode(token.encode()))
        return int(data["o"]), int(data["e"])
    except (ValueError, KeyError, TypeError) as error:
        raise errors.invalid_parameter("Invalid pagination token") from error


def _strict_admin_get_user(emu: StrictCognito) -> Callable[..., Any]:
    """AdminGetUser with ``MFAOptions``, without moto's empty MFA fields."""

    def admin_get_user(response: CognitoIdpResponse) -> Any:
        user = response.backend.admin_get_user(response._get_param("UserPoolId"), response._get_param("Username"))
        body = CognitoIdpUser.to_json(user, extended=True, attributes_key="UserAttributes")
        body.pop("UserPoolId", None)
        body.pop("MFAOptions", None)
        if not body.get("UserMFASettingList"):
            body.pop("UserMFASettingList", None)
        if not body.get("PreferredMfaSetting"):
            body.pop("PreferredMfaSetting", None)
        if emu.legacy_sms_option(user.user_pool_id, user.username):
            body["MFAOptions"] = list(_LEGACY_SMS_OPTION)
        return ActionResult(body)

    return admin_get_user


def _admin_set_user_settings(emu: StrictCognito) -> Callable[..., Any]:
    """AdminSetUserSettings: the legacy way to switch SMS MFA on or off."""

    def admin_set_user_settings(response: CognitoIdpResponse) -> Any:
        pool_id = response._get_param("UserPoolId")
        user = response.backend.admin_get_user(pool_id, response._get_param("Username"))
        options = response._get_param("MFAOptions")
        if options is None:
            raise errors.missing_parameter("MFAOptions")
        sms = False
        for option in options:
            if option.get("DeliveryMedium") != "SMS" or option.get("AttributeName") != "phone_number":
                raise errors.invalid_parameter("Only phone_number attribute is supported for SMS MFA delivery.")
            sms = True
        emu.set_legacy_sms_option(pool_id, user.username, sms)
        return ActionResult({})

    return admin_set_user_settings
