"""A team campaign on a DynamoDB table (boto3 only when a client is built).

Layout (one table may hold several campaigns; docs/team-campaigns.md):

* key ``pk`` (S) = ``c#<campaign>``, ``sk`` (S) = ``#campaign`` for the
  campaign's own item (pool, schema version, lease seconds, counters), or
  ``u#<username>`` for a user item;
* global secondary index ``queue``: ``q`` (S) = ``<campaign>#<state>``,
  ``pos`` (N) = the user's place in the list, so "the next waiting user" and
  "who is in progress" are queries, never scans.

Every change of a user's state is one ``TransactWriteItems`` of the user
item (conditional) and the campaign item (counters), so the counters always
equal a full scan and a refresh is one read. Claims, renewals and outcomes
are conditional writes (:mod:`.model` has the lease rules). Errors become
:class:`~.model.TeamError`; a transaction that collides on the counter item
is retried with jittered back-off; throttling is botocore's standard retry.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import getpass
import random
import socket
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any

from cogtotp_gui.campaign.lease import VersionWatch
from cogtotp_gui.campaign.queue import UserState
from cogtotp_gui.campaign.retry import Busy, retried
from cogtotp_gui.campaign.team.model import (
    DEFAULT_LEASE_SECONDS,
    SCHEMA_VERSION,
    CampaignInfo,
    FinishResult,
    Identity,
    Lease,
    TeamError,
    TeamErrorKind,
    TeamUser,
)
from cogtotp_gui.enrollment.errors import EnrollmentError
from cogtotp_gui.enrollment.settings import endpoint_host, is_loopback_host

__all__ = ["INDEX", "TeamStore", "caller_identity", "create_table", "dynamodb_client", "local_desk"]

INDEX = "queue"
CAMPAIGN_SK = "#campaign"
# Waiting users read per index query; claims take them until the list goes stale.
CANDIDATES = 25
# A transaction holds at most 100 items: 99 users and the campaign item.
IMPORT_CHUNK = 99
# Transactions that collide (another desk's on the counter item) are tried again.
CONFLICT_ATTEMPTS = 8
# Personal data of a closed campaign is kept this long, then DynamoDB's TTL deletes it.
CLOSED_TTL_DAYS = 90
_THROTTLE_CODES = frozenset(
    {"ProvisionedThroughputExceededException", "ThrottlingException", "RequestLimitExceeded", "Throttling"}
)
# The attribute names an outcome's update uses besides #st (reserved words in DynamoDB).
_FINAL_NAMES = {"#op": "operator", "#err": "error"}
_DENIED_CODES = frozenset({"AccessDeniedException", "AccessDenied", "UnrecognizedClientException"})


def local_desk() -> str:
    """This workstation and OS account: ``host/account``."""
    try:
        account = getpass.getuser()
    except Exception:
        account = "?"
    return f"{socket.gethostname()}/{account}"


def dynamodb_client(region: str | None = None, aws_profile: str | None = None, *, session: Any = None) -> Any:
    """A DynamoDB client from boto3's own configuration (credentials chain,
    ``AWS_ENDPOINT_URL_DYNAMODB`` / the profile's endpoint for an emulator).

    Raises:
        TeamError: no region, the profile does not exist, or the endpoint is
            plain http to a host other than this computer.
    """
    import botocore.config
    import botocore.exceptions

    try:
        if session is None:
            from cogtotp_gui.enrollment.boto_session import plain_json_boto3_session

            session = plain_json_boto3_session(aws_profile)
        client = session.client(
            "dynamodb",
            region_name=region,
            config=botocore.config.Config(
                retries={"mode": "standard", "max_attempts": 5}, connect_timeout=5, read_timeout=10
            ),
        )
    except EnrollmentError as error:  # the session's own endpoint rule (enrollment.boto_session)
        raise TeamError(TeamErrorKind.INSECURE_ENDPOINT, error.detail) from None
    except botocore.exceptions.ProfileNotFound as error:
        raise TeamError(TeamErrorKind.CREDENTIALS, f"no AWS profile {aws_profile!r}") from error
    except botocore.exceptions.NoRegionError as error:
        raise TeamError(TeamErrorKind.AWS, "no AWS region: give --region", code="NoRegion") from error
    endpoint = str(client.meta.endpoint_url)
    if endpoint.lower().startswith("http://") and not is_loopback_host(endpoint_host(endpoint)):
        raise TeamError(TeamErrorKind.INSECURE_ENDPOINT, f"plain http only to this computer, not {endpoint}")
    return client


def caller_identity(region: str | None = None, aws_profile: str | None = None, *, session: Any = None) -> str:
    """The caller's ARN (STS GetCallerIdentity): the operator every write carries."""
    import botocore.exceptions

    if session is None:
        from cogtotp_gui.enrollment.boto_session import plain_json_boto3_session

        session = plain_json_boto3_session(aws_profile)
    try:
        return str(session.client("sts", region_name=region).get_caller_identity()["Arn"])
    except botocore.exceptions.BotoCoreError as error:
        raise _translated(error, "GetCallerIdentity") from error
    except botocore.exceptions.ClientError as error:
        raise _translated(error, "GetCallerIdentity") from error


