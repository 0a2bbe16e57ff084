"""The package's import graph: who may import whom, and no cycles.

Read from the source (``ast``), so it covers the imports made inside
functions too (the lazy ones that keep start-up fast), and it needs no Qt.
Imports under ``if TYPE_CHECKING:`` are left out of the run-time graph:
they never run. They are checked on their own: a child may not name its
container even for the type checker (a back-reference, see
:func:`test_no_new_type_checking_back_reference`).

The rules (README, Architecture):
* ``enrollment/`` and the Qt-free connection model (``connections/model.py``,
  ``connections/secrets.py``) import nothing from ``ui/``, ``training/``,
  ``emulator/``, ``campaign/`` or Qt;
* only ``training/`` (and the tests) import ``emulator/``;
* the packages import each other without a cycle;
* no module imports, even under ``TYPE_CHECKING``, a module that reaches it
  at run time (its container): the child gets a narrow protocol instead.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "cogtotp_gui"
TESTS = ROOT / "tests"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def imports_of(path: Path) -> set[str]:
    """Every module ``path`` imports at run time (absolute names)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    own = module_name(path)
    package = own if path.name == "__init__.py" else own.rpartition(".")[0]
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                prefix = ".".join(base + ([node.module] if node.module else []))
            else:
                prefix = node.module or ""
            found.add(prefix)
            found.update(f"{prefix}.{alias.name}" for alias in node.names)
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "attr", None) == "import_module"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            found.add(node.args[0].value)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


