"""An import-linter contract that no top-level packages import each other in a cycle.

import-linter's own contracts state who may import whom, or forbid cycles among the children of
one package; our packages sit side by side at the root with no common parent, so this contract
squashes every module to its top-level package and looks for strongly connected groups. A group
of two or more packages is a cycle: the output lists the imports between its members, which is
where one of them has to be moved or, failing that, named in ``ignore_imports``.

Loaded by ``lint-imports`` through ``contract_types`` in pyproject.toml (the working directory is
on ``sys.path``, so ``scripts.import_contracts`` is importable without being a package).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Set

from grimp import ImportGraph
from importlinter.application import contract_utils, output
from importlinter.application.contract_utils import AlertLevel
from importlinter.domain import fields
from importlinter.domain.contract import Contract, ContractCheck

SHOWN_PER_PAIR = 3


def strongly_connected(edges: Mapping[str, Set[str]]) -> list[list[str]]:
    """Tarjan's groups of nodes that reach each other, each sorted; single nodes left out.

    >>> strongly_connected({"a": {"b"}, "b": {"a", "c"}, "c": set()})
    [['a', 'b']]
    >>> strongly_connected({"a": {"b"}, "b": {"c"}, "c": set()})
    []
    """
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(edges.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return sorted(groups)


def package_imports(graph: ImportGraph) -> dict[tuple[str, str], list[tuple[str, str]]]:
    """Module imports between different top-level packages, keyed by (importer, imported)
    package; external packages (squashed into one module each) are left out."""
    ours = [module for module in graph.modules if not graph.is_module_squashed(module)]
    roots = {module.split(".")[0] for module in ours}
    found: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    for importer in ours:
        for imported in graph.find_modules_directly_imported_by(importer):
            pair = (importer.split(".")[0], imported.split(".")[0])
            if pair[0] != pair[1] and pair[1] in roots:
                found[pair].append((importer, imported))
    return found


def _edges(pairs: Iterable[tuple[str, str]]) -> dict[str, set[str]]:
    edges: dict[str, set[str]] = defaultdict(set)
    for importer, imported in pairs:
        edges[importer].add(imported)
    return edges


class AcyclicPackagesContract(Contract):
    type_name = "acyclic_packages"

    ignore_imports = fields.SetField(subfield=fields.ImportExpressionField(), required=False)
    unmatched_ignore_imports_alerting = fields.EnumField(AlertLevel, default=AlertLevel.ERROR)

    def check(self, graph: ImportGraph, verbose: bool) -> ContractCheck:
        removal = contract_utils.remove_ignored_imports_and_report(
            graph=graph,
            ignore_imports=self.ignore_imports,  # type: ignore[arg-type]
            unmatched_alerting=self.unmatched_ignore_imports_alerting,  # type: ignore[arg-type]
        )
        imports = package_imports(graph)
        groups = strongly_connected(_edges(imports))
        cycles = [
            {pair: sorted(found) for pair, found in imports.items()
             if pair[0] in group and pair[1] in group}
            for group in groups
        ]
        return ContractCheck(kept=not groups, warnings=list(removal.warnings),
                             ignored_import_count=removal.ignored_import_count,
                             metadata={"groups": groups, "cycles": cycles})

    def render_broken_contract(self, check: ContractCheck) -> None:
        for group, cycle in zip(check.metadata["groups"], check.metadata["cycles"], strict=True):
            output.print_error(f"These packages import each other in a cycle: {', '.join(group)}")
            output.new_line()
            for (importer, imported), found in sorted(cycle.items()):
                output.print(f"{importer} -> {imported}:")
                for module, target in found[:SHOWN_PER_PAIR]:
                    output.indent_cursor()
                    output.print(f"{module} -> {target}")
                if len(found) > SHOWN_PER_PAIR:
                    output.indent_cursor()
                    output.print(f"(and {len(found) - SHOWN_PER_PAIR} more)")
            output.new_line()
