"""The import graph of ``src/prm_api``: no circle, and the layering rules that keep it so.

Built statically with ``ast`` from every module, so a module that only a rarely taken code
path imports is still covered. Every import counts, including those inside functions (a
deferred import hides a circle, it does not remove it), except those under
``if TYPE_CHECKING:``, which never run. ``from a import b`` is an edge to ``a.b`` when that
is a module, else to ``a``. Importing ``a.b`` also runs ``a/__init__.py``, but a package being
initialised is already in ``sys.modules`` when its submodules import it, so that implicit
edge is left out.
"""

from __future__ import annotations

import ast
from collections import deque
from collections.abc import Iterator
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src"
PACKAGE = "prm_api"

# The packages ``events/`` builds on. Every other subpackage of prm_api is a domain (or an
# application layer above the domains) that ``events/`` must not know: each domain defines its
# own event types in ``<domain>/events.py`` and registers them.
EVENTS_MAY_IMPORT = {"events", "kit", "auth", "models"}
# ``record_change`` writes the audit row in the same call as the event: the audit writer.
EVENTS_EXCEPTIONS = {("prm_api.events.recording", "prm_api.audit.service")}

Edges = dict[str, dict[str, int]]  # importer -> {imported module: line of the first import}


def _modules() -> dict[str, Path]:
    """Dotted name -> file, for every module and package (namespace packages included)."""
    found: dict[str, Path] = {}
    for path in sorted((SRC / PACKAGE).rglob("*")):
        if "__pycache__" in path.parts:
            continue
        parts = path.relative_to(SRC).with_suffix("").parts
        if path.is_dir():
            found.setdefault(".".join(parts), path / "__init__.py")
        elif path.suffix == ".py":
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            found[name] = path
    return found


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


class _Imports(ast.NodeVisitor):
    """The prm_api modules a module imports (when it runs), with the line of the import."""

    def __init__(self, modules: dict[str, Path], package: str) -> None:
        self.modules = modules
        self.package = package  # the package relative imports start from
        self.found: dict[str, int] = {}

    def visit_If(self, node: ast.If) -> None:
        if _is_type_checking(node.test):
            for child in node.orelse:
                self.visit(child)
        else:
            self.generic_visit(node)

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            self._add(self._resolve(alias.name), node.lineno)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        if node.level:
            base = self.package.split(".")
            base = base[: len(base) - (node.level - 1)]
            origin = ".".join([*base, node.module] if node.module else base)
        else:
            origin = node.module or ""
        for alias in node.names:
            submodule = f"{origin}.{alias.name}"
            target = submodule if submodule in self.modules else self._resolve(origin)
            self._add(target, node.lineno)

    def _resolve(self, name: str) -> str | None:
        """The longest known module ``name`` refers to (``a.b.Class`` -> ``a.b``)."""
        parts = name.split(".")
        while parts:
            candidate = ".".join(parts)
            if candidate in self.modules:
                return candidate
            parts.pop()
        return None

    def _add(self, target: str | None, line: int) -> None:
        if target is not None:
            self.found.setdefault(target, line)


def import_graph() -> Edges:
    modules = _modules()
    graph: Edges = {name: {} for name in modules}
    for name, path in modules.items():
        if not path.is_file():
            continue  # a namespace package: no code of its own
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        visitor = _Imports(modules, package)
        visitor.visit(ast.parse(path.read_text(), filename=str(path)))
        graph[name] = visitor.found
    return graph


def strongly_connected(graph: Edges) -> Iterator[list[str]]:
    """Tarjan's algorithm, iterative; yields each component with more than one module (or a
    module importing itself)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1 or node in graph[node]:
                    yield sorted(component)


def _one_cycle(graph: Edges, component: list[str]) -> str:
    """The shortest circle through the component's first module, with import lines."""
    members, start = set(component), component[0]
    previous: dict[str, str] = {}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for child in sorted(graph[node]):
            if child not in members:
                continue
            if child == start:
                path = [node]
                while path[-1] != start:
                    path.append(previous[path[-1]])
                path.reverse()
                nexts = [*path[1:], start]
                steps = [f"{a} (line {graph[a][b]})" for a, b in zip(path, nexts, strict=True)]
                return " -> ".join([*steps, start])
            if child not in previous:
                previous[child] = node
                queue.append(child)
    raise AssertionError(f"no circle through {start}")  # cannot happen in a component


def test_graph_sees_the_imports() -> None:
    """The graph is not trivially empty: known edges are found, TYPE_CHECKING ones are not."""
    graph = import_graph()
    assert "prm_api.events.registry" in graph["prm_api.domains"]
    assert "prm_api.audit.service" in graph["prm_api.events.recording"]  # "from a import b"
    assert len(graph) > 50 and sum(map(len, graph.values())) > 200


def test_which_imports_count() -> None:
    names = ["prm_api", "prm_api.a", "prm_api.a.b", "prm_api.a.sib", "prm_api.c", "prm_api.d"]
    modules = dict.fromkeys([*names, "prm_api.e"], Path())
    source = """
from typing import TYPE_CHECKING
import os
from prm_api.a import b, Thing
from . import sib
if TYPE_CHECKING:
    from prm_api import d
else:
    import prm_api.c.Missing
def later():
    from ..e import function
"""
    visitor = _Imports(modules, package="prm_api.a")
    visitor.visit(ast.parse(source))
    assert visitor.found == {
        "prm_api.a.b": 4,  # b is a module
        "prm_api.a": 4,  # Thing is not
        "prm_api.a.sib": 5,
        "prm_api.c": 9,  # the else branch of TYPE_CHECKING runs; d (line 7) does not count
        "prm_api.e": 11,  # inside a function
    }


def test_tarjan_finds_circles() -> None:
    graph: Edges = {"a": {"b": 1}, "b": {"c": 2}, "c": {"a": 3, "d": 4}, "d": {}, "e": {"e": 5}}
    assert list(strongly_connected(graph)) == [["a", "b", "c"], ["e"]]
    assert _one_cycle(graph, ["a", "b", "c"]) == "a (line 1) -> b (line 2) -> c (line 3) -> a"


def test_no_import_circle() -> None:
    graph = import_graph()
    circles = [
        f"- {{{', '.join(component)}}}\n  e.g. {_one_cycle(graph, component)}"
        for component in strongly_connected(graph)
    ]
    assert not circles, "import circles in src/prm_api:\n" + "\n".join(circles)


def test_events_import_no_domain() -> None:
    graph = import_graph()
    offending = [
        f"{module} (line {line}) imports {target}"
        for module, targets in graph.items()
        if module == "prm_api.events" or module.startswith("prm_api.events.")
        for target, line in targets.items()
        if _subpackage(target) not in {None, *EVENTS_MAY_IMPORT}
        and (module, target) not in EVENTS_EXCEPTIONS
    ]
    assert not offending, "events/ must not know the domains:\n" + "\n".join(offending)


def _subpackage(module: str) -> str | None:
    """The subpackage of prm_api holding ``module`` (None for prm_api's top-level modules)."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and (SRC / PACKAGE / parts[1]).is_dir() else None


def test_schemas_import_no_service_or_repository() -> None:
    graph = import_graph()
    offending = [
        f"{module} (line {line}) imports {target}"
        for module, targets in graph.items()
        if module.rpartition(".")[2] == "schemas"
        for target, line in targets.items()
        if target.rpartition(".")[2] in {"service", "repository"}
    ]
    assert not offending, "schemas are the contract, they import no service:\n" + "\n".join(
        offending
    )
