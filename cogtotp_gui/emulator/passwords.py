"""The user pool password policy, checked with Cognito's own wording.

moto checks the policy too, but answers every violation with one message
("... does not confirm to the configured password policy"); the real service
names the rule that failed, and the app shows that text to the user.
"""

from __future__ import annotations

from typing import Any

from .errors import CognitoError

# The symbols Cognito counts as "special characters".
_SYMBOLS = set("^$*.[]{}()?\"!@#%&/\\,><':;|_~`=+- ")


def check_password_policy(pool_extended_config: dict[str, Any], password: str) -> None:
    """Raise ``InvalidPasswordException`` if ``password`` breaks the pool policy."""
    policy = pool_extended_config.get("Policies", {}).get("PasswordPolicy", {})
    rules = (
        (len(password) >= policy.get("MinimumLength", 8), "Password not long enough"),
        (
            not policy.get("RequireUppercase", True) or any(c.isupper() for c in password),
            "Password must have uppercase characters",
        ),
        (
            not policy.get("RequireLowercase", True) or any(c.islower() for c in password),
            "Password must have lowercase characters",
        ),
        (
            not policy.get("RequireNumbers", True) or any(c.isdigit() for c in password),
            "Password must have numeric characters",
        ),
        (
            not policy.get("RequireSymbols", True) or any(c in _SYMBOLS for c in password),
            "Password must have symbol characters",
        ),
    )
    for ok, reason in rules:
        if not ok:
            raise CognitoError("InvalidPasswordException", f"Password does not conform to policy: {reason}")
