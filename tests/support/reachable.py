"""Is a secret still held by some Python object? (issue 16, findings 5-7)

The test types a secret in pieces, so no Python string of the test holds it
whole; it then asks which live objects refer to a string (or bytes) that
contains its unique ``fragment``. Every object the garbage collector tracks
is asked for its referents: dicts, lists, tuples, closure cells, frames
(their locals), tracebacks, exceptions - whatever keeps a value alive.
What Qt's C++ side holds (a QLineEdit's text) is not seen: that is the
widget's own business and tested by reading the widget.
"""

from __future__ import annotations

import gc
from typing import Any


def holders_of(fragment: str, *, ignore: tuple[object, ...] = ()) -> list[str]:
    """Descriptions of the live objects that hold a string containing
    ``fragment`` (the ``fragment`` object itself and ``ignore`` excepted)."""
    assert len(fragment) >= 8, "a fragment this short could occur by chance"
    needle_bytes = fragment.encode("utf-8")
    skip = {id(fragment), *(id(each) for each in ignore)}
    gc.collect()
    found: list[str] = []
    for holder in gc.get_objects():
        if id(holder) in skip:
            continue
        try:
            referents = gc.get_referents(holder)
        except Exception:  # pragma: no cover - an exotic extension type
            continue
        for value in referents:
            if id(value) in skip:
                continue
            if isinstance(value, str):
                hit = fragment in value
            elif isinstance(value, (bytes, bytearray)):
                hit = needle_bytes in value
            else:
                continue
            if hit:
                found.append(_describe(holder))
    return found


def _describe(holder: Any) -> str:
    kind = type(holder).__name__
    code = getattr(holder, "f_code", None)
    if code is not None:
        return f"frame of {code.co_qualname} ({code.co_filename}:{holder.f_lineno})"
    if isinstance(holder, dict):
        keys = [key for key in holder if isinstance(key, str)][:8]
        return f"dict with keys {keys}"
    return kind


def reachable_holders(root: object, fragment: str, *, limit: int = 200_000) -> list[str]:
    """Like :func:`holders_of`, among the objects reachable from ``root``.

    The walk does not enter modules, classes or functions (code, not data:
    through their globals everything would be reachable).
    """
    import types

    needle_bytes = fragment.encode("utf-8")
    stop = (types.ModuleType, type, types.FunctionType, types.BuiltinFunctionType, types.CodeType)
    module_dicts = {id(vars(module)) for module in list(__import__("sys").modules.values()) if module is not None}
    seen: set[int] = {id(root)}
    todo: list[Any] = [root]
    found: list[str] = []
    while todo and len(seen) < limit:
        holder = todo.pop()
        for value in gc.get_referents(holder):
            if isinstance(value, str):
                if fragment in value and value is not fragment:
                    found.append(_describe(holder))
                continue
            if isinstance(value, (bytes, bytearray)):
                if needle_bytes in value:
                    found.append(_describe(holder))
                continue
            if id(value) in seen or isinstance(value, stop) or id(value) in module_dicts:
                continue
            seen.add(id(value))
            todo.append(value)
    return found
