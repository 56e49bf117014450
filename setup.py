"""Only what pyproject.toml cannot say: which folders become which packages in the wheel.

- `prompts/` sits at the top level of the repository (where a reader looks for the text the model
  is sent) and ships inside the package as `coach/prompts/` (coach/prompting.py finds either).
- `ui/` (the Streamlit app) ships as the package `ui`, with its page scripts `ui/views/*.py`, and
  the app's theme `.streamlit/config.toml` as data under `share/bedrock-coach/`, so `coach ui` runs
  from a wheel as from a checkout (coach/cli/ui.py finds both).

Everything else (metadata, dependencies, package data) is in pyproject.toml.
"""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["coach", "coach.*", "evals", "evals.*", "ui", "ui.*"]), "coach.prompts", "ui.views"],
    package_dir={"coach.prompts": "prompts"},
    data_files=[("share/bedrock-coach/.streamlit", [".streamlit/config.toml"])],
)
