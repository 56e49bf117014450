"""Bedrock's Streamlit app: the page router and what every page shares. Pages live in ui/views/.

Run it with `make run` or `coach ui`. Each page is a thin caller of the `coach` package. The
navigation is ours (ui/chrome.py), not Streamlit's: labelled links on a wide screen, one "Menu"
button on a phone; developer things (evals, the model server) sit under "Advanced". On a team
server (docs/TEAM.md) the login gate in ui/team.py runs first and picks the pages by role.
"""

import sys
from pathlib import Path

# `streamlit run ui/app.py` puts ui/ on sys.path, not the repository: add it so pages can
# `import ui.state` the same way under `streamlit run`, AppTest and the browser test.
_ROOT = str(Path(__file__).resolve().parent.parent)
if _ROOT not in sys.path:
    sys.path.insert(0, _ROOT)

import streamlit as st  # noqa: E402

from ui import chrome, team  # noqa: E402

st.set_page_config(page_title="Bedrock", page_icon="🪨", layout="centered")

person = team.gate()  # None: the personal Bedrock, no login
if person is not None:
    PAGES = team.pages(person)
else:
    PAGES = [
        st.Page("views/reflect.py", title="Reflect", icon=":material/forum:", default=True),
        st.Page("views/review.py", title="Review", icon=":material/fact_check:"),
        st.Page("views/prepare.py", title="Prepare", icon=":material/event_note:"),
        st.Page("views/mirror.py", title="Mirror", icon=":material/flip:"),
        st.Page("views/history.py", title="History", icon=":material/timeline:"),
        st.Page("views/memory.py", title="What Bedrock remembers", icon=":material/psychology:"),
        st.Page("views/settings.py", title="Settings", icon=":material/settings:"),
        st.Page("views/advanced.py", title="Advanced", icon=":material/tune:"),
    ]

page = st.navigation(PAGES, position="hidden")
chrome.apply()
chrome.nav(PAGES)
page.run()
