"""The package tree is the data flow: a stage imports only the stages before it.

corpus -> index -> search -> answer -> evaluation -> compose -> apps, with ``errors``,
``settings``, ``text`` and ``vocabulary`` beneath every stage. ``compose``, the composition
root, builds the components of every stage before it from the settings; the apps alone
import it, then wire and run what it builds. Every import counts, those inside functions
and under ``TYPE_CHECKING`` too, since each one is a dependency.
"""

import ast
from pathlib import Path

from support import REPO

PACKAGE = REPO / "src" / "advisor"
#: Each stage may import the stages at its own level or lower.
LEVELS = {
    "errors": 0,
    "settings": 0,
    "text": 0,
    "vocabulary": 0,
    "corpus": 1,
    "index": 2,
    "search": 3,
    "answer": 4,
    "evaluation": 5,
    "real_messages": 5,
    "compose": 6,
    "apps": 7,
}


def stage(module: str) -> str:
    """The stage a module of the package belongs to.

    >>> stage("advisor.search.jobs"), stage("advisor.settings"), stage("advisor")
    ('search', 'settings', '')
    """
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def imported_modules(source: str, module: str) -> set[str]:
    """The ``advisor`` modules a module's source imports, wherever the import stands.

    >>> sorted(imported_modules("from advisor.index import store\\ndef f():\\n    import advisor.errors", "advisor.x"))
    ['advisor.errors', 'advisor.index']
    >>> imported_modules("from .lexical import Analyzer", "advisor.search.jobs")
    {'advisor.search.lexical'}
    """
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against the importing module's package
                base = module.split(".")[: -node.level]
                found.add(".".join(base + ([node.module] if node.module else [])))
            elif node.module:
                found.add(node.module)
    return {name for name in found if name == "advisor" or name.startswith("advisor.")}


def violations(sources: dict[str, str]) -> list[str]:
    """Every import that goes against the flow, as ``importer -> imported (why)``.

    >>> violations({"advisor.index.store": "from advisor.search.lexical import Analyzer"})
    ['advisor.index.store -> advisor.search.lexical (index may not import search)']
    >>> violations({"advisor.search.jobs": "from advisor.compose import build_store"})
    ['advisor.search.jobs -> advisor.compose (search may not import compose)']
    >>> violations({"advisor.compose": "from advisor.apps.served_app import served_app"})
    ['advisor.compose -> advisor.apps.served_app (compose may not import apps)']
    >>> violations({"advisor.apps.cli": "from advisor.compose import build_advisor"})
    []
    """
    found = []
    for importer, source in sorted(sources.items()):
        mine = stage(importer)
        for imported in sorted(imported_modules(source, importer)):
            theirs = stage(imported)
            if LEVELS.get(theirs, 0) > LEVELS.get(mine, 0):
                found.append(f"{importer} -> {imported} ({mine} may not import {theirs})")
    return found


def package_sources() -> dict[str, str]:
    sources = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        module = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        sources[module] = path.read_text(encoding="utf-8")
    return sources


def test_every_module_belongs_to_a_known_stage():
    unknown = {module for module in package_sources() if module != "advisor" and stage(module) not in LEVELS}
    assert not unknown, f"add these to LEVELS in {Path(__file__).name}: {sorted(unknown)}"


def test_no_stage_imports_a_later_one():
    assert violations(package_sources()) == []


def test_the_modules_import_each_other_without_cycles():
    sources = package_sources()
    graph = {module: imported_modules(source, module) & sources.keys() for module, source in sources.items()}
    visiting, done, cycles = [], set(), []

    def visit(module: str) -> None:
        if module in done:
            return
        if module in visiting:
            cycles.append(" -> ".join([*visiting[visiting.index(module) :], module]))
            return
        visiting.append(module)
        for imported in sorted(graph[module]):
            visit(imported)
        visiting.pop()
        done.add(module)

    for module in sorted(graph):
        visit(module)
    assert cycles == []
