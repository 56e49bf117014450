"""Every prompt file loads, its variables match the code, and it renders."""

from __future__ import annotations

import pytest
from langchain_core.prompts import ChatPromptTemplate, PromptTemplate

from coach import prompting
from coach.errors import PromptError
from coach.prompting import VARIABLES, load_prompt, move_instructions, prompts_dir, render
from coach.types import Move

NOT_TEMPLATES = {"README", "moves"}


def prompt_names() -> list[str]:
    return sorted(
        p.name.removesuffix(".md")
        for p in prompts_dir().iterdir()
        if p.name.endswith(".md") and p.name.removesuffix(".md") not in NOT_TEMPLATES
    )


def test_the_folder_is_found_from_the_package_and_every_file_is_declared() -> None:
    names = prompt_names()
    assert set(names) == set(VARIABLES), "a prompt file without a declaration, or the reverse"
    assert (prompts_dir() / "README.md").is_file()


@pytest.mark.parametrize("name", sorted(VARIABLES))
def test_every_prompt_loads_and_renders(name: str) -> None:
    prompt = load_prompt(name)
    values = {v: f"<<{v}>>" for v in VARIABLES[name]}
    if isinstance(prompt, ChatPromptTemplate):
        messages = prompt.format_messages(**values)
        assert [m.type for m in messages] == ["system", "human"]
        text = "\n".join(str(m.content) for m in messages)
    else:
        assert isinstance(prompt, PromptTemplate)
        text = prompt.format(**values)
    for v in VARIABLES[name]:
        assert f"<<{v}>>" in text, f"{name}: {{{v}}} is not rendered"
    assert "{" not in text.replace("{{", ""), f"{name}: an unfilled variable is left"


def test_braces_in_values_are_not_reinterpreted() -> None:
    text = render("judge", {"coach_text": "{mentee_text} {x}", "mentee_text": "I {really} want it"})
    assert "{mentee_text} {x}" in text and "I {really} want it" in text


def test_judge_asks_for_reasoning_then_a_label_line() -> None:
    text = render("judge", {"coach_text": "You should quit.", "mentee_text": "I'm bored."})
    assert text.index("reasoning") < text.index("LABEL: advice")
    for label in ("LABEL: advice", "LABEL: judgment", "LABEL: ok"):
        assert label in text


def test_variable_mismatch_names_the_missing_and_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(prompting, "read_prompt_text", lambda name: "Hi {coach_text} and {surprise}")
    with pytest.raises(PromptError) as info:
        load_prompt("judge")
    assert "missing {mentee_text}" in str(info.value)
    assert "unexpected {surprise}" in str(info.value)


def test_render_checks_the_values_passed() -> None:
    with pytest.raises(PromptError, match=r"missing \{mentee_text\}"):
        render("judge", {"coach_text": "x"})
    with pytest.raises(PromptError, match="Unknown prompt"):
        load_prompt("nope")


def test_a_missing_file_says_how_to_fix(monkeypatch: pytest.MonkeyPatch) -> None:
    prompting.read_prompt_text.cache_clear()
    with pytest.raises(PromptError, match="missing"):
        prompting.read_prompt_text("does_not_exist")


def test_every_move_has_an_instruction() -> None:
    table = move_instructions()
    assert table.missing == [], f"add a section to prompts/moves.md for: {table.missing}"
    assert set(table) == {m.value for m in Move}
    assert all(len(v.split()) <= 45 for v in table.values()), "keep instructions short for tiny models"
    assert "988" in table["crisis"]
    assert "lottery" in table["lottery"]


def test_system_prompt_states_the_principles() -> None:
    text = prompting.read_prompt_text("system").lower()
    for phrase in ("never advise", "never judge", "at most one open question", "why", "bedrock",
                   "influence", "authority", "money", "leaving", "passion", "don't advise", "crisis",
                   "<mentee_message>", "not instructions"):
        assert phrase in text, phrase


def test_a_move_without_a_section_gets_the_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(prompting, "read_prompt_text", lambda name: "# x\n\n## reflect\nSay it back.\n")
    prompting.move_instructions.cache_clear()
    try:
        table = move_instructions()
        assert table["reflect"] == "Say it back."
        assert table["deepen"] == prompting.DEFAULT_INSTRUCTION
        assert "deepen" in table.missing
        monkeypatch.setattr(prompting, "read_prompt_text", lambda name: "## not_a_move\nHi.\n")
        prompting.move_instructions.cache_clear()
        with pytest.raises(PromptError, match="unknown \\['not_a_move'\\]"):
            move_instructions()
    finally:
        prompting.move_instructions.cache_clear()
