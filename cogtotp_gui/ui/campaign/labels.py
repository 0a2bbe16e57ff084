"""The words for a session user's state and why they failed, translatable.

Shared by the queue panel and the report, so both say the same thing.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from cogtotp_gui.campaign.queue import UserState


def state_label(state: UserState | str) -> str:
    """A state (or a report outcome such as "waiting") in the user's language."""
    value = state.value if isinstance(state, UserState) else state
    translate = QCoreApplication.translate
    return {
        "waiting": translate("SessionLabels", "Waiting"),
        "in_progress": translate("SessionLabels", "In progress"),
        "enrolled": translate("SessionLabels", "Enrolled"),
        "verified": translate("SessionLabels", "Verified"),
        "already_totp": translate("SessionLabels", "Already on an authenticator"),
        "skipped": translate("SessionLabels", "Skipped"),
        "failed": translate("SessionLabels", "Failed"),
    }.get(value, value)


def reason_label(reason: str) -> str:
    """A failure's error kind (or a note such as ``not_rehearsed``) in words;
    a skip reason (the operator's own) as typed."""
    translate = QCoreApplication.translate
    known = {
        "rehearsal_sms": translate("SessionLabels", "the change did not take: Cognito still sends a text message"),
        "rehearsal_no_mfa": translate("SessionLabels", "the change did not take: the sign-in asks for no code"),
        "rehearsal_other": translate("SessionLabels", "the change did not take: the sign-in asks for something else"),
        "not_rehearsed": translate("SessionLabels", "the new sign-in was not tried"),
        "stopped": translate("SessionLabels", "stopped before the end"),
        "user_state": translate("SessionLabels", "the account needs IT (not confirmed, or a password reset)"),
        "unsupported": translate("SessionLabels", "a sign-in method the wizard does not support"),
        "wrong_credentials": translate("SessionLabels", "wrong username or password"),
        "wrong_code": translate("SessionLabels", "wrong code"),
        "session_expired": translate("SessionLabels", "the sign-in expired"),
        "throttled": translate("SessionLabels", "too many attempts"),
        "network": translate("SessionLabels", "no connection to Cognito"),
        "service": translate("SessionLabels", "a problem at Cognito"),
        "config": translate("SessionLabels", "the connection settings"),
        "credentials": translate("SessionLabels", "the operator's AWS credentials"),
        "invalid_password": translate("SessionLabels", "the new password was refused"),
        "unexpected": translate("SessionLabels", "an unexpected error"),
    }
    return known.get(reason, reason)


def duration_text(seconds: float | None) -> str:
    """``m:ss`` (or ``h:mm:ss``); an en dash for nothing."""
    if seconds is None:
        return "–"
    total = round(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
