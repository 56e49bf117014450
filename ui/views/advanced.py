"""Advanced: the coach's voice (a model server), the data folder, and the eval report.

For whoever runs or vets Bedrock; the mentee's own settings are on the Settings page.
"""

from __future__ import annotations

import streamlit as st

from ui import evals_report, server_settings, services

st.title("Advanced")
st.caption("For whoever runs Bedrock: the model server, the data folder and the eval report.")

voice, folder, evals = st.tabs(["The coach's voice", "Data folder", "Evals"])
home = services.home()
with voice:
    with services.page_edge():
        server_settings.backend_section(home)
    with services.page_edge():
        server_settings.health_section(home)
with folder:
    with services.page_edge():
        server_settings.data_section(home)
with evals:
    with services.page_edge():
        evals_report.section()
