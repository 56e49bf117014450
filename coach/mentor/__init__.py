"""What comes out of sessions, for the mentee and their mentor (the turn itself is `coach.agent`).

    summary.py     the bedrock summary: items backed by the mentee's exact words
    review.py      the mentee's decisions on those items, as every screen reads them
    portrait.py    across sessions: bedrock and motivations over time
    prep.py        the mentor's question plan for the next conversation (+ prep_core.py, bank.py)
    values.py      what matters to them, in their own words
    mirror/        feedback on a real conversation a mentor held: what they asked, reflected, advised
"""
