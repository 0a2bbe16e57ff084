"""The Qt-free heart of the app: settings, Cognito calls and the enrollment flow.

Nothing below this package imports Qt (a test checks it in a subprocess), so
every enrollment rule can be tested in milliseconds without a display.
"""

from cogtotp_gui.enrollment.errors import EnrollmentError, ErrorKind, FlowStateError
from cogtotp_gui.enrollment.settings import ConnectionSettings, SettingsError, SignInMode, SmsAfterEnrollment

__all__ = [
    "ConnectionSettings",
    "EnrollmentError",
    "ErrorKind",
    "FlowStateError",
    "SettingsError",
    "SignInMode",
    "SmsAfterEnrollment",
]
