"""The team-campaign CloudFormation template has the settings the issue and
docs/team-campaigns.md promise, and the table shape the app checks for."""

from __future__ import annotations

from pathlib import Path

TEMPLATE = Path(__file__).resolve().parents[2] / "resources" / "aws" / "team-campaign.yaml"


def test_the_template_sets_what_a_production_table_needs():
    text = TEMPLATE.read_text(encoding="utf-8")
    for setting in (
        "BillingMode: PAY_PER_REQUEST",
        "PointInTimeRecoveryEnabled: true",
        "SSEEnabled: true",
        "DeletionProtectionEnabled: true",
        "AttributeName: expires_at",
        "IndexName: queue",
        "{AttributeName: pk, KeyType: HASH}",
        "{AttributeName: sk, KeyType: RANGE}",
        "{AttributeName: q, KeyType: HASH}",
        "{AttributeName: pos, KeyType: RANGE}",
        "{AttributeName: pos, AttributeType: N}",
    ):
        assert setting in text, setting


def test_operators_may_not_put_delete_or_scan():
    text = TEMPLATE.read_text(encoding="utf-8")
    operator = text[text.index("  OperatorPolicy:") : text.index("  LeadPolicy:")]
    lead = text[text.index("  LeadPolicy:") : text.index("Outputs:")]
    for action in ("dynamodb:PutItem", "dynamodb:DeleteItem", "dynamodb:Scan", "dynamodb:*", "DeleteTable"):
        assert action not in operator
    assert "dynamodb:UpdateItem" in operator and "dynamodb:Query" in operator
    assert "dynamodb:PutItem" in lead
    for action in ("dynamodb:DeleteItem", "dynamodb:Scan", "dynamodb:*", "DeleteTable"):
        assert action not in lead


def test_the_app_creates_trial_tables_of_the_templates_shape():
    """``campaign create --create-table`` and the template agree on keys and index."""
    import inspect

    from cogtotp_gui.campaign.team import dynamo

    source = inspect.getsource(dynamo.create_table)
    text = TEMPLATE.read_text(encoding="utf-8")
    for name, kind in (("pk", "S"), ("sk", "S"), ("q", "S"), ("pos", "N")):
        assert f'{{"AttributeName": "{name}", "AttributeType": "{kind}"}}' in source
        assert f"{{AttributeName: {name}, AttributeType: {kind}}}" in text
    assert '"IndexName": INDEX' in source and dynamo.INDEX == "queue"
