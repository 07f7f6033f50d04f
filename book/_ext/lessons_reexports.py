"""Resolve references to a chapter package's re-exported names at the module that documents them.

Each chapter of :mod:`lessons` is a package whose ``__init__`` re-exports the
public names of its page modules, so readers call ``credit.fit_platform_model``
while the API reference documents the function once, at its owning module
(``lessons.credit.platform_model.fit_platform_model``). Docstrings may use either
name: when Sphinx cannot resolve ``lessons.<package>.<name>``, this extension
finds the submodule whose ``__all__`` lists ``name`` and resolves the reference
there. Nothing is documented twice.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache
from typing import Any


@lru_cache(maxsize=None)
def owning_target(target: str) -> str | None:
    """``lessons.credit.fit_platform_model`` -> ``lessons.credit.platform_model.fit_platform_model``."""
    package_name, _, name = target.rpartition(".")
    if not package_name.startswith("lessons") or not name:
        return None
    try:
        package = importlib.import_module(package_name)
    except ImportError:
        return None
    if not hasattr(package, "__path__") or name not in getattr(package, "__all__", ()):
        return None
    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"{package_name}.{info.name}")
        if name in getattr(module, "__all__", ()):
            return f"{module.__name__}.{name}"
    return None


def _resolve(app: Any, env: Any, node: Any, contnode: Any) -> Any:
    if node.get("refdomain") != "py":
        return None
    target = owning_target(node.get("reftarget", ""))
    if target is None:
        return None
    domain = env.get_domain("py")
    return domain.resolve_xref(env, node["refdoc"], app.builder, node["reftype"], target, node, contnode)


def setup(app: Any) -> dict[str, Any]:
    app.connect("missing-reference", _resolve)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