def type_checking_imports_of(path: Path) -> set[str]:
    """The modules ``path`` imports only for the type checker (``if TYPE_CHECKING:``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    own = module_name(path)
    package = own if path.name == "__init__.py" else own.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if not (isinstance(node, ast.If) and _is_type_checking(node)):
            continue
        for statement in node.body:
            for child in ast.walk(statement):
                if isinstance(child, ast.Import):
                    found.update(alias.name for alias in child.names)
                elif isinstance(child, ast.ImportFrom):
                    if child.level:
                        base = package.split(".")
                        base = base[: len(base) - (child.level - 1)]
                        prefix = ".".join(base + ([child.module] if child.module else []))
                    else:
                        prefix = child.module or ""
                    found.add(prefix)
                    found.update(f"{prefix}.{alias.name}" for alias in child.names)
    return found


def package_modules() -> dict[str, set[str]]:
    """Module name -> the cogtotp_gui modules (and Qt) it imports."""
    graph: dict[str, set[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        graph[module_name(path)] = {
            name for name in imports_of(path) if name.startswith(("cogtotp_gui", "PySide6", "shiboken6"))
        }
    return graph


# A room of the house: a subpackage (ui's by their own name), else a module.
ROOMS = ("ui.common", "ui.shell", "ui.wizard", "ui.privacy", "ui.connections", "ui.campaign")


def room_of(module: str) -> str:
    rest = module.removeprefix("cogtotp_gui.")
    for room in ROOMS:
        if rest == room or rest.startswith(room + "."):
            return room
    if rest.startswith("connections."):  # the Qt-free model and the Qt store are rooms of their own
        return "connections.store" if rest.startswith("connections.store") else "connections.model"
    return rest.split(".")[0]


def violations(modules: list[str], forbidden: tuple[str, ...]) -> list[str]:
    graph = package_modules()
    found = []
    for module in modules:
        for name in graph[module]:
            if name.startswith(forbidden):
                found.append(f"{module} imports {name}")
    return sorted(found)


def test_the_core_imports_no_ui_no_training_no_emulator_and_no_qt():
    graph = package_modules()
    core = [m for m in graph if m.startswith("cogtotp_gui.enrollment")]
    core += ["cogtotp_gui.connections.model", "cogtotp_gui.connections.secrets", "cogtotp_gui.names"]
    rooms = ("ui", "training", "emulator", "campaign", "app", "cli", "diagnostics", "connections.store")
    forbidden = (*(f"cogtotp_gui.{p}" for p in rooms), "PySide6", "shiboken6")
    assert violations(core, forbidden) == []


def test_the_platform_room_imports_nothing_of_the_app_and_no_qt():
    """``platform/`` is a leaf: the core (audit) and the campaign both use it."""
    graph = package_modules()
    platform = [m for m in graph if m.startswith("cogtotp_gui.platform")]
    assert platform
    forbidden = tuple(f"cogtotp_gui.{p}" for p in ("ui", "training", "emulator", "campaign", "enrollment", "app"))
    assert violations(platform, (*forbidden, "PySide6", "shiboken6")) == []


def test_only_training_and_the_tests_import_the_emulator():
    graph = package_modules()
    outside = [m for m in graph if not m.startswith(("cogtotp_gui.training", "cogtotp_gui.emulator"))]
    assert violations(outside, ("cogtotp_gui.emulator",)) == []


def test_no_cycle_between_the_rooms():
    graph = package_modules()
    rooms: dict[str, set[str]] = {}
    for module, names in graph.items():
        edges = rooms.setdefault(room_of(module), set())
        edges.update(room_of(n) for n in names if n.startswith("cogtotp_gui"))
    for room, edges in rooms.items():
        edges.discard(room)
        edges.discard("")  # "import cogtotp_gui" (the version)

    cycles = []

    def walk(room: str, path: list[str]) -> None:
        for target in sorted(rooms.get(room, ())):
            if target in path:
                cycle = [*path[path.index(target) :], target]
                if min(cycle[:-1]) == cycle[0]:  # each cycle once
                    cycles.append(" -> ".join(cycle))
            else:
                walk(target, [*path, target])

    for room in sorted(rooms):
        walk(room, [room])
    assert cycles == []


def owner(graph: dict[str, set[str]], name: str) -> str:
    """The package module that holds an imported name ("" outside the package)."""
    while name and name not in graph:
        name = name.rpartition(".")[0]
    return name


def reachability(graph: dict[str, set[str]]) -> dict[str, set[str]]:
    """Each package module, with every package module its run-time imports
    reach (an imported name counts as the module that holds it)."""
    edges = {m: {owner(graph, n) for n in names if n.startswith("cogtotp_gui")} - {m, ""} for m, names in graph.items()}

    def reachable(start: str) -> set[str]:
        seen: set[str] = set()
        todo = [start]
        while todo:
            for target in edges.get(todo.pop(), ()):
                if target not in seen:
                    seen.add(target)
                    todo.append(target)
        return seen

    return {m: reachable(m) for m in edges}


def test_no_cycle_between_modules():
    """Not even a lazy one (an import inside a function): a cycle is two
    modules that cannot be read, tested or moved apart."""
    graph = package_modules()

    reach = reachability(graph)
    # Each module that can reach itself, with the modules of its cycle.
    cycles = {tuple(sorted(m2 for m2 in reach[m] if m in reach[m2])) for m in reach if m in reach[m]}
    assert sorted(" <-> ".join(c) for c in cycles) == []


def test_the_unit_tests_import_no_qt():
    """tests/unit is Qt-free: no Qt import, and only Qt-free modules of the
    package (the ones the tests above and test_no_qt_in_core hold to that)."""
    graph = package_modules()
    qt_free = {
        m
        for m in graph
        # platform: the OS adapters (test_no_qt_in_core)
        if m.startswith(
            ("cogtotp_gui.enrollment", "cogtotp_gui.emulator", "cogtotp_gui.campaign", "cogtotp_gui.platform")
        )
        or m in ("cogtotp_gui", "cogtotp_gui.names", "cogtotp_gui.startup", "cogtotp_gui.plural")
        or m in ("cogtotp_gui.connections.model", "cogtotp_gui.connections.secrets", "cogtotp_gui.connections.policy")
        or m == "cogtotp_gui.training.environment"  # the emulator's connection; no Qt (test_no_qt_in_core)
        or m == "cogtotp_gui.ui.wizard.navmap"  # the navigation table; no Qt (tests/unit/test_navmap.py)
    }
    found = []
    for path in sorted((TESTS / "unit").rglob("*.py")):
        for name in imports_of(path):
            if name.startswith(("PySide6", "shiboken6", "pytestqt")):
                found.append(f"{path.name} imports {name}")
            elif name.startswith("cogtotp_gui") and name not in graph:
                continue  # a name inside a module (from m import name): its module is checked
            elif name.startswith("cogtotp_gui") and name not in qt_free:
                found.append(f"{path.name} imports {name}")
    assert found == []


# Back-references still in the tree, each with why it is left (the list may
# only shrink: a new one fails, and so does one listed here that is gone).
KNOWN_BACK_REFERENCES = {
    # The emulator's auth and patches name the strict backend's types; the
    # strict module installs them. One room (emulator/), no Qt.
    "cogtotp_gui.emulator.auth -> cogtotp_gui.emulator.strict",
    "cogtotp_gui.emulator.patches -> cogtotp_gui.emulator.strict",
    # A page reads its wizard (saved connections, navigation): the wizard's
    # navigation table is being rewritten (issue 21, "navigation"); the page
    # gets its port then.
    "cogtotp_gui.ui.wizard.pages.base -> cogtotp_gui.ui.wizard.wizard",
}


def type_checking_back_references() -> set[str]:
    """``child -> container``: a TYPE_CHECKING import of a module that
    reaches the importer through run-time imports (it builds or loads it)."""
    graph = package_modules()

    reach = reachability(graph)
    found = set()
    for path in sorted(PACKAGE.rglob("*.py")):
        module = module_name(path)
        for name in type_checking_imports_of(path):
            if not name.startswith("cogtotp_gui"):
                continue
            container = owner(graph, name)
            if container and container != module and module in reach.get(container, set()):
                found.add(f"{module} -> {container}")
    return found


def test_no_new_type_checking_back_reference():
    """A child that names its container, even only for the type checker,
    is the circle issue 21 found (the session control, saved connections
    and operations typed as taking ``MainWindow``): a child gets a narrow
    protocol of what it uses instead (``ui/campaign/ports.py``,
    ``OperationsHost``, ``ConnectionsHost``, ``SavedConnectionsPort``)."""
    found = type_checking_back_references()
    assert sorted(found - KNOWN_BACK_REFERENCES) == [], "new TYPE_CHECKING back-references"
    assert sorted(KNOWN_BACK_REFERENCES - found) == [], "gone: take them off KNOWN_BACK_REFERENCES"


def test_the_back_reference_check_sees_a_type_checking_import(tmp_path, monkeypatch):
    """The check reads ``if TYPE_CHECKING:`` blocks (a fake package: a
    container that imports its child, the child naming the container)."""
    package = tmp_path / "cogtotp_gui"
    (package / "shell").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "shell" / "__init__.py").write_text("")
    (package / "shell" / "window.py").write_text("def sessions():\n    from cogtotp_gui.shell import child\n")
    (package / "shell" / "child.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from cogtotp_gui.shell.window import Window\n"
    )
    module = sys.modules[__name__]
    monkeypatch.setattr(module, "ROOT", tmp_path)
    monkeypatch.setattr(module, "PACKAGE", package)
    assert type_checking_back_references() == {"cogtotp_gui.shell.child -> cogtotp_gui.shell.window"}


def test_the_package_imports_no_test_tool():
    """An installation has no test extras: --self-check imports every module
    of the package, so a fixture module in it failed with "missing module
    pytest" (fixtures live in tests/support/)."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for name in imports_of(path):
            if name.split(".")[0] in ("pytest", "pytestqt", "hypothesis", "_pytest"):
                found.append(f"{module_name(path)} imports {name}")
    assert found == []
