"""Sentences for the core's message keys, in plain words, translatable.

The core names what went wrong with a key (``error.*``, ``input.*``,
``settings.*``); this module turns a key into a sentence a helpdesk operator
can read out to a user. Every sentence is a literal inside
``QCoreApplication.translate("Messages", ...)`` so that lupdate finds it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from cogtotp_gui.enrollment.errors import EnrollmentError
from cogtotp_gui.enrollment.settings import SettingsError

if TYPE_CHECKING:  # sqlite3 stays off the start-up path
    from PySide6.QtWidgets import QLineEdit

    from cogtotp_gui.campaign.database import DatabaseUnavailable


def _catalogue() -> dict[str, str]:
    # Built on each call so that a translator installed later takes effect.
    translate = QCoreApplication.translate
    return {
        # -- sign-in and codes --
        "error.wrong_credentials": translate(
            "Messages", "The username or password is not correct. Check them and try again."
        ),
        "error.wrong_code": translate(
            "Messages", "That code is not correct. Check the latest message and type the code again."
        ),
        "error.wrong_totp": translate(
            "Messages", "The authenticator app's code was not accepted. Type the code it shows now."
        ),
        "error.session_expired": translate(
            "Messages", "This sign-in has expired: Cognito keeps it open for a few minutes only."
        ),
        "error.token_expired": translate("Messages", "The sign-in is no longer valid. Start again with this user."),
        "error.throttled": translate(
            "Messages", "Cognito is receiving too many requests right now. Wait a minute, then try again."
        ),
        "error.too_many_attempts": translate(
            "Messages", "Too many wrong attempts for this user. Wait a few minutes before trying again."
        ),
        # -- the account --
        "error.user_not_confirmed": translate(
            "Messages",
            "This account has not been confirmed yet. An administrator must confirm it before it can be enrolled.",
        ),
        "error.password_reset_required": translate(
            "Messages",
            "This account must reset its password first. The wizard cannot do that; reset the password, then try again.",
        ),
        "error.user_disabled": translate(
            "Messages", "This account is disabled. An administrator must enable it first."
        ),
        "error.invalid_password": translate(
            "Messages", "The new password does not meet the user pool's password rules. Choose a different one."
        ),
        "error.totp_not_found": translate(
            "Messages",
            "Cognito has no authenticator set up for this user yet. Generate a new QR code and scan it again.",
        ),
        # -- network and service --
        # A lost reply to a call Cognito may have acted on (docs/security.md).
        "error.reply_lost": translate(
            "Messages",
            "The connection broke before Cognito answered, so it may have acted already. "
            "Try again; if the user receives another code, use the newest one.",
        ),
        "error.reply_lost_session": translate(
            "Messages",
            "The connection broke before Cognito answered, and this sign-in cannot be used again. "
            "Send a new code (or sign in again) to go on.",
        ),
        "error.reply_lost_new_password": translate(
            "Messages",
            "The connection broke before Cognito answered, so the new password may already be set. "
            "Sign in again; if the old password is refused, sign in with the new one.",
        ),
        "error.reply_lost_verify": translate(
            "Messages",
            "The connection broke before Cognito answered, and the code was not taken. "
            "Try again, or type the code the authenticator app shows now.",
        ),
        "error.reply_lost_rehearsal": translate(
            "Messages",
            "The connection broke before Cognito answered, and this sign-in cannot be used again. "
            "The user types the password again, then a new code.",
        ),
        "error.reply_lost_restart": translate(
            "Messages",
            "The connection broke before Cognito answered, and this sign-in cannot go on. Start again with this user.",
        ),
        "error.network": translate(
            "Messages", "Cognito could not be reached. Check the network connection, then try again."
        ),
        "error.timeout": translate(
            "Messages", "Cognito did not answer in time. Check the network connection, then try again."
        ),
        "error.service": translate("Messages", "Cognito reported a temporary problem. Try again in a moment."),
        # -- configuration --
        "error.config_secret_hash": translate(
            "Messages", "The app client secret does not match this app client. Check the connection settings."
        ),
        "error.config_auth_flow": translate(
            "Messages",
            "This app client does not allow password sign-in for this mode. Check the connection settings or the app client's "
            "authentication flows.",
        ),
        "error.config_not_found": translate(
            "Messages", "The user pool or app client was not found. Check the connection settings and the region."
        ),
        "error.config_pool": translate(
            "Messages",
            "The user pool is not set up for this kind of sign-in. Check the user pool's MFA and SMS settings.",
        ),
        "error.invalid_parameter": translate(
            "Messages", "Cognito rejected the request as invalid. Check the connection settings; the details may help."
        ),
        # -- the operator's AWS credentials (admin mode) --
        "error.access_denied": translate(
            "Messages",
            "Your AWS credentials are not allowed to do this. Ask for the Cognito administrator permissions.",
        ),
        "error.aws_credentials": translate(
            "Messages", "Your AWS credentials were not accepted. Check which AWS profile or keys this computer uses."
        ),
        "error.aws_credentials_expired": translate(
            "Messages", "Your AWS credentials have expired. Renew them, then try again."
        ),
        "error.no_aws_credentials": translate(
            "Messages", "No AWS credentials were found. Admin mode needs them; set up an AWS profile or use user mode."
        ),
        "error.sso_expired": translate(
            "Messages",
            "Your AWS single sign-on session has expired. Run “aws sso login” in a terminal, then try again.",
        ),
        "error.aws_profile_not_found": translate(
            "Messages", "The AWS profile was not found. Check its name in the connection settings."
        ),
        "error.unsupported": translate("Messages", "This account uses a sign-in method the wizard does not support."),
        "error.feature_tier": translate(
            "Messages",
            "This user pool's feature plan does not include the sign-in this app client needs. An administrator "
            "can change the pool's plan, or allow password sign-in (ALLOW_USER_PASSWORD_AUTH) on the app client.",
        ),
        "error.operation_unavailable": translate(
            "Messages",
            "This Cognito endpoint does not offer the operation (AdminDeleteSoftwareToken). The authenticator "
            "was not reset; nothing was changed. Use the real Cognito service, or ask whoever runs this endpoint.",
        ),
        "error.delete_token_denied": translate(
            "Messages",
            "Your AWS credentials may not reset authenticators. Ask your AWS administrator for the permission "
            "cognito-idp:AdminDeleteSoftwareToken on this user pool. Nothing was changed.",
        ),
        "error.reset_not_audited": translate(
            "Messages",
            "The authenticator was not reset: its record could not be written to the audit trail. "
            "Nothing was changed. Ask IT to check the audit folder (see Details), then try again.",
        ),
        "error.reset_needs_admin": translate(
            "Messages",
            "Only an administrator can reset a lost authenticator: this connection signs in without AWS "
            "credentials (user mode). Ask an administrator to reset the user's authenticator "
            "(AdminDeleteSoftwareToken), then sign the user in again.",
        ),
        "error.unexpected": translate(
            "Messages", "Something unexpected went wrong. Try again; if it happens again, show the details to IT."
        ),
        # -- what people type --
        "input.code_format": translate("Messages", "Type the 6-digit code (spaces are fine)."),
        "input.reason_empty": translate("Messages", "Type the reason for the reset (it goes into the audit trail)."),
        "input.reason_format": translate(
            "Messages", "The reason is too long (200 characters at most) or contains characters that cannot be used."
        ),
        "input.identity_not_verified": translate(
            "Messages", "Confirm that you verified the user's identity as your helpdesk's policy requires."
        ),
        "input.username_empty": translate("Messages", "Type the username."),
        "input.username_format": translate(
            "Messages", "This username is too long or contains characters that cannot be used."
        ),
        "input.username_space": translate("Messages", "A username has no spaces in it. Check what was typed."),
        "input.password_empty": translate("Messages", "Type the password."),
        "input.password_format": translate(
            "Messages", "This password is too long or contains characters that cannot be used."
        ),
        "input.rehearsal_code_too_soon": translate(
            "Messages", "Wait for the app's next code: the one used a moment ago is not used again."
        ),
        "input.password_mismatch": translate("Messages", "The two new passwords are not the same. Type them again."),
        "input.device_name_format": translate(
            "Messages", "The device name can have at most 64 characters and no control characters."
        ),
        # -- connection settings --
        "settings.user_pool_id": translate(
            "Messages", "Type the user pool ID as region_id, for example eu-west-1_AbCdEf123."
        ),
        "settings.client_id": translate("Messages", "Type the app client ID: letters and digits only."),
        "settings.client_secret": translate(
            "Messages",
            "The app client secret can contain letters, digits and punctuation, but no spaces or line breaks "
            "(at most 128 characters).",
        ),
        "settings.region": translate("Messages", "Type an AWS region such as eu-west-1, or leave it empty."),
        "settings.mode": translate("Messages", "Choose admin or user sign-in."),
        "settings.sms_after": translate("Messages", "Choose whether SMS stays switched on after enrollment."),
        "settings.issuer": translate("Messages", "Type the name the authenticator app shows (1 to 64 characters)."),
        "settings.issuer_colon": translate(
            "Messages", "The name shown in the authenticator app cannot contain a colon."
        ),
        "settings.endpoint_url": translate(
            "Messages", "Type the endpoint as http://host:port or https://host, or leave it empty."
        ),
        "config.endpoint_insecure": translate(
            "Messages",
            "This computer's AWS configuration (the AWS_ENDPOINT_URL variable or an endpoint in the AWS config file) "
            "sends the calls over plain http:// to another computer, which would send passwords and codes "
            "unencrypted. Change it to https://, or remove it.",
        ),
        "settings.endpoint_url_https": translate(
            "Messages",
            "Use https:// for this endpoint: plain http:// would send passwords and codes unencrypted, "
            "so it is allowed only for this computer (localhost).",
        ),
        # -- saved connections and preferences (cogtotp_gui.connections.model) --
        "settings.aws_profile": translate(
            "Messages", "Type an AWS profile name: letters, digits and . _ - + @ only, or leave it empty."
        ),
        "settings.campaign": translate(
            "Messages",
            "Type the team campaign's name: letters, digits, spaces and . : @ + - _ only, or leave it empty.",
        ),
        "settings.campaign_table": translate(
            "Messages", "Type the campaign table's name: 3 to 255 letters, digits and . _ - only, or leave it empty."
        ),
        "settings.campaign_table_needed": translate(
            "Messages", "A team campaign needs its table: type the campaign table's name, or clear the campaign."
        ),
        "settings.name": translate("Messages", "Give the connection a name without a slash."),
        "settings.name_managed": translate(
            "Messages",
            "IT manages a connection with this name. Choose another name; IT's connection cannot be changed here.",
        ),
        "settings.name_taken": translate(
            "Messages", "Another saved connection already has this name. Choose another name."
        ),
        "settings.profile_unknown": translate("Messages", "There is no saved connection with this name."),
        "settings.session_ttl": translate(
            "Messages", "Type how long the user pool keeps a sign-in open: 3 to 15 minutes."
        ),
        "settings.idle_timeout": translate("Messages", "The idle time-out is outside the allowed range."),
        "settings.clipboard_clear": translate("Messages", "The clipboard clearing delay is outside the allowed range."),
        "settings.language": translate("Messages", "Choose the system language, English or Japanese."),
        # -- the campaign database (campaign/database.py); the single-user wizard never needs it --
        "database.read_only": translate(
            "Messages",
            "The app's data folder is read-only, so campaign data cannot be saved. "
            "Ask IT for write access to it, or set COGTOTP_DATA_DIR to a writable folder.",
        ),
        "database.full": translate(
            "Messages", "The disk holding the app's data folder is full. Free some space, then try again."
        ),
        "database.locked": translate(
            "Messages",
            "Another copy of the app is writing campaign data right now. Wait until it finishes, then try again.",
        ),
        "database.corrupt": translate(
            "Messages",
            "The campaign data file is damaged. Move it out of the app's data folder; the app starts a new one.",
        ),
        "database.too_new": translate(
            "Messages", "The campaign data was saved by a newer version of the app. Update the app to open it."
        ),
        "database.unavailable": translate(
            "Messages", "The campaign data cannot be opened. Check the app's data folder, then try again."
        ),
        "database.taken_over": translate(
            "Messages",
            "Another copy of the app took this session over, so this window's changes are no longer saved. "
            "Go on in that copy, or export this window's report.",
        ),
        "database.unsafe": translate(
            "Messages",
            "The campaign data was not opened: a file in the app's data folder is a link, belongs to another "
            "account, or may be changed by other accounts. Ask IT to check the folder, or set COGTOTP_DATA_DIR "
            "to a folder of your own.",
        ),
    }


def arg(text: str, *values: object) -> str:
    """Fill ``%1``, ``%2``… in a translated sentence, like QString.arg.

    Whole sentences are translated with placeholders, never glued together,
    so a translation can put the values where its grammar needs them.
    """

    def fill(match: re.Match[str]) -> str:
        index = int(match.group(1)) - 1
        return str(values[index]) if 0 <= index < len(values) else match.group(0)

    return re.sub(r"%([1-9])", fill, text)


def message_for_key(key: str) -> str:
    """The sentence for a message key; unknown keys get the generic sentence."""
    catalogue = _catalogue()
    return catalogue.get(key) or catalogue["error.unexpected"]


def known_keys() -> frozenset[str]:
    return frozenset(_catalogue())


def error_message(error: EnrollmentError | SettingsError | DatabaseUnavailable) -> str:
    """The sentence to show for an error from the core.

    An expired AWS SSO session names the exact command that renews it,
    profile included, so the operator can copy it into a terminal.
    """
    profile = getattr(error, "aws_profile", None)
    if error.message_key == "error.sso_expired" and profile:
        return arg(
            QCoreApplication.translate(
                "Messages",
                "Your AWS single sign-on session for the profile “%1” has expired. "
                "Run “aws sso login --profile %1” in a terminal, then try again.",
            ),
            profile,
        )
    return message_for_key(error.message_key)


def error_details(error: EnrollmentError) -> str:
    """The service's own words for the "Details" view (already scrubbed)."""
    parts = []
    if error.code:
        parts.append(arg(QCoreApplication.translate("Messages", "Error code: %1"), error.code))
    detail = error.detail
    if error.code and detail.startswith(f"{error.code}: "):
        detail = detail[len(error.code) + 2 :]  # the code is on its own line already
    if detail and detail != error.code:
        parts.append(detail)
    if error.attempts_left is not None:
        parts.append(arg(QCoreApplication.translate("Messages", "Attempts left: %1"), error.attempts_left))
    return "\n".join(parts)


def trim_pasted(edit: QLineEdit) -> bool:
    """Take away the spaces or line breaks a paste brought around ``edit``'s
    text (a client secret copied from a console or a mail). Called when the
    field is left or submitted, never per keystroke: a space typed inside
    must stay visible, and be refused. Returns whether anything was taken."""
    text = edit.text()
    trimmed = text.strip()
    if trimmed == text:
        return False
    edit.setText(trimmed)
    return True


def audit_not_written(reason: str) -> str:
    """The window's line when an audit record could not be written (``reason``:
    the audit log's own words, e.g. the OS's "No space left on device")."""
    return arg(
        QCoreApplication.translate("Messages", "The audit trail could not be written: %1. Tell IT."),
        reason,
    )


def pasted_secret_trimmed() -> str:
    """What to say after :func:`trim_pasted` took something from a secret."""
    return QCoreApplication.translate("Messages", "Spaces or line breaks around the pasted secret were removed.")