def create_table(client: Any, table: str, *, wait: bool = True) -> None:
    """A table of the template's shape (on-demand; for trials: production
    tables come from resources/aws/team-campaign.yaml)."""
    with _aws("CreateTable"):
        client.create_table(
            TableName=table,
            BillingMode="PAY_PER_REQUEST",
            AttributeDefinitions=[
                {"AttributeName": "pk", "AttributeType": "S"},
                {"AttributeName": "sk", "AttributeType": "S"},
                {"AttributeName": "q", "AttributeType": "S"},
                {"AttributeName": "pos", "AttributeType": "N"},
            ],
            KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
            GlobalSecondaryIndexes=[
                {
                    "IndexName": INDEX,
                    "KeySchema": [
                        {"AttributeName": "q", "KeyType": "HASH"},
                        {"AttributeName": "pos", "KeyType": "RANGE"},
                    ],
                    "Projection": {"ProjectionType": "ALL"},
                }
            ],
        )
    if wait:
        with _aws("DescribeTable"):
            client.get_waiter("table_exists").wait(TableName=table, WaiterConfig={"Delay": 1, "MaxAttempts": 60})
    with _aws("UpdateTimeToLive"):
        client.update_time_to_live(
            TableName=table, TimeToLiveSpecification={"Enabled": True, "AttributeName": "expires_at"}
        )


# -- attribute values ------------------------------------------------------------------


def _s(value: str) -> dict[str, str]:
    return {"S": value}


def _n(value: float) -> dict[str, str]:
    return {"N": repr(value) if isinstance(value, float) else str(value)}


def _num(item: dict[str, Any], name: str, default: float | None = None) -> Any:
    value = item.get(name)
    if value is None:
        return default
    text = value["N"]
    return float(text) if "." in text or "e" in text.lower() else int(text)


def _str(item: dict[str, Any], name: str) -> str:
    value = item.get(name)
    return value["S"] if value is not None else ""


def _user_of(item: dict[str, Any]) -> TeamUser:
    return TeamUser(
        username=item["sk"]["S"][2:],
        state=UserState(_str(item, "state")),
        position=int(_num(item, "pos", 0)),
        holder=_str(item, "holder"),
        lease_version=int(_num(item, "lease_v", 0)),
        operator=_str(item, "operator"),
        desk=_str(item, "desk"),
        started_at=_num(item, "started_at"),
        finished_at=_num(item, "finished_at"),
        error=_str(item, "error"),
        reason=_str(item, "reason"),
        conflict=_str(item, "conflict_note"),
        trouble={k: int(v["N"]) for k, v in item.get("trouble", {}).get("M", {}).items()},
    )


def _counter(state: UserState) -> str:
    return f"n_{state.value}"


# -- errors ----------------------------------------------------------------------------


class _Cancelled(Exception):
    """A transaction was cancelled; ``codes`` per item, in order."""

    def __init__(self, codes: list[str]) -> None:
        self.codes = codes
        super().__init__(", ".join(codes))


def _translated(error: Exception, action: str) -> TeamError:
    import botocore.exceptions

    if isinstance(error, botocore.exceptions.ClientError):
        code = str(error.response.get("Error", {}).get("Code", ""))
        if code == "ResourceNotFoundException":
            return TeamError(TeamErrorKind.TABLE_MISSING, action=action, code=code)
        if code in _DENIED_CODES:
            return TeamError(TeamErrorKind.ACCESS_DENIED, action=action, code=code)
        if code in _THROTTLE_CODES:
            return TeamError(TeamErrorKind.THROTTLED, action=action, code=code)
        if code in ("TransactionConflictException",):
            return TeamError(TeamErrorKind.CONFLICT, action=action, code=code)
        if code in ("ExpiredTokenException", "InvalidSignatureException", "MissingAuthenticationTokenException"):
            return TeamError(TeamErrorKind.CREDENTIALS, action=action, code=code)
        return TeamError(TeamErrorKind.AWS, action=action, code=code)
    if isinstance(error, botocore.exceptions.NoCredentialsError | botocore.exceptions.PartialCredentialsError):
        return TeamError(TeamErrorKind.CREDENTIALS, action=action, code=type(error).__name__)
    if isinstance(
        error,
        botocore.exceptions.EndpointConnectionError
        | botocore.exceptions.ConnectTimeoutError
        | botocore.exceptions.ReadTimeoutError
        | botocore.exceptions.ConnectionClosedError,
    ):
        return TeamError(TeamErrorKind.OFFLINE, action=action, code=type(error).__name__)
    return TeamError(TeamErrorKind.AWS, action=action, code=type(error).__name__)


@contextlib.contextmanager
def _aws(action: str) -> Iterator[None]:
    """Translate botocore's errors raised inside into TeamError; a cancelled
    transaction or a failed condition becomes :class:`_Cancelled` (the caller decides)."""
    import botocore.exceptions

    try:
        yield
    except botocore.exceptions.ClientError as error:
        code = str(error.response.get("Error", {}).get("Code", ""))
        if code == "TransactionCanceledException":
            reasons = error.response.get("CancellationReasons") or []
            raise _Cancelled([str(r.get("Code", "None")) for r in reasons]) from None
        if code == "ConditionalCheckFailedException":
            raise _Cancelled(["ConditionalCheckFailed"]) from None
        raise _translated(error, action) from None
    except botocore.exceptions.BotoCoreError as error:
        raise _translated(error, action) from None


def _busy() -> TeamError:
    return TeamError(TeamErrorKind.CONFLICT, "the counter item stayed busy", action="TransactWriteItems")


# -- the store -------------------------------------------------------------------------


