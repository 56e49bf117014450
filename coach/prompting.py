"""Prompt files, loaded and checked: the only place that knows where prompt text lives.

Prompts are Markdown files with f-string `{variables}` in the top-level folder `prompts/` of the
repository, where a reader looks for them first. The wheel ships that folder inside the package, as
`coach/prompts/` (setup.py maps it), so `prompts_dir()` looks there first (`pip install .`) and
falls back to the checkout's `prompts/` beside the `coach` package (a source tree on PYTHONPATH,
`pip install -e .`). The loader module is called `prompting` because the installed folder owns
the name `coach.prompts`.

Each prompt's variables are declared here, next to the code that fills them (`VARIABLES`). Loading
compares the file's variables with that declaration and raises `PromptError` naming the missing
and extra ones, so an edited prompt fails at load time with a clear message, not mid-conversation
with a KeyError.

Chat prompts (`CHAT_PROMPTS`) are the shared `system.md` plus one human-turn file; the rest are
single `PromptTemplate`s. `moves.md` is not a template but a table of per-move instructions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import cache, lru_cache
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

from langchain_core.prompts import ChatPromptTemplate, PromptTemplate

from coach.errors import PromptError
from coach.types import Move

#: The variables the code passes to each prompt. A prompt file must use exactly these.
VARIABLES: dict[str, frozenset[str]] = {
    "system": frozenset(),
    "realize": frozenset(
        {"history", "analysis", "recalled", "mentee_message", "instruction", "motivation", "shape"}
    ),
    "revise": frozenset({"mentee_message", "draft", "reason", "instruction", "shape"}),
    "summary": frozenset({"transcript"}),
    "mentor_prep": frozenset({"shared_items", "unexplored"}),
    "judge": frozenset({"coach_text", "mentee_text"}),
}

#: Prompts sent as [system.md, <name>.md] chat messages.
CHAT_PROMPTS = frozenset({"realize", "revise"})


def prompts_dir() -> Traversable:
    """The folder holding the prompt files, resolved at run time: the wheel's `coach/prompts/`,
    else the checkout's top-level `prompts/`."""
    installed = files("coach") / "prompts"
    if installed.is_dir():
        return installed
    return Path(str(files("coach"))).resolve().parent / "prompts"


@cache
def read_prompt_text(name: str) -> str:
    """The raw text of `prompts/<name>.md`; PromptError if it is missing."""
    path = prompts_dir() / f"{name}.md"
    try:
        return path.read_text(encoding="utf-8")
    except (FileNotFoundError, NotADirectoryError):
        raise PromptError(
            f"Prompt file '{name}.md' is missing from {prompts_dir()}. "
            "Reinstall the package (pip install .) or restore the file in prompts/."
        ) from None


def check_variables(name: str, found: Iterable[str], expected: Iterable[str]) -> None:
    """Raise PromptError naming the variables the file lacks or has in excess."""
    found_set, expected_set = set(found), set(expected)
    missing = sorted(expected_set - found_set)
    extra = sorted(found_set - expected_set)
    if missing or extra:
        parts = []
        if missing:
            parts.append(f"missing {{{', '.join(missing)}}}")
        if extra:
            parts.append(f"unexpected {{{', '.join(extra)}}}")
        raise PromptError(
            f"Prompt '{name}.md' does not match what the code passes: {'; '.join(parts)}. "
            "Edit the prompt file (literal braces are written {{ and }})."
        )


def _template(name: str) -> PromptTemplate:
    text = read_prompt_text(name)
    try:
        return PromptTemplate.from_template(text, template_format="f-string")
    except (ValueError, KeyError) as exc:  # unbalanced braces and the like
        raise PromptError(f"Prompt '{name}.md' is not a valid template: {exc}") from None


def load_prompt(
    name: str, variables: Iterable[str] | None = None
) -> ChatPromptTemplate | PromptTemplate:
    """Load a prompt by name and check its variables.

    `variables` defaults to the declaration in `VARIABLES`; pass it for a prompt the code here
    does not know. Chat prompts come back as a ChatPromptTemplate (system + human message).
    """
    if variables is None:
        if name not in VARIABLES:
            raise PromptError(f"Unknown prompt '{name}'. Known: {', '.join(sorted(VARIABLES))}.")
        variables = VARIABLES[name]
    expected = frozenset(variables)
    if name in CHAT_PROMPTS:
        system = _template("system")
        human = _template(name)
        check_variables("system", system.input_variables, VARIABLES["system"])
        check_variables(name, human.input_variables, expected)
        # from_messages re-parses the texts as f-string templates, same syntax as above.
        return ChatPromptTemplate.from_messages(
            [("system", system.template), ("human", human.template)]
        )
    template = _template(name)
    check_variables(name, template.input_variables, expected)
    return template


def render(name: str, values: Mapping[str, str]) -> str:
    """Render a single-text prompt, checking `values` against its variables first."""
    prompt = load_prompt(name)
    if isinstance(prompt, ChatPromptTemplate):
        raise PromptError(f"Prompt '{name}' is a chat prompt; use load_prompt().format_messages().")
    missing = sorted(set(prompt.input_variables) - values.keys())
    extra = sorted(values.keys() - set(prompt.input_variables))
    if missing or extra:
        raise PromptError(
            f"Rendering '{name}': missing {{{', '.join(missing)}}}, unexpected {{{', '.join(extra)}}}."
        )
    return prompt.format(**values)


_MOVE_HEADING = re.compile(r"^##\s+([a-z_]+)\s*$", re.MULTILINE)


#: For a move added to the policy before moves.md has a section for it (tests flag the gap).
DEFAULT_INSTRUCTION = (
    "Reflect what they said in your own words, then ask one open question about what matters to them."
)


class MoveInstructions(dict[str, str]):
    """Move name -> instruction; a move without a section gets DEFAULT_INSTRUCTION.

    A missing section is not fatal at run time (the policy may gain a move before this file
    does; `missing` lists them and tests/test_prompts.py fails on it), but a section for a move
    the policy does not know, or an empty one, is an error in the file and raises.
    """

    missing: list[str]

    def __missing__(self, key: str) -> str:
        return DEFAULT_INSTRUCTION


@lru_cache(maxsize=1)
def move_instructions() -> MoveInstructions:
    """Per-move instructions from `moves.md` (one `## move_name` section per Move)."""
    text = read_prompt_text("moves")
    parts = _MOVE_HEADING.split(text)
    # split gives [preamble, name1, body1, name2, body2, ...]
    table = MoveInstructions(
        (name, " ".join(body.split())) for name, body in zip(parts[1::2], parts[2::2], strict=True)
    )
    known = {m.value for m in Move}
    extra = sorted(table.keys() - known)
    empty = sorted(k for k, v in table.items() if not v)
    if extra or empty:
        raise PromptError(
            "moves.md does not match the policy's moves: "
            f"unknown {extra or 'none'}; empty {empty or 'none'}. Edit prompts/moves.md."
        )
    table.missing = sorted(known - table.keys())
    return table
