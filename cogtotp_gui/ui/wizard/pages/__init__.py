"""The wizard's pages, one small class each.

Each page class is imported the first time it is asked for (PEP 562), so
that the window can paint its first page before the others are even
imported (``EnrollmentWizard`` builds them right after the first paint).
Which module holds which page is the navigation table's (``navmap``).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from cogtotp_gui.ui.wizard.navmap import PageId, page_class_modules
from cogtotp_gui.ui.wizard.pages.base import EnrollmentPage

if TYPE_CHECKING:
    from cogtotp_gui.ui.wizard.pages.confirm import ConfirmPage
    from cogtotp_gui.ui.wizard.pages.connection import ConnectionPage
    from cogtotp_gui.ui.wizard.pages.credentials import CredentialsPage
    from cogtotp_gui.ui.wizard.pages.done import DonePage
    from cogtotp_gui.ui.wizard.pages.existing_totp import ExistingTotpPage
    from cogtotp_gui.ui.wizard.pages.lost_authenticator import LostAuthenticatorPage
    from cogtotp_gui.ui.wizard.pages.new_password import NewPasswordPage
    from cogtotp_gui.ui.wizard.pages.rehearsal import RehearsalPage
    from cogtotp_gui.ui.wizard.pages.secret import SecretPage
    from cogtotp_gui.ui.wizard.pages.sms_code import SmsCodePage
    from cogtotp_gui.ui.wizard.pages.unsupported import UnsupportedPage

__all__ = [
    "ConfirmPage",
    "ConnectionPage",
    "CredentialsPage",
    "DonePage",
    "EnrollmentPage",
    "ExistingTotpPage",
    "LostAuthenticatorPage",
    "NewPasswordPage",
    "PageId",
    "RehearsalPage",
    "SecretPage",
    "SmsCodePage",
    "UnsupportedPage",
]


def __getattr__(name: str) -> Any:
    module = page_class_modules().get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value
