"""The gateway's boto3 session reads botocore's data files into plain dicts
(enrollment/boto_session.py): the same data, parsed without holding the GIL for
one long C call."""

from __future__ import annotations

import os

import botocore
from botocore.loaders import JSONFileLoader

from cogtotp_gui.enrollment.boto_session import plain_json_boto3_session

DATA = os.path.join(os.path.dirname(botocore.__file__), "data")


def test_botocore_data_files_load_into_the_same_plain_dicts():
    loader = plain_json_boto3_session(None)._session.get_component("data_loader").file_loader
    assert type(loader) is not JSONFileLoader and isinstance(loader, JSONFileLoader)
    for name in ("endpoints", "cognito-idp/2016-04-18/service-2"):  # .json and .json.gz
        path = os.path.join(DATA, name)
        ours = loader.load_file(path)
        assert type(ours) is dict and type(ours["metadata" if "metadata" in ours else "partitions"]) in (dict, list)
        assert ours == JSONFileLoader().load_file(path)
    assert loader.load_file(os.path.join(DATA, "no-such-file")) is None
