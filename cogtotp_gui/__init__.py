"""cogtotp-gui: a helpdesk wizard that moves Amazon Cognito users from SMS MFA to TOTP."""

__version__ = "0.1.0"
