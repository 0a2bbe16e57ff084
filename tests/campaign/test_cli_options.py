"""The window and the commands spell the pool and AWS options one way (cli.add_pool_options)."""

from __future__ import annotations

import argparse

import pytest

from cogtotp_gui import app
from cogtotp_gui.cli import campaign, inventory

POOL_OPTIONS = ("--profile", "--user-pool-id", "--region", "--endpoint-url", "--aws-profile")


def _options(parser: argparse.ArgumentParser) -> dict[str, argparse.Action]:
    return {option: action for action in parser._actions for option in action.option_strings}


@pytest.mark.parametrize("parser", [app.build_parser(), inventory.build_parser()], ids=["window", "inventory"])
def test_the_window_and_the_inventory_take_the_same_pool_options(parser):
    options = _options(parser)
    assert all(option in options for option in POOL_OPTIONS)
    assert options["--user-pool-id"].help == "user pool id, e.g. eu-west-1_AbCdEf123"
    assert options["--region"].help == "AWS region (default: taken from the user pool id)"
    args = parser.parse_args(["--user-pool-id", "eu-west-1_Abc123", "--region", "eu-west-2", "--aws-profile", "it"])
    assert (args.user_pool_id, args.region, args.endpoint_url, args.aws_profile) == (
        "eu-west-1_Abc123",
        "eu-west-2",
        None,
        "it",
    )


def test_campaign_commands_take_the_aws_options_with_boto3s_region():
    args = campaign.build_parser().parse_args(["status", "spring", "--table", "t", "--region", "eu-west-1"])
    assert (args.region, args.aws_profile) == ("eu-west-1", None)
    subparsers = next(a for a in campaign.build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    for sub in subparsers.choices.values():
        assert _options(sub)["--region"].help == "AWS region (default: boto3's configuration)"
