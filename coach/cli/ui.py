"""`coach ui`: start the Streamlit app exactly like `make run` (headless, loopback, no usage stats).

The app and its theme are found where they are: in a checkout, `ui/app.py` and
`.streamlit/config.toml` beside the `coach` package; from a wheel (`pip install .`), the installed
package `ui` and the theme installed as data (`<prefix>/share/bedrock-coach/.streamlit/`, setup.py).
Streamlit reads the theme from its working directory, so the app runs from the folder holding it.
"""

from __future__ import annotations

import importlib.util
import os
import signal
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import click

# A source checkout: ui/ and .streamlit/ beside the coach package.
REPO = Path(__file__).resolve().parents[2]
THEME = Path(".streamlit") / "config.toml"


def app_path() -> Path | None:
    """ui/app.py of the checkout this coach runs from, else of the installed `ui` package."""
    local = REPO / "ui" / "app.py"
    if local.is_file():
        return local
    spec = importlib.util.find_spec("ui")
    if spec is not None and spec.origin:
        installed = Path(spec.origin).parent / "app.py"
        if installed.is_file():
            return installed
    return None


def theme_dir() -> Path | None:
    """The folder whose .streamlit/config.toml holds the app's theme (Streamlit's working directory)."""
    if (REPO / THEME).is_file():
        return REPO
    try:
        files = metadata.distribution("bedrock-coach").files or []
    except metadata.PackageNotFoundError:
        return None
    for f in files:
        if f.as_posix().endswith("share/bedrock-coach/.streamlit/config.toml"):
            path = Path(str(f.locate())).resolve()
            return path.parent.parent if path.is_file() else None
    return None


def streamlit_command(port: int, address: str, app: Path | None = None) -> list[str]:
    """The command `make run` runs, with this interpreter's streamlit."""
    return [
        sys.executable, "-m", "streamlit", "run", str(app or app_path() or REPO / "ui" / "app.py"),
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
        app = app_path()
        if app is None:
            raise click.ClickException(
                "The app (ui/app.py) is not installed. Reinstall Bedrock (pip install .) or run `make run` "
                "in a source checkout."
            )
        cwd = theme_dir() or Path.cwd()  # without the theme the app still runs, in Streamlit's colours
        click.echo(f"Bedrock is starting on http://{address}:{port} (Ctrl+C to stop).")
        server = subprocess.Popen(streamlit_command(port, address, app), cwd=cwd, env=os.environ.copy())

        def stop(signum: int, _frame: object) -> None:
            server.terminate()  # `kill <coach ui>` stops the app too, not just this wrapper

        signal.signal(signal.SIGTERM, stop)
        try:
            code = server.wait()
        except KeyboardInterrupt:  # Ctrl+C reached Streamlit as well (same process group)
            server.wait()
            code = 0
        sys.exit(0 if code in (0, -signal.SIGTERM) else code)
