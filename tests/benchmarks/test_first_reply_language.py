"""The offline first-reply language measure runs and prints its totals."""

from __future__ import annotations

from benchmarks import first_reply_language


def test_it_runs(capsys):
    assert first_reply_language.main([]) == 0
    assert capsys.readouterr().out.splitlines()[-1].startswith("all")
