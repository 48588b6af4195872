"""The import contracts (pyproject.toml, ``[tool.importlinter]``) hold on the tree, and they fail
when a new cycle between top-level packages appears."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from scripts.import_contracts import strongly_connected

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = str(Path(sys.executable).with_name("lint-imports"))


def lint_imports(config: Path, *,
                 extra_path: Path | None = None) -> subprocess.CompletedProcess[str]:
    path = os.pathsep.join(str(p) for p in (extra_path, ROOT) if p is not None)
    return subprocess.run([LINT_IMPORTS, "--config", str(config), "--no-cache"], cwd=ROOT,
                          env={**os.environ, "PYTHONPATH": path}, capture_output=True, text=True,
                          check=False, timeout=120)


def write_pair(where: Path) -> None:
    """Two packages that import each other: ``cyclea.one`` -> ``cycleb`` -> ``cyclea``."""
    for name in ("cyclea", "cycleb"):
        (where / name).mkdir()
        (where / name / "__init__.py").write_text("")
    (where / "cyclea" / "one.py").write_text("import cycleb.two\n")
    (where / "cycleb" / "two.py").write_text("import cyclea.one\n")


def test_the_tree_keeps_every_contract() -> None:
    done = lint_imports(ROOT / "pyproject.toml")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout


def test_a_new_cycle_breaks_the_build(tmp_path: Path) -> None:
    write_pair(tmp_path)
    config = (ROOT / "pyproject.toml").read_text()
    assert "root_packages = [" in config
    config = config.replace("root_packages = [", 'root_packages = ["cyclea", "cycleb", ', 1)
    (tmp_path / "pyproject.toml").write_text(config)
    done = lint_imports(tmp_path / "pyproject.toml", extra_path=tmp_path)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "No cycles between top-level packages BROKEN" in done.stdout
    assert "cyclea, cycleb" in done.stdout
    assert "cycleb.two -> cyclea.one" in done.stdout


def test_an_ignored_import_breaks_the_cycle_and_a_stale_one_is_an_error(tmp_path: Path) -> None:
    write_pair(tmp_path)
    contract = (
        "[tool.importlinter]\n"
        'root_packages = ["cyclea", "cycleb"]\n'
        'contract_types = ["acyclic_packages: scripts.import_contracts.AcyclicPackagesContract"]\n'
        "[[tool.importlinter.contracts]]\n"
        'name = "acyclic"\n'
        'type = "acyclic_packages"\n'
        "ignore_imports = [{}]\n"
    )
    (tmp_path / "kept.toml").write_text(contract.format('"cycleb.two -> cyclea.one"'))
    assert lint_imports(tmp_path / "kept.toml", extra_path=tmp_path).returncode == 0
    (tmp_path / "stale.toml").write_text(
        contract.format('"cycleb.two -> cyclea.one", "cyclea.one -> cycleb.missing"'))
    assert lint_imports(tmp_path / "stale.toml", extra_path=tmp_path).returncode != 0


def test_groups_are_found_through_longer_cycles() -> None:
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert strongly_connected(edges) == [["a", "b", "c"]]
    assert strongly_connected({"a": {"b"}, "b": set()}) == []
