"""A team campaign's rules, without a table: states, leases, errors (Qt-free, boto3-free).

A user of a team campaign has the states of an onboarding session
(:class:`~cogtotp_gui.campaign.queue.UserState`). A desk *holds* a user in
progress under a lease: a number (``lease_v``) the holder bumps at every
renewal. Other desks never read a holder's clock, nor write an absolute
expiry time: a waiting desk judges a lease lapsed only after it has itself
seen the same version for a whole lease duration on its own monotonic clock
(the AWS DynamoDB lock client's design; docs/team-campaigns.md): the rule
of a session's lease too, kept once in
:class:`~cogtotp_gui.campaign.lease.VersionWatch`. Every
write of an outcome is conditional on the version the writer holds.
"""

from __future__ import annotations

import dataclasses
import enum

from cogtotp_gui.campaign.queue import UserState

__all__ = [
    "DEFAULT_LEASE_SECONDS",
    "SCHEMA_VERSION",
    "TROUBLE_KINDS",
    "CampaignInfo",
    "FinishResult",
    "Identity",
    "Lease",
    "TeamError",
    "TeamErrorKind",
    "TeamUser",
]

# The table's layout version this code writes and reads; a campaign item
# with a higher one was written by a newer app and is refused.
SCHEMA_VERSION = 1
# How long a desk may go without renewing before others may take its user.
# The holder renews every third of it, so two missed renewals are survived.
DEFAULT_LEASE_SECONDS = 120.0


# What can go wrong on the way to a user's outcome, recorded per user and
# summed per campaign (the report's "where users got stuck"): the steps of
# the wizard and the error kinds (``ErrorKind.value``) met there.
TROUBLE_KINDS = (
    "sms_not_delivered",  # the operator asked for a new SMS code
    "wrong_sms_code",
    "wrong_totp_code",
    "session_expired",
    "wrong_password",
    "network",
    "throttled",
)


class TeamErrorKind(enum.Enum):
    """What went wrong, at the granularity an operator or a script acts on."""

    TABLE_MISSING = "table_missing"  # no such table in this account/region
    TABLE_SHAPE = "table_shape"  # keys or index not as the template makes them
    SCHEMA_TOO_NEW = "schema_too_new"  # written by a newer version of the app
    CAMPAIGN_MISSING = "campaign_missing"
    CAMPAIGN_EXISTS = "campaign_exists"
    CAMPAIGN_CLOSED = "campaign_closed"
    WRONG_POOL = "wrong_pool"  # the campaign belongs to another user pool
    NOT_IN_CAMPAIGN = "not_in_campaign"  # a walk-in who is not on the list
    HELD = "held"  # a walk-in held by another desk (``holder`` says who)
    FINISHED = "finished"  # a walk-in who already has a final outcome
    LEASE_LOST = "lease_lost"  # the desk no longer holds the user
    ACCESS_DENIED = "access_denied"  # ``action`` names the refused call
    THROTTLED = "throttled"
    CONFLICT = "conflict"  # transactions kept colliding on the counter item
    OFFLINE = "offline"  # the table cannot be reached (outcomes wait in the outbox)
    CREDENTIALS = "credentials"  # no AWS credentials for the table
    INSECURE_ENDPOINT = "insecure_endpoint"  # plain http to a non-loopback host
    AWS = "aws"  # any other AWS error (``action``, ``code``)


class TeamError(Exception):
    """A team-campaign operation that did not happen; nothing was changed
    unless the kind says so. The text holds names and codes, never a secret.

    Attributes:
        kind: see :class:`TeamErrorKind`.
        action: the DynamoDB/STS call concerned (``UpdateItem`` ...), or "".
        code: AWS's error code, or "".
        holder: for ``held``/``lease_lost``: "operator (desk)" of the holder.
        state: for ``finished``: the user's final state.
    """

    def __init__(
        self,
        kind: TeamErrorKind,
        detail: str = "",
        *,
        action: str = "",
        code: str = "",
        holder: str = "",
        state: str = "",
    ) -> None:
        self.kind = kind
        self.action = action
        self.code = code
        self.holder = holder
        self.state = state
        text = kind.value
        if detail:
            text += f": {detail}"
        if action:
            text += f" ({action}{' ' + code if code else ''})"
        super().__init__(text)

    @property
    def message_key(self) -> str:
        return f"team.{self.kind.value}"


@dataclasses.dataclass(frozen=True)
class Identity:
    """Who writes: the operator (the caller's ARN from STS) at a desk
    (host and OS account). Carried by every write."""

    operator: str
    desk: str

    @property
    def label(self) -> str:
        return f"{self.operator} ({self.desk})"


@dataclasses.dataclass(frozen=True)
class Lease:
    """A user held by a desk instance (``holder``), at the version it last wrote."""

    username: str
    version: int
    holder: str


@dataclasses.dataclass
class TeamUser:
    """One user of a campaign, as the table has it."""

    username: str
    state: UserState
    position: int
    holder: str = ""  # the holding desk instance, while in progress
    lease_version: int = 0
    operator: str = ""  # who last took or finished the user
    desk: str = ""
    started_at: float | None = None
    finished_at: float | None = None
    error: str = ""  # an error kind (failed), e.g. ``user_state``
    reason: str = ""  # why skipped
    conflict: str = ""  # a late outcome's note for the lead
    trouble: dict[str, int] = dataclasses.field(default_factory=dict)  # what went wrong on the way, per kind

    @property
    def lease(self) -> Lease:
        """The lease as the table has it (a desk's own user: what it renews)."""
        return Lease(self.username, self.lease_version, self.holder)

    @property
    def holder_label(self) -> str:
        return f"{self.operator} ({self.desk})" if self.operator else self.desk


@dataclasses.dataclass
class CampaignInfo:
    """The campaign's own item: what it is, and its counters (one read)."""

    name: str
    pool_id: str
    schema: int
    created_at: float
    lease_seconds: float
    counts: dict[UserState, int]
    conflicts: int = 0
    takeovers: int = 0
    closed_at: float | None = None
    by_day: dict[str, int] = dataclasses.field(default_factory=dict)  # finished users per UTC day
    by_operator: dict[str, int] = dataclasses.field(default_factory=dict)  # finished users per operator
    failures: dict[str, int] = dataclasses.field(default_factory=dict)  # failed/skipped per error kind or reason
    trouble: dict[str, int] = dataclasses.field(default_factory=dict)  # problems met on the way, per kind

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def finished(self) -> int:
        return sum(n for state, n in self.counts.items() if state.finished)


@dataclasses.dataclass(frozen=True)
class FinishResult:
    """How an outcome was recorded.

    ``conflict`` is set when the desk no longer held the user (its lease
    lapsed and maybe another desk took the user): the outcome was still
    recorded if the user had none, and the conflict was noted for the lead.
    """

    username: str
    state: UserState
    accepted: bool = True  # False: the user already had a final outcome (kept)
    conflict: bool = False