class TeamStore:
    """One desk's view of one campaign in one table.

    Args:
        client: a DynamoDB client (:func:`dynamodb_client`).
        table: the table's name.
        campaign: the campaign's name.
        identity: the operator and desk every write carries.
        clock: this desk's monotonic clock (lease lapses are judged on it).
        wall: wall-clock seconds, for the times recorded (started, finished).
        spread: the next user is one of the first ``spread`` waiting ones
            (1: strictly in list order), so desks rarely collide.
    """

    def __init__(
        self,
        client: Any,
        table: str,
        campaign: str,
        identity: Identity,
        *,
        clock: Callable[[], float] = time.monotonic,
        wall: Callable[[], float] = time.time,
        rng: random.Random | None = None,
        sleep: Callable[[float], None] = time.sleep,
        spread: int = 4,
    ) -> None:
        self.client = client
        self.table = table
        self.campaign = campaign
        self.identity = identity
        # This desk instance: two windows on one workstation are two holders.
        self.holder = f"{identity.desk}#{uuid.uuid4().hex[:12]}"
        self._clock = clock
        self._wall = wall
        self._rng = rng or random.Random()
        self._sleep = sleep
        self._pk = _s(f"c#{campaign}")
        self.lease_seconds = DEFAULT_LEASE_SECONDS
        self.watch = VersionWatch(self.lease_seconds, clock)
        self._watched_at: float | None = None
        self._lapsed: list[TeamUser] = []
        self._candidates: list[TeamUser] = []  # waiting users from the last index query
        self.spread = spread
        self.requests: dict[str, int] = {}  # calls sent, by action (for the cost figures)

    def now(self) -> float:
        """Wall-clock seconds, as recorded in the table (started, finished)."""
        return self._wall()

    # -- keys and calls --

    def _user_key(self, username: str) -> dict[str, Any]:
        return {"pk": self._pk, "sk": _s(f"u#{username}")}

    def _campaign_key(self) -> dict[str, Any]:
        return {"pk": self._pk, "sk": _s(CAMPAIGN_SK)}

    def _q(self, state: UserState) -> dict[str, str]:
        return _s(f"{self.campaign}#{state.value}")

    def _call(self, action: str, method: str, **kwargs: Any) -> Any:
        self.requests[action] = self.requests.get(action, 0) + 1
        with _aws(action):
            return getattr(self.client, method)(**kwargs)

    def _transact(self, items: list[dict[str, Any]]) -> None:
        """TransactWriteItems, retried with jitter while it collides with
        another transaction (TransactionConflict: botocore does not retry a
        cancelled transaction); a failed condition is raised as
        :class:`_Cancelled` at once."""

        def attempt() -> None:
            try:
                self._call("TransactWriteItems", "transact_write_items", TransactItems=items)
            except _Cancelled as cancelled:
                if "ConditionalCheckFailed" in cancelled.codes:
                    raise
                if not any(code in ("TransactionConflict", "ThrottlingError") for code in cancelled.codes):
                    raise TeamError(
                        TeamErrorKind.AWS, action="TransactWriteItems", code=",".join(cancelled.codes)
                    ) from None
                raise Busy(_busy()) from None
            except TeamError as error:
                if error.kind is not TeamErrorKind.CONFLICT:
                    raise
                raise Busy(_busy()) from None

        retried(attempt, attempts=CONFLICT_ATTEMPTS, base=0.02, cap=1.0, sleep=self._sleep, rng=self._rng)

    def _change(self, user_update: dict[str, Any], counters: dict[str, Any]) -> bool:
        """One user's item and the campaign item's counters, in one
        transaction. False: the user's condition failed (another desk
        changed them first).

        Raises:
            TeamError: ``campaign_closed`` (the campaign item's condition
                failed), ``conflict``, or an AWS error.
        """
        try:
            self._transact([user_update, counters])
        except _Cancelled as cancelled:
            if cancelled.codes[-1:] == ["ConditionalCheckFailed"]:
                raise TeamError(TeamErrorKind.CAMPAIGN_CLOSED, self.campaign) from None
            return False
        return True

    def _user_update(
        self,
        username: str,
        expression: str,
        condition: str,
        values: dict[str, Any],
        names: dict[str, str] | None = None,
    ) -> dict[str, Any]:
        """A transaction's conditional update of one user's item (``#st`` names ``state``)."""
        return {
            "Update": {
                "TableName": self.table,
                "Key": self._user_key(username),
                "UpdateExpression": expression,
                "ConditionExpression": condition,
                "ExpressionAttributeNames": {"#st": "state", **(names or {})},
                "ExpressionAttributeValues": values,
            }
        }

    def _counters(self, changes: dict[str, int], sets: Sequence[tuple[str, str, int]] = ()) -> dict[str, Any]:
        """The campaign item's part of a transaction: ADD each counter;
        ``sets``: map-valued counters, ``(map, key, amount)``, e.g. one more
        for a day in ``by_day``. Refused once the campaign is closed."""
        names: dict[str, str] = {"#closed": "closed_at"}
        values: dict[str, Any] = {}
        parts = []
        for i, (counter, delta) in enumerate(changes.items()):
            names[f"#c{i}"] = counter
            values[f":c{i}"] = _n(delta)
            parts.append(f"#c{i} :c{i}")
        expression = "ADD " + ", ".join(parts)
        if sets:
            values[":zero"] = _n(0)
            set_parts = []
            maps: dict[str, str] = {}
            for i, (attribute, key, amount) in enumerate(sets):
                if attribute not in maps:
                    maps[attribute] = f"#m{len(maps)}"
                    names[maps[attribute]] = attribute
                m = maps[attribute]
                names[f"#k{i}"] = key
                values[f":a{i}"] = _n(amount)
                set_parts.append(f"{m}.#k{i} = if_not_exists({m}.#k{i}, :zero) + :a{i}")
            expression = "SET " + ", ".join(set_parts) + " " + expression
        return {
            "Update": {
                "TableName": self.table,
                "Key": self._campaign_key(),
                "UpdateExpression": expression,
                "ConditionExpression": "attribute_exists(pk) AND attribute_not_exists(#closed)",
                "ExpressionAttributeNames": names,
                "ExpressionAttributeValues": values,
            }
        }

    # -- the table and the campaign --

    def check_table(self) -> None:
        """The table exists and has the template's keys and index.

        Raises:
            TeamError: ``table_missing``, ``table_shape``, or an AWS error.
        """
        description = self._call("DescribeTable", "describe_table", TableName=self.table)["Table"]
        keys = {k["AttributeName"]: k["KeyType"] for k in description.get("KeySchema", [])}
        types = {a["AttributeName"]: a["AttributeType"] for a in description.get("AttributeDefinitions", [])}
        index = next((i for i in description.get("GlobalSecondaryIndexes", []) if i["IndexName"] == INDEX), None)
        index_keys = {k["AttributeName"]: k["KeyType"] for k in (index or {}).get("KeySchema", [])}
        if (
            keys != {"pk": "HASH", "sk": "RANGE"}
            or index_keys != {"q": "HASH", "pos": "RANGE"}
            or (types.get("pk"), types.get("sk"), types.get("q"), types.get("pos")) != ("S", "S", "S", "N")
        ):
            raise TeamError(
                TeamErrorKind.TABLE_SHAPE,
                f"{self.table} needs keys pk (S) + sk (S) and an index {INDEX!r} on q (S) + pos (N)",
            )

    def create(self, pool_id: str, *, lease_seconds: float = DEFAULT_LEASE_SECONDS) -> CampaignInfo:
        """A new, empty campaign bound to ``pool_id``.

        Raises:
            TeamError: ``campaign_exists``, or an AWS error.
        """
        now = self._wall()
        item = {
            **self._campaign_key(),
            "schema": _n(SCHEMA_VERSION),
            "pool_id": _s(pool_id),
            "created_at": _n(now),
            "created_by": _s(self.identity.operator),
            "lease_s": _n(lease_seconds),
            "next_pos": _n(0),
            "by_day": {"M": {}},
            "by_operator": {"M": {}},
            "failures": {"M": {}},
            "trouble": {"M": {}},
            **{_counter(state): _n(0) for state in UserState},
            "n_conflicts": _n(0),
            "n_takeovers": _n(0),
        }
        try:
            self._call(
                "PutItem", "put_item", TableName=self.table, Item=item, ConditionExpression="attribute_not_exists(pk)"
            )
        except _Cancelled:
            raise TeamError(TeamErrorKind.CAMPAIGN_EXISTS, self.campaign) from None
        return self.info()

    def info(self) -> CampaignInfo:
        """The campaign item: one strongly consistent read.

        Raises:
            TeamError: ``campaign_missing``, ``schema_too_new``, or an AWS error.
        """
        item = self._call(
            "GetItem", "get_item", TableName=self.table, Key=self._campaign_key(), ConsistentRead=True
        ).get("Item")
        if item is None:
            raise TeamError(TeamErrorKind.CAMPAIGN_MISSING, self.campaign)
        schema = int(_num(item, "schema", 0))
        if schema > SCHEMA_VERSION:
            raise TeamError(
                TeamErrorKind.SCHEMA_TOO_NEW,
                f"campaign {self.campaign} has schema {schema}; this app reads {SCHEMA_VERSION}",
            )

        def number_map(name: str) -> dict[str, int]:
            return {k: int(v["N"]) for k, v in item.get(name, {}).get("M", {}).items()}

        info = CampaignInfo(
            name=self.campaign,
            pool_id=_str(item, "pool_id"),
            schema=schema,
            created_at=float(_num(item, "created_at", 0)),
            lease_seconds=float(_num(item, "lease_s", DEFAULT_LEASE_SECONDS)),
            counts={state: int(_num(item, _counter(state), 0)) for state in UserState},
            conflicts=int(_num(item, "n_conflicts", 0)),
            takeovers=int(_num(item, "n_takeovers", 0)),
            closed_at=_num(item, "closed_at"),
            by_day=number_map("by_day"),
            by_operator=number_map("by_operator"),
            failures=number_map("failures"),
            trouble=number_map("trouble"),
        )
        return info

    def join(self, pool_id: str | None = None) -> CampaignInfo:
        """Check the table and the campaign before a desk works on it: the
        shape, the schema, the pool (a desk connected to another pool is
        refused), not closed. Adopts the campaign's lease duration.

        Raises:
            TeamError: ``table_shape``, ``campaign_missing``,
                ``schema_too_new``, ``wrong_pool``, ``campaign_closed``...
        """
        self.check_table()
        info = self.info()
        if pool_id is not None and info.pool_id != pool_id:
            raise TeamError(TeamErrorKind.WRONG_POOL, f"campaign {self.campaign} is for pool {info.pool_id}")
        if info.closed_at is not None:
            raise TeamError(TeamErrorKind.CAMPAIGN_CLOSED, self.campaign)
        self.lease_seconds = info.lease_seconds
        self.watch = VersionWatch(self.lease_seconds, self._clock)
        return info

    def import_users(self, usernames: Iterable[str]) -> tuple[int, int]:
        """Add users at the end of the list, waiting. Returns ``(added,
        already)``: a user already in the campaign keeps their state.

        Raises:
            TeamError: ``campaign_missing``/``campaign_closed``, or an AWS error.
        """
        names = list(dict.fromkeys(usernames))
        added = already = 0
        now = self._wall()
        for start in range(0, len(names), IMPORT_CHUNK):
            chunk = names[start : start + IMPORT_CHUNK]
            while chunk:
                info = self.info()
                if info.closed_at is not None:
                    raise TeamError(TeamErrorKind.CAMPAIGN_CLOSED, self.campaign)
                item = self._call(
                    "GetItem", "get_item", TableName=self.table, Key=self._campaign_key(), ConsistentRead=True
                )["Item"]
                first = int(_num(item, "next_pos", 0))
                puts = [
                    {
                        "Put": {
                            "TableName": self.table,
                            "Item": {
                                **self._user_key(name),
                                "state": _s(UserState.WAITING.value),
                                "q": self._q(UserState.WAITING),
                                "pos": _n(first + i),
                                "lease_v": _n(0),
                                "added_at": _n(now),
                                "added_by": _s(self.identity.operator),
                            },
                            "ConditionExpression": "attribute_not_exists(pk)",
                        }
                    }
                    for i, name in enumerate(chunk)
                ]
                counters = self._counters({_counter(UserState.WAITING): len(chunk), "next_pos": len(chunk)})
                # Two importers at once: the second's positions would collide.
                update = counters["Update"]
                update["ConditionExpression"] += " AND #np = :np"
                update["ExpressionAttributeNames"]["#np"] = "next_pos"
                update["ExpressionAttributeValues"][":np"] = _n(first)
                try:
                    self._transact([*puts, counters])
                except _Cancelled as cancelled:
                    present = [
                        name
                        for name, code in zip(chunk, cancelled.codes, strict=False)
                        if code == "ConditionalCheckFailed"
                    ]
                    if not present and cancelled.codes[-1:] != ["ConditionalCheckFailed"]:
                        raise TeamError(TeamErrorKind.AWS, action="TransactWriteItems", code=str(cancelled)) from None
                    already += len(present)
                    chunk = [name for name in chunk if name not in present]
                    continue
                added += len(chunk)
                chunk = []
        return added, already

    def close(self) -> None:
        """End the campaign: no more claims or imports; its users' items get
        a time-to-live (personal data goes after :data:`CLOSED_TTL_DAYS`)."""
        now = self._wall()
        expires = int(now + CLOSED_TTL_DAYS * 86400)
        try:
            self._call(
                "UpdateItem",
                "update_item",
                TableName=self.table,
                Key=self._campaign_key(),
                UpdateExpression="SET closed_at = :now, closed_by = :op, expires_at = :exp",
                ConditionExpression="attribute_exists(pk)",
                ExpressionAttributeValues={":now": _n(now), ":op": _s(self.identity.operator), ":exp": _n(expires)},
            )
        except _Cancelled:
            raise TeamError(TeamErrorKind.CAMPAIGN_MISSING, self.campaign) from None
        for user in self.users():
            self._call(
                "UpdateItem",
                "update_item",
                TableName=self.table,
                Key=self._user_key(user.username),
                UpdateExpression="SET expires_at = :exp",
                ExpressionAttributeValues={":exp": _n(expires)},
            )

    # -- reading users --

    def _pages(self, action: str, method: str, **kwargs: Any) -> Iterator[dict[str, Any]]:
        while True:
            page = self._call(action, method, **kwargs)
            yield from page.get("Items", [])
            if "LastEvaluatedKey" not in page:
                return
            kwargs["ExclusiveStartKey"] = page["LastEvaluatedKey"]

    def users(self) -> list[TeamUser]:
        """Every user of the campaign, strongly consistent (one query, paged), in list order."""
        items = self._pages(
            "Query",
            "query",
            TableName=self.table,
            KeyConditionExpression="pk = :pk AND begins_with(sk, :u)",
            ExpressionAttributeValues={":pk": self._pk, ":u": _s("u#")},
            ConsistentRead=True,
        )
        return sorted((_user_of(item) for item in items), key=lambda u: u.position)

    def conflicted_users(self) -> list[TeamUser]:
        """The users with a late outcome's note, for the lead (one query of
        the campaign's partition, filtered: it reads every user item, so the
        campaign view asks only when the conflict counter has moved)."""
        items = self._pages(
            "Query",
            "query",
            TableName=self.table,
            KeyConditionExpression="pk = :pk AND begins_with(sk, :u)",
            FilterExpression="attribute_exists(conflict_note)",
            ExpressionAttributeValues={":pk": self._pk, ":u": _s("u#")},
        )
        return sorted((_user_of(item) for item in items), key=lambda u: u.position)

    def user(self, username: str) -> TeamUser | None:
        item = self._call(
            "GetItem", "get_item", TableName=self.table, Key=self._user_key(username), ConsistentRead=True
        ).get("Item")
        return _user_of(item) if item is not None else None

    def in_state(self, state: UserState, *, limit: int | None = None) -> list[TeamUser]:
        """Users in ``state`` in list order (the index: eventually consistent)."""
        kwargs: dict[str, Any] = {
            "TableName": self.table,
            "IndexName": INDEX,
            "KeyConditionExpression": "q = :q",
            "ExpressionAttributeValues": {":q": self._q(state)},
        }
        if limit is not None:
            kwargs["Limit"] = limit
            return [_user_of(i) for i in self._call("Query", "query", **kwargs).get("Items", [])]
        return [_user_of(i) for i in self._pages("Query", "query", **kwargs)]

    def held_by_me(self) -> list[Lease]:
        return [
            Lease(u.username, u.lease_version, u.holder)
            for u in self.in_state(UserState.IN_PROGRESS)
            if u.holder == self.holder
        ]

    # -- claims --

    def watch_leases(self) -> list[TeamUser]:
        """Look at who is in progress (one index query) and note each
        lease's version on this desk's clock. Returns the lapsed ones,
        first in the list first."""
        in_progress = [u for u in self.in_state(UserState.IN_PROGRESS) if u.holder != self.holder]
        self.watch.keep_only({u.username for u in in_progress})
        self._watched_at = self._clock()
        self._lapsed = [u for u in in_progress if self.watch.observe(u.username, u.lease_version)]
        return list(self._lapsed)

    def claim_next(self) -> TeamUser | None:
        """Take the next user: one whose lease has lapsed (they waited
        longest), else the first waiting one. None when nobody is left to take.

        Raises:
            TeamError: ``campaign_closed``, or an AWS error.
        """
        if self._watched_at is None or self._clock() - self._watched_at >= self.lease_seconds / 3:
            self.watch_leases()
        while self._lapsed:
            user = self._take_over(self._lapsed.pop(0))
            if user is not None:
                return user
        misses = 0
        for _attempt in range(50):
            if not self._candidates or misses >= 3:
                # One index query serves several claims; a desk whose list went stale asks again.
                self._candidates = self.in_state(UserState.WAITING, limit=CANDIDATES)
                misses = 0
                if not self._candidates:
                    return None
            # One of the first few, so that desks rarely reach for the same user at once.
            candidate = self._candidates.pop(self._rng.randrange(min(self.spread, len(self._candidates))))
            user = self._claim_waiting(candidate)
            if user is not None:
                return user
            misses += 1
        return None

    def claim(self, username: str) -> TeamUser:
        """Take a named user out of turn (a walk-in), by the same conditional claim.

        Raises:
            TeamError: ``not_in_campaign``; ``held`` (``holder`` says by
                whom); ``finished`` (``state`` says how); an AWS error.
        """
        for _attempt in range(5):
            user = self.user(username)
            if user is None:
                raise TeamError(TeamErrorKind.NOT_IN_CAMPAIGN, username)
            if user.state is UserState.WAITING:
                taken = self._claim_waiting(user)
            elif user.state is UserState.IN_PROGRESS:
                if user.holder == self.holder:
                    return user
                if not self.watch.observe(username, user.lease_version):
                    raise TeamError(TeamErrorKind.HELD, username, holder=user.holder_label)
                taken = self._take_over(user)
            else:
                raise TeamError(TeamErrorKind.FINISHED, username, state=user.state.value)
            if taken is not None:
                return taken
        raise TeamError(TeamErrorKind.HELD, username, holder="")

    def _claim_waiting(self, user: TeamUser) -> TeamUser | None:
        username, version = user.username, user.lease_version
        now = self._wall()
        claimed = self._change(
            self._user_update(
                username,
                "SET #st = :ip, q = :q, holder = :h, lease_v = :v, #op = :op, "
                "desk = :desk, started_at = if_not_exists(started_at, :now)",
                "#st = :waiting",
                {
                    ":ip": _s(UserState.IN_PROGRESS.value),
                    ":waiting": _s(UserState.WAITING.value),
                    ":q": self._q(UserState.IN_PROGRESS),
                    ":h": _s(self.holder),
                    ":v": _n(version + 1),
                    ":op": _s(self.identity.operator),
                    ":desk": _s(self.identity.desk),
                    ":now": _n(now),
                },
                {"#op": "operator"},
            ),
            self._counters({_counter(UserState.WAITING): -1, _counter(UserState.IN_PROGRESS): 1}),
        )
        if not claimed:
            return None  # someone else took them first
        return self._held(user, version + 1, user.started_at if user.started_at is not None else now)

    def _held(self, user: TeamUser, version: int, started_at: float | None) -> TeamUser:
        """The user as this desk's claim just wrote them (no read needed)."""
        return TeamUser(
            username=user.username,
            state=UserState.IN_PROGRESS,
            position=user.position,
            holder=self.holder,
            lease_version=version,
            operator=self.identity.operator,
            desk=self.identity.desk,
            started_at=started_at,
        )

    def _take_over(self, user: TeamUser) -> TeamUser | None:
        """Claim a user whose lease this desk saw lapse at ``user.lease_version``."""
        username, version = user.username, user.lease_version
        try:
            taken = self._change(
                self._user_update(
                    username,
                    "SET holder = :h, lease_v = :next, #op = :op, desk = :desk",
                    "#st = :ip AND lease_v = :seen",
                    {
                        ":ip": _s(UserState.IN_PROGRESS.value),
                        ":seen": _n(version),
                        ":next": _n(version + 1),
                        ":h": _s(self.holder),
                        ":op": _s(self.identity.operator),
                        ":desk": _s(self.identity.desk),
                    },
                    {"#op": "operator"},
                ),
                self._counters({"n_takeovers": 1}),
            )
        finally:
            self.watch.forget(username)
        if not taken:
            return None  # renewed meanwhile, finished, or taken by another desk
        return self._held(user, version + 1, user.started_at)

    # -- holding --

    def renew(self, lease: Lease) -> Lease:
        """Bump the lease's version: other desks see the holder is alive.

        Raises:
            TeamError: ``lease_lost`` (``holder`` says who has the user now).
        """
        try:
            self._call(
                "UpdateItem",
                "update_item",
                TableName=self.table,
                Key=self._user_key(lease.username),
                UpdateExpression="SET lease_v = :next",
                ConditionExpression="holder = :h AND lease_v = :v AND #st = :ip",
                ExpressionAttributeNames={"#st": "state"},
                ExpressionAttributeValues={
                    ":h": _s(lease.holder),
                    ":v": _n(lease.version),
                    ":next": _n(lease.version + 1),
                    ":ip": _s(UserState.IN_PROGRESS.value),
                },
            )
        except _Cancelled:
            raise self._lost(lease.username) from None
        return Lease(lease.username, lease.version + 1, lease.holder)

    def _lost(self, username: str) -> TeamError:
        user = self.user(username)
        holder = user.holder_label if user is not None and user.state is UserState.IN_PROGRESS else ""
        return TeamError(TeamErrorKind.LEASE_LOST, username, holder=holder)

    def release(self, lease: Lease) -> None:
        """Put a held user back to waiting, in place (the operator stopped
        before anything was changed in Cognito).

        Raises:
            TeamError: ``lease_lost``.
        """
        self._candidates = []  # the user goes back in front of what this desk read
        released = self._change(
            self._held_update(
                lease,
                "SET #st = :st, q = :q REMOVE holder",
                {":st": _s(UserState.WAITING.value), ":q": self._q(UserState.WAITING)},
            ),
            self._counters({_counter(UserState.IN_PROGRESS): -1, _counter(UserState.WAITING): 1}),
        )
        if not released:
            raise self._lost(lease.username)

    def _held_update(
        self, lease: Lease, expression: str, values: dict[str, Any], names: dict[str, str] | None = None
    ) -> dict[str, Any]:
        """An update of a user this desk holds at ``lease.version``."""
        return self._user_update(
            lease.username,
            expression,
            "holder = :h AND lease_v = :v AND #st = :ip",
            {":h": _s(lease.holder), ":v": _n(lease.version), ":ip": _s(UserState.IN_PROGRESS.value), **values},
            names,
        )

    def _final_values(
        self, state: UserState, error: str, reason: str, finished_at: float, trouble: Mapping[str, int]
    ) -> tuple[str, dict[str, Any]]:
        expression = (
            "SET #st = :st, q = :q, finished_at = :fin, #op = :op, desk = :desk, #err = :err, reason = :why, "
            "trouble = :trouble"
        )
        values = {
            ":trouble": {"M": {kind: _n(n) for kind, n in trouble.items()}},
            ":st": _s(state.value),
            ":q": self._q(state),
            ":fin": _n(finished_at),
            ":op": _s(self.identity.operator),
            ":desk": _s(self.identity.desk),
            ":err": _s(error),
            ":why": _s(reason),
        }
        return expression, values

    def _final_counters(
        self,
        state: UserState,
        from_state: UserState,
        finished_at: float,
        error: str,
        reason: str,
        trouble: Mapping[str, int],
        *,
        conflict: bool,
    ) -> dict[str, Any]:
        changes = {_counter(from_state): -1, _counter(state): 1}
        if conflict:
            changes["n_conflicts"] = 1
        day = dt.datetime.fromtimestamp(finished_at, dt.UTC).strftime("%Y-%m-%d")
        sets = [("by_day", day, 1), ("by_operator", self.identity.operator, 1)]
        why = error or reason
        if state in (UserState.FAILED, UserState.SKIPPED) and why:
            sets.append(("failures", why[:64], 1))
        sets += [("trouble", kind, n) for kind, n in sorted(trouble.items()) if n > 0]
        return self._counters(changes, sets)

    def finish(
        self,
        lease: Lease,
        state: UserState,
        *,
        error: str = "",
        reason: str = "",
        started_at: float | None = None,
        finished_at: float | None = None,
        trouble: Mapping[str, int] | None = None,
    ) -> FinishResult:
        """Record a final outcome for a user this desk holds.

        ``trouble``: what went wrong on the way, per kind (``sms_not_delivered``,
        ``wrong_totp_code``, ``session_expired``... see ``model.TROUBLE_KINDS``),
        kept on the user and summed on the campaign (the report's "where
        users got stuck").

        Written only while the desk holds the user at ``lease.version``. If
        it does not any more (its lease lapsed: the desk slept, lost its
        network), Cognito has still changed: the outcome is recorded late
        when the user has none yet, whoever holds them now, and the
        conflict is noted on the user and counted for the lead.

        Raises:
            TeamError: an AWS error (then nothing was written: keep the
                outcome, e.g. in the outbox, and try again).
        """
        if not state.finished:
            raise ValueError(f"not a final state: {state}")
        trouble = dict(trouble or {})
        finished_at = self._wall() if finished_at is None else finished_at
        expression, values = self._final_values(state, error, reason, finished_at, trouble)
        if self._change(
            self._held_update(lease, expression + " REMOVE holder", values, _FINAL_NAMES),
            self._final_counters(state, UserState.IN_PROGRESS, finished_at, error, reason, trouble, conflict=False),
        ):
            return FinishResult(lease.username, state)
        return self.record_late(
            lease.username,
            state,
            error=error,
            reason=reason,
            started_at=started_at,
            finished_at=finished_at,
            trouble=trouble,
        )

    def record_late(
        self,
        username: str,
        state: UserState,
        *,
        error: str = "",
        reason: str = "",
        started_at: float | None = None,
        finished_at: float | None = None,
        trouble: Mapping[str, int] | None = None,
    ) -> FinishResult:
        """An outcome from a desk that no longer holds the user (a lapsed
        lease, or the outbox after an outage): accepted when the user has no
        final outcome, else kept out; the conflict is recorded either way."""
        finished_at = self._wall() if finished_at is None else finished_at
        trouble = dict(trouble or {})
        for _attempt in range(10):
            user = self.user(username)
            if user is None:
                raise TeamError(TeamErrorKind.NOT_IN_CAMPAIGN, username)
            note = f"late outcome {state.value} from {self.identity.label}"
            if user.state.finished:
                note += f"; kept {user.state.value}"
                noted = self._change(
                    self._user_update(
                        username,
                        "SET conflict_note = :note",
                        "#st = :seen",
                        {":note": _s(note), ":seen": _s(user.state.value)},
                    ),
                    self._counters({"n_conflicts": 1}),
                )
                if not noted:
                    continue  # changed meanwhile: look again
                return FinishResult(username, user.state, accepted=False, conflict=True)
            if user.state is UserState.IN_PROGRESS and user.holder:
                note += f"; {user.holder_label} held the user"
            expression, values = self._final_values(state, error, reason, finished_at, trouble)
            values[":note"] = _s(note)
            values[":seen"] = _s(user.state.value)
            values[":seenv"] = _n(user.lease_version)
            if started_at is not None:
                values[":start"] = _n(started_at)
                expression += ", started_at = if_not_exists(started_at, :start)"
            recorded = self._change(
                self._user_update(
                    username,
                    expression + ", conflict_note = :note REMOVE holder",
                    "#st = :seen AND lease_v = :seenv",
                    values,
                    _FINAL_NAMES,
                ),
                self._final_counters(state, user.state, finished_at, error, reason, trouble, conflict=True),
            )
            if not recorded:
                continue  # changed meanwhile: look again
            return FinishResult(username, state, accepted=True, conflict=True)
        raise TeamError(TeamErrorKind.CONFLICT, f"{username} kept changing", action="TransactWriteItems")

    def rehearsed(self, username: str, state: UserState, *, reason: str = "") -> bool:
        """A rehearsal sign-in's verdict on an enrolled user: ``verified``,
        or ``failed`` with the ``rehearsal_*`` reason (the session's rule,
        ``campaign/referee.py``). Written only while the user is still
        enrolled (whoever recorded it); the user is already counted as
        finished that day and by that operator, so only the state counters
        (and a failure's reason) move. Returns False when the user was not
        enrolled any more (nothing written).

        Raises:
            TeamError: an AWS error (nothing was written).
        """
        if state not in (UserState.VERIFIED, UserState.FAILED):
            raise ValueError(f"not a rehearsal's verdict: {state}")
        changes = {_counter(UserState.ENROLLED): -1, _counter(state): 1}
        sets = [("failures", reason[:64], 1)] if state is UserState.FAILED and reason else []
        return self._change(
            self._user_update(
                username,
                "SET #st = :st, q = :q, #err = :err",
                "#st = :enrolled",
                {
                    ":st": _s(state.value),
                    ":q": self._q(state),
                    ":err": _s(reason if state is UserState.FAILED else ""),
                    ":enrolled": _s(UserState.ENROLLED.value),
                },
                {"#err": "error"},
            ),
            self._counters(changes, sets),
        )

    def retry(self, username: str) -> None:
        """Put a skipped or failed user back to waiting (the lead's call)."""
        user = self.user(username)
        if user is None:
            raise TeamError(TeamErrorKind.NOT_IN_CAMPAIGN, username)
        if user.state not in (UserState.SKIPPED, UserState.FAILED):
            raise TeamError(TeamErrorKind.FINISHED, username, state=user.state.value)
        put_back = self._change(
            self._user_update(
                username,
                "SET #st = :w, q = :q REMOVE finished_at, started_at",
                "#st = :seen",
                {":w": _s(UserState.WAITING.value), ":q": self._q(UserState.WAITING), ":seen": _s(user.state.value)},
            ),
            self._counters({_counter(user.state): -1, _counter(UserState.WAITING): 1}),
        )
        if not put_back:
            raise TeamError(TeamErrorKind.FINISHED, username, state=user.state.value)


def counts_of(users: Sequence[TeamUser]) -> dict[UserState, int]:
    """Counts per state from a full list (what the counters must equal)."""
    counts = dict.fromkeys(UserState, 0)
    for user in users:
        counts[user.state] += 1
    return counts


def desk_identity(operator: str) -> Identity:
    return Identity(operator=operator, desk=local_desk())
