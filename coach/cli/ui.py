"""`coach ui`: start the Streamlit app exactly like `make run` (headless, loopback, no usage stats)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import click

# The app lives beside the package in the repository (ui/ is not installed into site-packages).
REPO = Path(__file__).resolve().parents[2]
APP = REPO / "ui" / "app.py"


def streamlit_command(port: int, address: str) -> list[str]:
    """The command `make run` runs, with this interpreter's streamlit."""
    return [
        sys.executable, "-m", "streamlit", "run", str(APP),
        "--server.headless", "true",
        "--server.address", address,
        "--server.port", str(port),
        "--browser.gatherUsageStats", "false",
    ]


def register(cli: click.Group) -> None:
    @cli.command()
    @click.option("--port", default=8501, show_default=True, envvar="COACH_UI_PORT", help="Port to listen on.")
    @click.option(
        "--address", default="127.0.0.1", show_default=True,
        help="Address to listen on. Keep 127.0.0.1 unless you mean to share it on your network.",
    )
    def ui(port: int, address: str) -> None:
        """Open Bedrock in your browser (the Streamlit app), like `make run`.

        \b
        Examples:
          coach ui                 then open http://127.0.0.1:8501
          coach ui --port 8600
        Data comes from COACH_HOME, as for every other command.
        """
        if not APP.is_file():
            raise click.ClickException(
                f"The app is not at {APP}. `coach ui` runs from a source checkout; use `make run` there."
            )
        click.echo(f"Bedrock is starting on http://{address}:{port} (Ctrl+C to stop).")
        # cwd=REPO so Streamlit reads the theme in .streamlit/config.toml.
        try:
            code = subprocess.call(streamlit_command(port, address), cwd=REPO, env=os.environ.copy())
        except KeyboardInterrupt:
            code = 0
        sys.exit(code)
