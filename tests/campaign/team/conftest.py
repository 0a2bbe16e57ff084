"""A DynamoDB table in moto, in process, and desks working on it."""

from __future__ import annotations

import itertools
import types

import pytest

from cogtotp_gui.campaign.team.dynamo import TeamStore, create_table, dynamodb_client
from cogtotp_gui.campaign.team.model import Identity

POOL = "eu-west-1_Team123"
TABLE = "cogtotp-campaigns"


class FakeClock:
    """A desk's monotonic clock, moved by the test."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def aws(monkeypatch):
    from moto import mock_aws

    for name, value in {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "eu-west-1",
        "AWS_CONFIG_FILE": "/nonexistent",
        "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent",
    }.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("AWS_ENDPOINT_URL_DYNAMODB", raising=False)
    monkeypatch.delenv("AWS_ENDPOINT_URL", raising=False)
    monkeypatch.delenv("AWS_PROFILE", raising=False)
    with mock_aws():
        yield


@pytest.fixture
def client(aws):
    client = dynamodb_client("eu-west-1")
    create_table(client, TABLE, wait=False)
    return client


@pytest.fixture
def desk_factory(client):
    """``desk(name, clock=None, campaign="spring")``: a joined desk (campaign created on first use)."""
    numbers = itertools.count(1)
    created: set[str] = set()

    def make(
        name: str = "", *, clock: FakeClock | None = None, campaign: str = "spring", lease: float = 60.0
    ) -> TeamStore:
        label = name or f"desk{next(numbers)}"
        store = TeamStore(
            client,
            TABLE,
            campaign,
            Identity(operator=f"arn:aws:iam::123456789012:user/{label}", desk=f"{label}-pc/{label}"),
            clock=clock or FakeClock(),
            sleep=lambda _s: None,
            spread=1,  # strictly in list order: the tests name who comes next
        )
        if campaign not in created:
            store.create(POOL, lease_seconds=lease)
            created.add(campaign)
        store.join(POOL)
        return store

    return make


class Faults:
    """Answers a DynamoDB call with an AWS error before it is sent (botocore's
    ``before-call`` event): what the service says, parsed by botocore as a
    real reply would be. ``fail(action, code, times)``; ``unreachable(action)``."""

    def __init__(self, client) -> None:
        self.client = client
        self.plans: dict[str, list] = {}
        client.meta.events.register("before-call.dynamodb", self._before_call)

    def fail(self, action: str, code: str, times: int = 1, reasons: list[str] | None = None) -> None:
        error = {"Error": {"Code": code, "Message": f"{code} (injected)"}}
        if reasons is not None:
            error["CancellationReasons"] = [{"Code": r} for r in reasons]
        self.plans.setdefault(action, []).extend([error] * times)

    def unreachable(self, action: str, times: int = 1) -> None:
        self.plans.setdefault(action, []).extend(["unreachable"] * times)

    def _before_call(self, model, **_kwargs):
        plan = self.plans.get(model.name)
        if not plan:
            return None
        step = plan.pop(0)
        if step == "unreachable":
            from botocore.exceptions import EndpointConnectionError

            raise EndpointConnectionError(endpoint_url="https://dynamodb.eu-west-1.amazonaws.com")
        return (types.SimpleNamespace(status_code=400, headers={}, content=b""), step)


@pytest.fixture
def faults(client):
    return Faults(client)
