"""Advanced: the coach's voice (a model server), the data folder, and the eval report.

For whoever runs or vets Bedrock; the mentee's own settings are on the Settings page.
"""

from __future__ import annotations

import streamlit as st

from ui import evals_report, server_settings, services

st.title("Advanced")
st.caption("For whoever runs Bedrock: the model server, the data folder and the eval report.")

person = services.person()
if person is not None and not person.has("admin"):
    # a team server: the voice and the data are the whole team's, changed by an admin only
    st.info("On this team server, the coach's voice and the data are set by an admin.")
    st.stop()
voice, folder, evals = st.tabs(["The coach's voice", "Data folder", "Evals"])
home = services.home()
with voice:
    with services.page_edge():
        server_settings.backend_section(home)
    with services.page_edge():
        server_settings.health_section(home)
with folder:
    with services.page_edge():
        if person is None:
            server_settings.data_section(home)
        else:
            st.caption("On a team server the data lives in its database, not in a folder here.")
with evals:
    with services.page_edge():
        evals_report.section()
