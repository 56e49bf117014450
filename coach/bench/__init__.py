"""`coach bench`: figures, measured and never asserted in tests (coach/cli/bench.py is the command).

    offline.py   turn latency, cold start, peak memory of the offline coach (the default run)
    summary.py   the time to summarize a 40-turn session (part of the default run)
    memory.py    --memory N: chromadb ingest and query at N statements
    llm.py       --llm URL: the latency the coach adds on top of a model, and advice rates
    mirror.py    --mirror: `coach mirror` on a 60-minute conversation
    app.py       --app N: fresh starts of the Streamlit app in headless Chromium
    team.py      --team-load / --team-vectors: a team server under simulated people
"""
