"""The one place the app's boto3 sessions (and so all its AWS clients) are
made: kept beside the gateway (the core's only door to boto3), which builds
its clients with it on a worker, after the first paint.

Two things every client gets from here:

* **botocore's data files parsed into plain dicts** (a start-up measure, see
  :mod:`cogtotp_gui.startup`): botocore parses its JSON with
  ``object_pairs_hook=OrderedDict``, so endpoints.json (1.2 MB, read when
  the first client is built) is one ~30 ms C call that holds the GIL: the
  UI thread cannot run a line of Python meanwhile, and the window stalls.
  With a Python function as the hook the parser returns to the interpreter
  after each JSON object, so the UI thread gets the GIL every switch
  interval (5 ms); and building dicts is quicker than OrderedDicts (~11 ms
  instead of ~27 ms here). Plain dicts keep their order too.
* **The endpoint botocore resolved is checked** (docs/security.md, "Endpoint
  URLs"): a connection's own endpoint URL passes
  :func:`~cogtotp_gui.enrollment.settings.check_endpoint_url`, but
  ``AWS_ENDPOINT_URL``, ``AWS_ENDPOINT_URL_<SERVICE>`` and an
  ``endpoint_url`` in the AWS config file reach botocore without it. Every
  client made from these sessions (Cognito, STS, any later one) is held to
  the same rules at ``client.meta.endpoint_url``: plain ``http://`` only to
  this computer.

boto3 is imported when a session is made (on a worker, after the first
paint), never at import.
"""

from __future__ import annotations

from typing import Any

from cogtotp_gui.enrollment.errors import EnrollmentError, ErrorKind
from cogtotp_gui.enrollment.settings import SettingsError, check_endpoint_url, endpoint_host

__all__ = ["check_resolved_endpoint", "plain_json_boto3_session"]


def _plain_dict(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    return dict(pairs)


def check_resolved_endpoint(url: str | None) -> None:
    """Refuse a client whose resolved endpoint breaks the endpoint rules.

    Raises:
        EnrollmentError: ``CONFIG``, ``config.endpoint_insecure``, field
            ``endpoint_url``; its detail names the scheme and host only
            (never a path or user information).
    """
    try:
        check_endpoint_url(url or "")
    except SettingsError:
        scheme = (url or "").partition(":")[0][:8]
        raise EnrollmentError(
            ErrorKind.CONFIG,
            "config.endpoint_insecure",
            f"resolved endpoint {scheme}://{endpoint_host(url or '') or '?'}",
            code="InsecureEndpoint",
            field="endpoint_url",
        ) from None


def plain_json_boto3_session(profile_name: str | None) -> Any:
    """A boto3 session for ``profile_name`` (``None``: the default chain)
    whose botocore data files are parsed into plain dicts and whose clients
    are checked at their resolved endpoint."""
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

    class CheckedSession(boto3.session.Session):
        def client(self, *args: Any, **kwargs: Any) -> Any:
            client = super().client(*args, **kwargs)
            check_resolved_endpoint(client.meta.endpoint_url)
            return client

    core = botocore.session.get_session()
    core.get_component("data_loader").file_loader = PlainJsonFileLoader()
    return CheckedSession(botocore_session=core, profile_name=profile_name)
