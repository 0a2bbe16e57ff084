"""The gateway's boto3 session, with botocore's data files parsed in small steps.

Kept beside the gateway (the core's only door to boto3): it is how the
gateway builds its client, on a worker, after the first paint. Imports
boto3 only when called.
"""

from __future__ import annotations

from typing import Any


def _plain_dict(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    return dict(pairs)


def plain_json_boto3_session(profile_name: str | None) -> Any:
    """A boto3 session whose botocore data files are parsed into plain dicts.

    botocore parses its JSON with ``object_pairs_hook=OrderedDict``, so
    endpoints.json (1.2 MB, read when the first client is built) is one
    ~30 ms C call that holds the GIL: the UI thread cannot run a line of
    Python meanwhile, and the window stalls. With a Python function as the
    hook the parser returns to the interpreter after each JSON object, so
    the UI thread gets the GIL every switch interval (5 ms); and building
    dicts is quicker than OrderedDicts (~11 ms instead of ~27 ms here).
    Plain dicts keep their order too.
    """
    import gzip
    import json
    import os

    import boto3
    import botocore.session
    from botocore.loaders import JSONFileLoader

    class PlainJsonFileLoader(JSONFileLoader):
        def load_file(self, file_path: str) -> Any:
            for extension, opener in ((".json", open), (".json.gz", gzip.open)):
                if os.path.isfile(file_path + extension):
                    with opener(file_path + extension, "rb") as file:
                        return json.loads(file.read().decode("utf-8"), object_pairs_hook=_plain_dict)
            return None

    core = botocore.session.get_session()
    core.get_component("data_loader").file_loader = PlainJsonFileLoader()
    return boto3.session.Session(botocore_session=core, profile_name=profile_name)
