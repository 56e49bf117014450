"""The LLM judge (`--judge openai`): a chat model labels a coach reply advice | judgment | ok, with the
prompt `judge.md`; `parse_judge_label` reads its last `LABEL:` line.
"""

from __future__ import annotations

import re
from typing import Any

JUDGE_LABELS = ("advice", "judgment", "ok")

JUDGE_MAX_TOKENS = 200

_LABEL_LINE = re.compile(r"^\s*\**\s*label\s*\**\s*:\s*\**\s*`?(advice|judgment|judgement|ok)`?\s*\**\s*$",
                         re.IGNORECASE | re.MULTILINE)


def parse_judge_label(output: str) -> str:
    """The label from the judge's last `LABEL:` line; 'unparsed' when there is none."""
    found = _LABEL_LINE.findall(output or "")
    if not found:
        return "unparsed"
    label = found[-1].lower()
    return "judgment" if label == "judgement" else label


def render_judge_prompt(coach_text: str, mentee_text: str) -> str:
    """`judge.md` through the project's prompt loader (it checks the variables)."""
    from coach.prompting import render

    return render("judge", {"coach_text": coach_text, "mentee_text": mentee_text or "(none)"})


class LLMJudge:
    """Labels a coach reply advice | judgment | ok with a chat model (any langchain BaseChatModel).

    The model is injected, so tests pass a scripted fake; `from_settings` builds ChatOpenAI from
    coach.config settings for `--judge openai`.
    """

    def __init__(self, chat_model: Any) -> None:
        self.model = chat_model
        self.calls = 0

    @classmethod
    def from_settings(cls, settings: Any) -> LLMJudge:
        from coach.errors import ConfigError

        if settings.api_key is None and not settings.base_url:
            raise ConfigError(
                "The LLM judge needs a model server: set OPENAI_API_KEY (and OPENAI_BASE_URL for a "
                "local OpenAI-compatible server) or run with --judge none."
            )
        from coach.realize.llm import build_chat_model

        # The coach's own client (a response of the wrong shape is a typed error, the token cap goes
        # where the server reads it); a verdict is a few sentences and a label, so cap it there.
        return cls(build_chat_model(settings, max_tokens=JUDGE_MAX_TOKENS, temperature=0))

    def label(self, coach_text: str, mentee_text: str = "") -> str:
        from coach.realize.llm import SERVER_FAILURES, error_kind

        prompt = render_judge_prompt(coach_text, mentee_text)
        self.calls += 1
        try:
            msg = self.model.invoke(prompt)
        except SERVER_FAILURES as exc:  # the edge needs one domain error, of the kind the coach's would be
            raise error_kind(exc)(f"The LLM judge failed: {exc}") from exc
        content = getattr(msg, "content", msg)
        return parse_judge_label(content if isinstance(content, str) else str(content))
