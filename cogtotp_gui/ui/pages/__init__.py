"""The wizard's pages, one small class each."""

from cogtotp_gui.ui.pages.base import EnrollmentPage, PageId
from cogtotp_gui.ui.pages.confirm import ConfirmPage
from cogtotp_gui.ui.pages.connection import ConnectionPage
from cogtotp_gui.ui.pages.credentials import CredentialsPage
from cogtotp_gui.ui.pages.done import DonePage
from cogtotp_gui.ui.pages.existing_totp import ExistingTotpPage
from cogtotp_gui.ui.pages.new_password import NewPasswordPage
from cogtotp_gui.ui.pages.secret import SecretPage
from cogtotp_gui.ui.pages.sms_code import SmsCodePage
from cogtotp_gui.ui.pages.unsupported import UnsupportedPage

__all__ = [
    "ConfirmPage",
    "ConnectionPage",
    "CredentialsPage",
    "DonePage",
    "EnrollmentPage",
    "ExistingTotpPage",
    "NewPasswordPage",
    "PageId",
    "SecretPage",
    "SmsCodePage",
    "UnsupportedPage",
]
