"""How tests/data/bedrock-v1.sqlite3 was made: by the Store as it was before the team store (schema 1).

    git show 8dfb6fd:coach/store/sql.py > /tmp/oldstore/sql_v1.py
    PYTHONPATH=$PWD python tests/data/make_bedrock_v1.py tests/data/bedrock-v1.sqlite3

The file is kept as made (a real file of today's Bedrock), not remade by the tests.
"""
import importlib.util
import sys

spec = importlib.util.spec_from_file_location("sql_v1", "/tmp/oldstore/sql_v1.py")
m = importlib.util.module_from_spec(spec)
spec.loader.exec_module(m)
from coach.types import Evidence, ShareLevel, SummaryItem  # noqa: E402 - after the old store is loaded

out = sys.argv[1]
s = m.Store(out)
a = s.create_session(ShareLevel.MENTOR, "a talk about the platform team")
t1 = s.add_turn(a.id, "coach", "Hi. I'm here to listen, not to give advice.", move="open")
t2 = s.add_turn(a.id, "mentee", "I want to lead the platform team because I love making tools people enjoy",
                analysis={"text": "I want to lead the platform team", "motivations": [{"motivation": "influence", "confidence": 0.7, "evidence": {"text": "lead"}}]})
s.record_reply(a.id, t2.id, {"text": "x"}, "Leading the platform team matters to you.", move="reflect", guard={"action": "shown"}, latency_ms=8.5,
               state={"done": ["lottery"], "bedrock_candidates": [{"text": "making tools people enjoy", "turn_id": t2.id}]})
items = s.save_summary_items(a.id, [
    SummaryItem(session_id=a.id, kind="goal", text="Lead the platform team", quotes=[Evidence("lead the platform team", 7, 29, t2.id)], share=ShareLevel.MENTOR),
    SummaryItem(session_id=a.id, kind="bedrock", text="Making tools people enjoy", quotes=[Evidence("making tools people enjoy", 47, 72, t2.id)], share=ShareLevel.MENTOR),
])
s.review_item(items[0].id, "confirmed")
s.review_item(items[1].id, "edited", "Tools that people enjoy using")
b = s.create_session(ShareLevel.PRIVATE, "private")
t3 = s.add_turn(b.id, "mentee", "Sometimes I think about leaving for a startup")
gone = s.create_session()
s.add_turn(gone.id, "mentee", "words that were forgotten")
s.forget_session(gone.id)       # leaves a tombstone the vector memory has not finished
s.mark_unindexed(b.id)
s.add_bank_question("What would a great year look like for you?", "deepen", "growth", author="mentor")
s.close()
print(a.id, b.id, gone.id, t2.id)
