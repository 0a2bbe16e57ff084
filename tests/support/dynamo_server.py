"""A moto server for DynamoDB in a process of its own, for multi-process tests.

    python -m tests.support.dynamo_server [--serialised] [--switch-interval S]

Prints ``port N`` when it listens; runs until killed. ``--serialised``
wraps moto's WSGI app in one lock, so requests are handled one at a time as
DynamoDB applies conditional writes to one item: moto's own server is
threaded and checks a condition and writes the item in separate Python
steps, so two conditional writes can both pass (tests/campaign/team/
test_team_processes.py shows it; docs/team-campaigns.md).
"""

from __future__ import annotations

import argparse
import sys
import threading


def item_backups_for_transactions() -> None:
    """moto backs up every table a transaction touches with a deepcopy:
    O(table) for each item, ~0.4 s a claim at 2,000 users. Under the lock
    above the same all-or-nothing result comes from backing up only the
    items the transaction names and putting them back if it fails."""
    import copy

    import moto.dynamodb.models as models
    from moto.dynamodb.models import DynamoDBBackend
    from moto.dynamodb.models.dynamo_type import DynamoType
    from moto.dynamodb.models.table import Table

    class TablesNotCopied:  # moto.dynamodb.models' view of the copy module
        @staticmethod
        def deepcopy(value, memo=None):
            return value if isinstance(value, Table) else copy.deepcopy(value, memo)

    original = DynamoDBBackend.transact_write_items

    def transact_write_items(self, transact_items):
        saved = []
        for entry in transact_items:
            op = next(iter(entry.values()))
            table = self.get_table(op["TableName"])
            attrs = op.get("Key") or op["Item"]
            hash_key = DynamoType(attrs[table.hash_key_attr])
            range_key = DynamoType(attrs[table.range_key_attr]) if table.range_key_attr else None
            saved.append((table, hash_key, range_key, copy.deepcopy(table.get_item(hash_key, range_key))))
        try:
            return original(self, transact_items)
        except Exception:
            for table, hash_key, range_key, item in reversed(saved):
                if item is None:
                    table.delete_item(hash_key, range_key)
                elif range_key is not None:
                    table.items[hash_key][range_key] = item
                else:
                    table.items[hash_key] = item
            raise

    models.copy = TablesNotCopied  # type: ignore[assignment]
    DynamoDBBackend.transact_write_items = transact_write_items


def index_queries_by_key() -> None:
    """moto answers a query on a global secondary index by comparing every
    item of the table (DynamoType casts, ~0.15 s at 2,000 items on a quiet
    machine). Here the items whose index key differs are left out first by
    comparing the raw strings; the query itself is moto's."""
    import inspect
    import threading

    from moto.dynamodb.models.table import Table

    wanted = threading.local()
    original_query, original_all_items = Table.query, Table.all_items
    signature = inspect.signature(original_query)

    def query(self, *args, **kwargs):
        bound = signature.bind(self, *args, **kwargs).arguments
        index_name, hash_key = bound.get("index_name"), bound.get("hash_key")
        conditions = bound.get("hash_key_conditions") or []
        attr = None
        if index_name and conditions:
            attr, hash_key = conditions[0]
        elif index_name and hash_key is not None:
            index = self.get_index(index_name)
            attr = next(k["AttributeName"] for k in index.schema if k["KeyType"] == "HASH")
        wanted.key = (attr, hash_key.value) if attr and hash_key is not None else None
        try:
            return original_query(self, *args, **kwargs)
        finally:
            wanted.key = None

    def all_items(self):
        key = getattr(wanted, "key", None)
        if key is None:
            return original_all_items(self)
        attr, value = key
        items = [
            item
            for hash_set in self.items.values()
            for item in (hash_set.values() if self.range_key_attr else [hash_set])
            if attr in item.attrs and item.attrs[attr].value == value
        ]
        return sorted(items, key=lambda x: (x.hash_key, x.range_key) if x.range_key else x.hash_key)

    Table.query = query
    Table.all_items = all_items


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--serialised", action="store_true")
    parser.add_argument("--switch-interval", type=float, default=None)
    args = parser.parse_args()
    if args.switch_interval:
        sys.setswitchinterval(args.switch_interval)
    from moto.moto_server.werkzeug_app import DomainDispatcherApplication, MotoRequestHandler, create_backend_app
    from werkzeug.serving import make_server

    app = DomainDispatcherApplication(create_backend_app)
    if args.serialised:
        item_backups_for_transactions()
        index_queries_by_key()
        lock = threading.Lock()
        inner = app

        def app(environ, start_response):  # type: ignore[no-redef]
            with lock:
                # The whole body is produced under the lock (moto returns a list).
                return list(inner(environ, start_response))

    class QuietHandler(MotoRequestHandler):
        def log_request(self, *args: object, **kwargs: object) -> None:
            pass

    server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=QuietHandler)
    print(f"port {server.server_address[1]}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
