"""``cogtotp-gui campaign create|import|status|report|close`` against moto's DynamoDB (in process)."""

from __future__ import annotations

import csv
import json

import pytest

from cogtotp_gui.app import main
from cogtotp_gui.campaign.queue import UserState
from cogtotp_gui.campaign.team.dynamo import TeamStore
from cogtotp_gui.campaign.team.model import Identity
from tests.support.pdf_text import pdf_text

from .conftest import POOL

TABLE = "team-table"


def run(*argv: str) -> int:
    return main(["campaign", *argv, "--region", "eu-west-1"])


@pytest.fixture
def campaign(aws, capsys):
    assert run("create", "spring", "--table", TABLE, "--create-table", "--user-pool-id", POOL) == 0
    assert "campaign spring created" in capsys.readouterr().out
    return "spring"


def test_create_import_status(campaign, tmp_path, capsys):
    roster = tmp_path / "roster.csv"
    roster.write_text("username,email\nalice,a@x\nbob,b@x\nalice,a@x\n", encoding="utf-8")
    assert run("import", campaign, "--table", TABLE, "--roster", str(roster)) == 0
    assert "2 users added, 0 already" in capsys.readouterr().out
    assert run("import", campaign, "--table", TABLE, "--roster", str(roster)) == 0
    assert "0 users added, 2 already" in capsys.readouterr().out
    assert run("status", campaign, "--table", TABLE, "--json") == 0
    status = json.loads(capsys.readouterr().out)
    assert status["total"] == 2 and status["counts"]["waiting"] == 2 and status["pool_id"] == POOL
    assert run("status", campaign, "--table", TABLE) == 0
    assert capsys.readouterr().out.strip() == "spring: 2 users (waiting 2)"


def test_report_lists_every_desks_outcomes(campaign, tmp_path, capsys, qapp):
    # qapp: the PDF is laid out in this process; its QApplication serves it (not a bare QGuiApplication).
    import boto3

    client = boto3.client("dynamodb", region_name="eu-west-1")
    desks = [
        TeamStore(client, TABLE, campaign, Identity(f"arn:aws:iam::1:user/{name}", f"{name}-pc/{name}"), spread=1)
        for name in ("ann", "ben")
    ]
    desks[0].import_users(["u1", "u2", "=u3"])
    for desk in desks:
        desk.join(POOL)
    first, second = desks[0].claim_next(), desks[1].claim_next()
    desks[0].finish(first.lease, UserState.ENROLLED, trouble={"wrong_totp_code": 1})
    desks[1].finish(second.lease, UserState.FAILED, error="user_state")
    out = tmp_path / "report.csv"
    pdf = tmp_path / "report.pdf"
    assert run("report", campaign, "--table", TABLE, "--csv", str(out), "--pdf", str(pdf)) == 0
    assert "3 users" in capsys.readouterr().out
    with open(out, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["username"] for r in rows] == ["u1", "u2", "'=u3"]  # a formula is never run
    assert {"username", "outcome", "operator", "desk", "started_at", "finished_at", "error"} <= set(rows[0])
    assert (rows[0]["outcome"], rows[0]["operator"], rows[0]["desk"]) == (
        "enrolled",
        "arn:aws:iam::1:user/ann",
        "ann-pc/ann",
    )
    assert rows[0]["trouble"] == "wrong_totp_code=1" and rows[0]["finished_at"].endswith("Z")
    assert (rows[1]["outcome"], rows[1]["error"], rows[1]["desk"]) == ("failed", "user_state", "ben-pc/ben")
    assert rows[2]["outcome"] == "waiting" and rows[2]["operator"] == ""
    text = pdf_text(pdf)
    assert "Team campaign report" in text and "Where users got stuck" in text
    assert "arn:aws:iam::1:user/ann" in text and "wrong_totp_code" in text


def test_close_then_status_says_closed(campaign, capsys):
    assert run("close", campaign, "--table", TABLE) == 0
    capsys.readouterr()
    assert run("status", campaign, "--table", TABLE) == 0
    assert capsys.readouterr().out.strip().endswith("- closed")


def test_aws_errors_exit_1_with_a_sentence(aws, capsys):
    assert run("status", "spring", "--table", "nope") == 1
    err = capsys.readouterr().err
    assert "no such table" in err and "DescribeTable" in err
    assert run("create", "spring", "--table", TABLE, "--create-table", "--user-pool-id", POOL) == 0
    assert run("create", "spring", "--table", TABLE, "--user-pool-id", POOL) == 1
    assert "already exists" in capsys.readouterr().err
    assert run("status", "autumn", "--table", TABLE) == 1
    assert "no such campaign" in capsys.readouterr().err


@pytest.mark.parametrize(
    "argv",
    [
        ["campaign"],
        ["campaign", "status", "spring"],  # no --table
        ["campaign", "report", "spring", "--table", "t"],  # nowhere to write
        ["campaign", "create", "spring", "--table", "t", "--user-pool-id", "nonsense"],
        ["campaign", "status", "--json"],
    ],
)
def test_usage_errors_exit_2(aws, argv, capsys):
    with pytest.raises(SystemExit) as usage:
        main(argv)
    assert usage.value.code == 2


def test_an_unreadable_roster_is_a_usage_error(campaign, tmp_path, capsys):
    roster = tmp_path / "roster.txt"
    roster.write_bytes(b"\xff\xfe\x00bad")
    assert run("import", campaign, "--table", TABLE, "--roster", str(roster)) == 2
    assert "cannot be used" in capsys.readouterr().err
