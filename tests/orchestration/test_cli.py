"""`mutuality`: every subcommand is an existing entry point's, with its own help; the
dashboard runs `python -m dashboard` or says clearly that it is not installed."""

from __future__ import annotations

import re
import sys

import pytest

import ingestion.__main__
import orchestration.__main__
from orchestration import cli


@pytest.mark.parametrize(
    ("command", "usage"),
    [
        (None, "usage: mutuality [-h] COMMAND ..."),
        ("run", "usage: mutuality run [-h] [--scale SCALE]"),
        ("publish", "usage: mutuality publish [-h] [--as-of YYYY-MM-DD]"),
        ("rollback", "usage: mutuality rollback [-h]"),
        ("ui", "usage: mutuality ui [-h] [--port PORT]"),
        ("load", "usage: mutuality load [-h] [--only NAME [NAME ...]]"),
        ("forget", "usage: mutuality forget [-h]"),
        ("rebuild", "usage: mutuality rebuild [-h]"),
        ("dashboard", "usage: mutuality dashboard [-h]"),
    ],
)
def test_every_command_has_help(capsys, command: str | None, usage: str) -> None:
    with pytest.raises(SystemExit) as exited:
        cli.main([*([command] if command else []), "--help"])
    assert exited.value.code == 0
    shown = capsys.readouterr().out
    assert shown.startswith(usage)
    if command is None:
        for name in (*cli.ORCHESTRATION, *cli.INGESTION, "dashboard"):
            assert re.search(rf"^    {name}\s", shown, re.MULTILINE), name


@pytest.mark.parametrize(
    ("argv", "module"),
    [
        (["run", "--no-sample", "--as-of", "2026-06-30"], orchestration.__main__),
        (["publish", "--run-date", "2026-07-01"], orchestration.__main__),
        (["rollback"], orchestration.__main__),
        (["ui", "--port", "3001"], orchestration.__main__),
        (["load", "--strict", "--only", "roster"], ingestion.__main__),
        (["forget", "x/a/tweets.js"], ingestion.__main__),
        (["rebuild"], ingestion.__main__),
    ],
)
def test_each_command_is_the_modules_own(
    monkeypatch: pytest.MonkeyPatch, argv: list[str], module
) -> None:
    calls = []
    monkeypatch.setattr(module, "main", lambda args, prog: calls.append((args, prog)) or 7)
    assert cli.main(argv) == 7
    assert calls == [(argv, "mutuality")]


def test_the_options_reach_the_command(monkeypatch: pytest.MonkeyPatch) -> None:
    seen = {}

    def run(args) -> int:
        seen.update(vars(args))
        return 0

    monkeypatch.setattr(orchestration.__main__, "run", run)
    assert cli.main(["run", "--no-sample", "--as-of", "2026-06-30", "--strict"]) == 0
    assert (seen["no_sample"], seen["as_of"], seen["strict"]) == (True, "2026-06-30", True)
    with pytest.raises(SystemExit):
        cli.main(["run", "--as-of", "June"])


def test_without_the_dashboard_it_says_so(monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    monkeypatch.setattr(cli, "dashboard_available", lambda: False)
    started = []
    monkeypatch.setattr(cli.subprocess, "call", lambda *a, **k: started.append(a) or 0)
    assert cli.main(["dashboard"]) == 2
    assert started == []
    assert "the dashboard is not installed" in capsys.readouterr().err


def test_the_dashboard_is_python_m_dashboard(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli, "dashboard_available", lambda: True)
    started = []
    monkeypatch.setattr(cli.subprocess, "call", lambda command, **k: started.append(command) or 0)
    assert cli.main(["dashboard", "--server.port", "8502"]) == 0
    assert started == [[sys.executable, "-m", "dashboard", "--server.port", "8502"]]
