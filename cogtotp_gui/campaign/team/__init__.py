"""Team campaigns: several desks work one migration through a shared DynamoDB table.

Qt-free. :mod:`.model` holds the rules (states, leases judged on the desk's
own monotonic clock, errors) and imports neither boto3 nor sqlite3;
:mod:`.dynamo` is the table (boto3 imported when a client is built);
:mod:`.outbox` keeps outcomes the table could not take yet (SQLite in the
data folder). Design and costs: docs/team-campaigns.md. Nothing here is
imported before the main window's first paint.
"""
