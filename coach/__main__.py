"""`python -m coach ...` is `coach ...` (tests run the CLI as a real process this way)."""

from coach.cli import main

main()
