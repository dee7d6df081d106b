"""`python -m dashboard [--port N] [--host H] [--data-dir D]`: serve the dashboard on the
published BI file of the data folder, on this machine only by default."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

APP = Path(__file__).resolve().parent / "app.py"
REPO_ROOT = APP.parent.parent


def streamlit_command(port: int, host: str) -> list[str]:
    """`streamlit run` of the app: headless (no browser opened, no e-mail prompt), no usage
    statistics sent, no file watcher (the app reads data, its code does not change)."""
    return [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(APP),
        "--server.port",
        str(port),
        "--server.address",
        host,
        "--server.headless",
        "true",
        "--server.fileWatcherType",
        "none",
        "--browser.gatherUsageStats",
        "false",
        "--global.developmentMode",
        "false",
        "--client.toolbarMode",
        "viewer",
        "--theme.base",
        "light",
    ]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m dashboard", description=__doc__)
    parser.add_argument("--port", type=int, default=8501, help="port to serve on (8501)")
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (127.0.0.1)")
    parser.add_argument(
        "--data-dir",
        type=Path,
        help="the data folder whose published version to show ($MUTUALITY_DATA_DIR, ./data)",
    )
    args = parser.parse_args(argv)
    env = dict(os.environ)
    if args.data_dir is not None:
        env["MUTUALITY_DATA_DIR"] = str(args.data_dir.resolve())
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO_ROOT), env.get("PYTHONPATH")]))

    from dashboard.data import bi_database

    data_dir = Path(env["MUTUALITY_DATA_DIR"]) if "MUTUALITY_DATA_DIR" in env else None
    print(
        f"Dashboard on http://{args.host}:{args.port} reading {bi_database(data_dir)} (read-only)"
    )
    sys.stdout.flush()
    os.execvpe(sys.executable, streamlit_command(args.port, args.host), env)


if __name__ == "__main__":
    main()
