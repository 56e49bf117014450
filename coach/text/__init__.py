"""Text that crosses a trust boundary: what reaches a screen or a file, secrets, and bounded parsing.

    sanitize.py   one output sanitizer for every terminal and Markdown sink
    secrets.py    the one place secrets are scrubbed from text (errors, logs, JSON, stored replies)
    bounded.py    JSON and JSONL read with limits on size, depth and types
    wrap.py       word-wrapping to the terminal's width (never breaking words)
"""
