"""build.spec names every moto service the emulator's server dispatches to.

moto's server imports a service's backend, URL table and responses by name
when the first request for it arrives; PyInstaller cannot follow that, so
build.spec lists the services (``EMULATOR_SERVICES``). Issue 15: the bundle
lacked ``moto.sts.urls``, and training mode's STS call failed only there.
Run in a subprocess: the emulator is process-wide.
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

_PROBE = r"""
import json, sys
import boto3
from cogtotp_gui.training.environment import TrainingEnvironment, CredentialsIsolation
from cogtotp_gui.enrollment.gateway import CognitoGateway

before = set(sys.modules)
environment = TrainingEnvironment()
isolation = CredentialsIsolation()
isolation.apply()
try:
    settings = environment.start()
    gateway = CognitoGateway(settings, max_attempts=1)
    gateway.check_connection()      # what the training wizard calls at start
    gateway.session_validity()
    gateway.caller_identity()       # the status bar's identity (STS)
finally:
    environment.stop()
    isolation.restore()
print(json.dumps(sorted(name for name in set(sys.modules) - before if name.startswith("moto."))))
"""


def _spec_services() -> tuple[str, ...]:
    tree = ast.parse((ROOT / "build.spec").read_text("utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "EMULATOR_SERVICES" for t in node.targets
        ):
            return tuple(ast.literal_eval(node.value))
    raise AssertionError("build.spec has no EMULATOR_SERVICES")


def test_every_service_the_emulator_dispatches_to_is_named_in_build_spec():
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", _PROBE], capture_output=True, text=True, env=env, timeout=120, cwd=ROOT
    )
    assert done.returncode == 0, done.stderr[-2000:]
    imported = json.loads(done.stdout.strip().splitlines()[-1])
    # A URL table is what moto's server looks up by name for each service it serves.
    dispatched = {name.split(".")[1] for name in imported if name.endswith(".urls") and "moto_api" not in name}
    assert {"cognitoidp", "sts"} <= dispatched, dispatched
    missing = dispatched - set(_spec_services())
    assert not missing, f"build.spec's EMULATOR_SERVICES lacks {sorted(missing)}"
    # The embedded server does not serve moto's control API (issue 16 #12), so never loads it.
    control_api = {"moto.moto_api._internal.urls", "moto.moto_api._internal.responses"}
    assert not control_api & set(imported)


def test_the_bundle_ships_a_console_executable_for_the_commands():
    """Windows and macOS build the app without a console; the commands need one."""
    tree = ast.parse((ROOT / "build.spec").read_text(encoding="utf-8"))
    executables = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "EXE":
            keywords = {k.arg: k.value for k in node.keywords}
            executables[ast.unparse(keywords["name"])] = ast.unparse(keywords["console"])
    assert executables.get("f'{APP}-cli'") == "True", executables
    collected = [
        ast.unparse(arg)
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "COLLECT"
        for arg in node.args
    ]
    assert "cli" in collected and "exe" in collected
