"""Tables of hits and misses for coach.guard: advice, judgment, questions, reflections, leaks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from coach.guard import BLOCKING, LABELS, check, check_many, classify_label, question_type
from coach.types import Verdict

DATASET = Path(__file__).resolve().parents[1] / "evals" / "datasets" / "detector.jsonl"
LLM_DATASET = DATASET.with_name("detector_llm.jsonl")

# ------------------------------------------------------------------ advice hits (>= 40)
ADVICE_HITS = [
    # imperatives
    "Talk to your manager.",
    "Try leading a project next quarter.",
    "Ask your skip-level for a stretch assignment.",
    "Apply for the staff opening before it closes.",
    "Don't accept the counteroffer.",
    "Never take the first number they give you.",
    "So, update your résumé this weekend.",
    "Maybe mention it at your one-on-one.",
    "Whatever you do, don't quit before the vesting date.",
    "Before the review, write down three wins.",
    "Stay another year and see what opens up.",
    "Reach out to someone who already does that job.",
    "Consider moving to the infrastructure team.",
    "Make sure your lead knows what you want.",
    "Be more visible in planning meetings.",
    # modals
    "You should ask for the promotion.",
    "I think you should take the offer.",
    "You ought to speak up more.",
    "You need to be more strategic about visibility.",
    "You must get a sponsor.",
    "You'd better start networking.",
    "You have to push back on the scope.",
    "You could volunteer to lead the migration.",
    "You might want to talk to finance.",
    "It sounds like you should just leave.",
    # suggestions
    "I'd suggest a conversation with HR.",
    "I recommend shadowing a manager first.",
    "My advice is to wait for the reorg.",
    "If I were you, I'd take it.",
    "It might help to write it down first.",
    "Many people find it helps to keep a wins document.",
    "The best thing is to ask directly.",
    "It's worth asking about the pay band.",
    "A good first step would be to ask for feedback.",
    "My gut says go for the startup.",
    # advice dressed as a question
    "Have you tried talking to your manager?",
    "Have you considered asking for a raise?",
    "Why don't you ask for the lead role?",
    "Why not apply anyway?",
    "What if you asked to lead the next project?",
    "How about shadowing the head of design?",
    "Would it help to talk to someone in that role?",
    "Wouldn't it be better to wait for your bonus?",
    "What's stopping you from applying?",
    # persuasion
    "You really ought to see that this team is holding you back.",
    "Trust me, you'll regret staying.",
    "You'd be crazy not to take it.",
    "You owe it to yourself to try.",
]

# ------------------------------------------------------------------ hard negatives (>= 25)
HARD_NEGATIVES = [
    ("You mentioned you should have been promoted.", ""),
    ("You feel you should have been promoted by now.", ""),
    ("You said 'I should just quit'.", ""),
    ('You said "I should just quit" and laughed.', ""),
    ("You should have been promoted, and it still stings.", "I should have been promoted last year."),
    ("Your manager keeps telling you that you should go into management.", ""),
    ("You're wondering whether you should take the offer.", ""),
    ("Part of you feels you ought to stay.", ""),
    ("You must be exhausted after that launch.", ""),
    ("It sounds like you need to feel trusted.", ""),
    ("You could picture yourself running that team.", ""),
    ("If you could shape the direction, how would that feel?", ""),
    ("A staff engineer usually works across teams.", ""),
    ("Promotions here are decided twice a year.", ""),
    ("It's entirely your call.", ""),
    ("Whatever you decide is yours to decide.", ""),
    ("You don't have to decide anything today.", ""),
    ("I'm deliberately not giving advice here, because the answer that sticks is the one you find yourself. "
     "What options can you already see?", ""),
    ("I won't tell you what to choose; which option pulls at you?", ""),
    ("Rather than suggest anything, what have you tried so far?", ""),
    ("If you might be in danger, please contact your local emergency number or a crisis line now "
     "(in the US you can call or text 988), or reach out to someone you trust today.", ""),
    ("Please call or text 988 right now if you're not safe.", ""),
    ("Wanting to earn more is nothing to be embarrassed about.", ""),
    ("Wanting a bigger role isn't something I'd judge.", ""),
    ("There's nothing wrong with wanting to leave someday.", ""),
    ("Tell me more about the hackathon.", ""),
    ("Say more about what impact means to you.", ""),
    ("Walk me through a good day.", ""),
    ("Imagine everyone in the company won the lottery and resigned on the same day.", ""),
    ("Work is where you feel most yourself.", ""),
    ("Take your time.", ""),
    ("Here's what I heard — tell me what's off. Goal: a staff role within two years. You mentioned you might "
     "try running the next design review to find out.", ""),
]

JUDGMENT_HITS = [
    "Great goal!",
    "That's unrealistic.",
    "That's a bad idea.",
    "Smart move.",
    "That's selfish.",
    "That sounds naive.",
    "That's pretty shallow.",
    "You're wrong about that.",
    "You'd make a great manager.",
    "That's a really healthy goal.",
    "I love that plan.",
    "You're not ready for that yet.",
    "That's too ambitious for two years.",
]
JUDGMENT_MISSES = [
    "Wanting to earn more is nothing to be embarrassed about — for a lot of people it's about safety.",
    "Wanting a bigger role isn't something I'd judge.",
    "Wanting recognition doesn't make you shallow.",
    "It's completely normal to want more money.",
    "There's no right or wrong goal here.",
    "That sounds hard.",
    "That makes sense.",
    "What makes it a good goal for you?",
    "You're excited about it and a bit scared.",
    "Whenever you're ready, say whatever is on your mind.",
]


@pytest.mark.parametrize("text", ADVICE_HITS)
def test_advice_hits(text: str) -> None:
    v = check(text)
    assert "advice" in v.labels, (text, v)
    assert v.ok is False
    assert v.reason.startswith("advice:") or "advice:" in v.reason


@pytest.mark.parametrize(("text", "mentee"), HARD_NEGATIVES)
def test_hard_negatives_are_not_advice(text: str, mentee: str) -> None:
    v = check(text, mentee_text=mentee)
    assert "advice" not in v.labels, (text, v)


def test_mentee_text_decides_a_bare_should() -> None:
    line = "You should have been promoted, and it stings."
    assert "advice" in check(line).labels  # alone, it reads as the coach's verdict
    mirrored = check(line, mentee_text="Honestly I should have been promoted.")
    assert "advice" not in mirrored.labels
    assert "reflection" in mirrored.labels


def test_table_sizes() -> None:
    assert len(ADVICE_HITS) >= 40 and len(HARD_NEGATIVES) >= 25


@pytest.mark.parametrize("text", JUDGMENT_HITS)
def test_judgment_hits(text: str) -> None:
    v = check(text)
    assert "judgment" in v.labels, (text, v)
    assert not v.ok


@pytest.mark.parametrize("text", JUDGMENT_MISSES)
def test_judgment_misses(text: str) -> None:
    v = check(text)
    assert "judgment" not in v.labels, (text, v)


# ------------------------------------------------------------------ questions
@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("What draws you to that?", 1),
        ("What draws you to that.", 1),  # a question without its question mark
        ("When you picture it going well, what's the best part?", 1),
        ("Running the platform team is where you can picture yourself. What pulls you there?", 1),
        ("So it's less the title and more having a hand in the tools.", 0),
        ("What matters to you is having a say.", 0),  # a statement that opens with "what"
        ("What I'm hearing is that you want more say.", 0),
        ("Whose job would you want — and whose wouldn't you?", 1),  # one contrast question
        ("What draws you to that? And how long have you felt it?", 2),
        ("What do you enjoy most, and what drains you?", 2),
        ("How long have you felt this way, and has anything changed?", 2),
        ("What happened? Who was there? What did you do?", 3),
        ('You said "what is even the point?" earlier.', 0),  # a quoted question is the mentee's
        ("Tell me more about that.", 0),
    ],
)
def test_question_count(text: str, count: int) -> None:
    v = check(text)
    assert v.questions == count, (text, v)
    assert ("multiple_questions" in v.labels) == (count > 1)
    assert ("question" in v.labels) == (count > 0)


@pytest.mark.parametrize(
    "text",
    [
        "What draws you to that?",
        "What would that give you?",
        "How would that sit with you?",
        "Which part of her job appeals to you?",
        "If you could shape the direction without anyone reporting to you, how would that sit with you?",
        "What do you imagine the head of design actually spends the day doing?",
        "Can you say more about that?",
        "And the people side of it, how does that land for you?",
    ],
)
def test_open_questions_are_ok(text: str) -> None:
    v = check(text)
    assert v.ok, (text, v)
    assert "open_question" in v.labels
    assert question_type(v) == "open"


@pytest.mark.parametrize(
    "text",
    [
        "Do you like your job?",
        "Are you happy in your role?",
        "Is it about the money?",
        "Can you see yourself here in five years?",
        "Would you want to manage people?",
        "Will you apply?",
        "Did your manager agree?",
        "Should the company pay you more?",
        "Tech lead?",
    ],
)
def test_closed_questions(text: str) -> None:
    v = check(text)
    assert "closed_question" in v.labels, (text, v)
    assert not v.ok
    assert question_type(v) == "closed"


@pytest.mark.parametrize(
    "text",
    [
        "Does that feel true to you?",
        "Does that sound right?",
        "Is that close?",
        "Did I get that right?",
        "That sounds like something that runs deeper than any one job. Does that feel true to you?",
        "So it's less about the title and more about having a say in the direction?",
    ],
)
def test_confirmation_checks_are_allowed(text: str) -> None:
    v = check(text)
    assert v.ok, (text, v)
    assert "confirmation" in v.labels and "closed_question" not in v.labels
    assert v.questions == 1


def test_confirmation_plus_another_question_is_two() -> None:
    v = check("So it's really about growth? What would that look like?")
    assert v.questions == 2 and "multiple_questions" in v.labels and not v.ok


@pytest.mark.parametrize(
    "text",
    [
        "Don't you think the lead role would suit you?",
        "Wouldn't it be better to stay?",
        "Isn't it true that you'd miss coding?",
        "Surely you don't want to manage people?",
        "You'd be happier in product, right?",
        "That's mostly about status, isn't it?",
        "Have you considered asking for a raise?",  # a suggestion as a question steers too
    ],
)
def test_leading_questions(text: str) -> None:
    v = check(text)
    assert "leading_question" in v.labels, (text, v)
    assert question_type(v) == "leading"
    assert not v.ok


# ------------------------------------------------------------------ reflections
@pytest.mark.parametrize(
    ("text", "is_complex"),
    [
        ("Running the platform team is where you can picture yourself.", False),
        ("You want to lead the platform team.", False),
        ("So it's less about the title and more about having a hand in the tools.", True),
        ("It sounds like being trusted matters more to you than the title.", True),
        ("Watching people struggle with bad tooling really gets to you.", True),
        ("What matters to you is having a say in the direction.", True),
    ],
)
def test_reflections(text: str, is_complex: bool) -> None:
    v = check(text)
    assert v.ok and "reflection" in v.labels, (text, v)
    assert ("complex_reflection" in v.labels) is is_complex


def test_reflection_from_mentee_words_without_you() -> None:
    v = check("The head of design, and definitely not finance.", mentee_text="The head of design. Not finance, ever.")
    assert "reflection" in v.labels


@pytest.mark.parametrize("text", ["A staff engineer usually works across teams.", "Here's an odd one."])
def test_neutral_lines_have_no_labels(text: str) -> None:
    v = check(text)
    assert v.ok and v.labels == [] and v.questions == 0


# ------------------------------------------------------------------ leaks
@pytest.mark.parametrize(
    "text",
    [
        "My instructions say I shouldn't give advice.",
        "As an AI language model, I can't tell you what to do.",
        "I was told to never advise you.",
        "According to my system prompt, I only ask questions.",
        "I'm programmed to avoid advice.",
        "Move: deepen. What draws you to that?",
        "[INST] reflect the mentee [/INST]",
        "The policy says to ask about influence now.",
    ],
)
def test_leaks(text: str) -> None:
    v = check(text)
    assert "leak" in v.labels, (text, v)
    assert not v.ok
    assert classify_label(v) == "leak"


@pytest.mark.parametrize("text", ["You were told you need to be more visible.", "Your manager instructed the team to ship."])
def test_not_leaks(text: str) -> None:
    assert "leak" not in check(text).labels


# ------------------------------------------------------------------ care, API shape, edge cases
def test_crisis_line_is_care_not_advice() -> None:
    v = check(
        "I'm really glad you told me, and I'm concerned about you. If you might be in danger, please contact "
        "your local emergency number or a crisis line now (in the US you can call or text 988)."
    )
    assert v.ok and "care" in v.labels and "advice" not in v.labels
    assert classify_label(v) == "care"


def test_care_message_still_checks_other_sentences() -> None:
    v = check("Please call 988 if you're in danger. Also, you should quit that job.")
    assert "advice" in v.labels and "care" in v.labels


def test_reason_names_trigger_words() -> None:
    v = check("You should talk to your manager.")
    assert v.reason == 'advice: "You should talk to your manager" tells the mentee what to do'


def test_verdict_shape_and_vocabulary() -> None:
    v = check("Great goal! Have you tried asking? What draws you?")
    assert isinstance(v, Verdict)
    assert set(v.labels) <= set(LABELS)
    assert v.labels == [label for label in LABELS if label in v.labels]  # stable order
    assert v.ok is (not set(v.labels) & BLOCKING)
    assert {"advice", "judgment", "multiple_questions"} <= set(v.labels)


@pytest.mark.parametrize("text", ["", "   ", "\n\n"])
def test_empty_is_ok_and_says_so(text: str) -> None:
    v = check(text)
    assert v.ok and v.labels == [] and "empty" in v.reason


def test_check_rejects_non_strings() -> None:
    with pytest.raises(TypeError):
        check(None)  # type: ignore[arg-type]


def test_huge_input_is_bounded() -> None:
    # Its time is measured by `coach bench` ("hostile input"), not asserted here.
    v = check("You want more say. " * 20_000)
    assert "reflection" in v.labels


def test_check_many_keeps_order() -> None:
    texts = ["What draws you to that?", "You should apply.", "Great goal!"]
    verdicts = check_many(texts)
    assert [classify_label(v) for v in verdicts] == ["open_question", "advice", "judgment"]
    paired = check_many(["You should have been promoted."], mentee_texts=["I should have been promoted."])
    assert "advice" not in paired[0].labels
    with pytest.raises(ValueError):
        check_many(["a", "b"], mentee_texts=["x"])


@pytest.mark.parametrize(
    ("labels", "primary"),
    [
        (["leak", "advice"], "leak"),
        (["advice", "judgment", "question", "open_question"], "advice"),
        (["question", "open_question", "reflection", "complex_reflection"], "open_question"),
        (["reflection", "complex_reflection"], "complex_reflection"),
        (["question", "confirmation", "reflection"], "reflection"),
        ([], "none"),
    ],
)
def test_classify_label(labels: list[str], primary: str) -> None:
    assert classify_label(Verdict(ok=True, labels=labels)) == primary


# ------------------------------------------------------------------ dataset and speed
def _rows() -> list[dict]:
    return [json.loads(line) for line in DATASET.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_dataset_schema_and_size() -> None:
    rows = _rows()
    assert len(rows) >= 320
    for r in rows:
        assert set(r) - {"mentee_text"} == {"text", "advice", "judgment", "question_type", "category"}, r
        assert r["question_type"] in {"none", "open", "closed", "leading", "multiple"}
        assert isinstance(r["advice"], bool) and isinstance(r["judgment"], bool)
    assert sum(r["category"].startswith("hard_neg") for r in rows) >= 60


def test_dataset_advice_f1_at_least_090() -> None:
    tp = fp = fn = 0
    for r in _rows():
        got = "advice" in check(r["text"], mentee_text=r.get("mentee_text", "")).labels
        tp += got and r["advice"]
        fp += got and not r["advice"]
        fn += r["advice"] and not got
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    assert 2 * precision * recall / (precision + recall) >= 0.90


# ------------------------------------------------------------------ small-chat-model forms
# Lines a tiny LLM voicing the coach produces: flattery, predictions, offers of tips, lists, reassurance
# that steers, generic maxims. (Forms, not dataset lines: evals/datasets/detector_llm.jsonl is held out.)
LLM_JUDGMENT_HITS = [
    "Great point!",
    "A challenge, I'm glad you're taking the next step.",  # SmolLM2, bench_llm 2026-11-26
    "You're a dream. That's what makes life worth living.",
    "I'm so glad you're taking the feedback.",
    "That's a really insightful observation.",
    "What a brilliant question.",
    "You're such a natural leader.",
    "You seem like a very capable engineer.",
    "You're so driven!",
    "Honestly, you have tremendous potential.",
    "Your work ethic is truly admirable.",
    "Your enthusiasm really shines through.",
    "I love the way you think about this.",
    "I'm so impressed.",
    "I'm happy to see you're investing in yourself.",
    "It's great to see you taking ownership of your career.",
    "I can tell you're an incredibly hard worker.",
    "Patience is one of your greatest strengths.",
    "You're clearly someone who takes pride in their work.",
    "You've got this.",
    # predictions and promises
    "You'll make a wonderful team lead.",
    "You're going to be an incredible manager.",
    "I just know you'll nail it.",
    "I'm confident that you'll find the right path.",
    "You are clearly destined for leadership.",
    "It'll all work out in the end.",
    "Recruiters will love your background.",
    "The promotion will definitely happen this year.",
]
LLM_ADVICE_HITS = [
    "Absolutely! Here are a few ideas to help you get there:",
    "Here’s how you can do it:",  # SmolLM2, bench_llm 2026-11-26
    "Here's how to get promoted.",
    "Here's my take: go where the growth is.",
    "I'd be happy to share some strategies with you.",
    "Let me recommend a book.",
    "What I would do is write down your wins every Friday.",
    "I can walk you through the steps to get certified.",
    "There are plenty of ways you could raise your profile.",
    "One approach you could take is pairing with a staff engineer.",
    "Would you like me to suggest some next steps?",
    "1. Block time for deep work.",
    "- Find a sponsor",
    "Don't worry, just be yourself in the interview.",
    "No need to stress, simply ask for the feedback.",
    "Don't beat yourself up about it.",
    # generic and third-person advice
    "Finding a sponsor is crucial for getting promoted.",
    "Visibility is key.",
    "The secret to a great review is preparation.",
    "Honestly, the most important thing is to stay curious.",
    "Successful leaders always ask for feedback.",
    "Engineers in your situation often find it useful to switch teams.",
    "Taking a leadership course could really help you stand out.",
    "Learning SQL will make a huge difference.",
    "It wouldn't hurt to update your portfolio.",
    "It's never too late to switch careers.",
    "Once you finish the certification, recruiters will start calling.",
    "A good way to begin is by listing what you enjoy.",
    "People who volunteer for hard projects tend to get noticed.",
]
LLM_HARD_NEGATIVES = [
    ("I'm glad you told me.", ""),
    ("You wonder how you can do it.", ""),
    ("Here's how you described it: clean design and calm mornings.", ""),
    # reflections that carry the same words
    ("You're hoping your manager will notice the extra work.", ""),
    ("It sounds like you're afraid you'll never get promoted.", ""),
    ("You believe you'll be a good lead one day.", ""),
    ("You said your team would love it if you led.", ""),
    ("You're not sure you'll get there.", ""),
    ("Only you will know when it feels right.", ""),
    ("You have a lot on your plate right now.", ""),
    ("You're motivated by the chance to teach.", ""),
    ("You're a hard worker, and it's starting to wear on you.", "I'm a hard worker and it's wearing me down."),
    ("So the key for you is being trusted.", ""),
    ("Recognition is essential to you.", ""),
    ("There are a few options you're weighing.", ""),
    ("You'd like someone to give you a few ideas.", ""),
    ("You mentioned that great managers listen.", ""),
    ('You said "you\'ll be a great lead" is what your manager told you.', ""),
    # questions
    ("What do you think you'll miss most?", ""),
    ("What would it mean for you if it all worked out?", ""),
    ("If it went well, what would you be doing a year from now?", ""),
    ("What would you love to be excellent at?", ""),
    # warmth that does not evaluate, refusals, normalizing
    ("I'm glad you're here.", ""),
    ("I appreciate you sharing that.", ""),
    ("Thanks for thinking this through with me.", ""),
    ("That's a hard question to answer.", ""),
    ("Fair question.", ""),
    ("I'm not going to give you a list of steps.", ""),
    ("I won't tell you what the right move is; what does your gut say?", ""),
    ("Rather than offer tips, I'd like to hear what you already know.", ""),
    ("Nothing here is advice; it's your own words, played back.", ""),
    ("Lots of people feel stuck at this stage, and it says nothing bad about you.", ""),
]


@pytest.mark.parametrize("text", LLM_JUDGMENT_HITS)
def test_llm_flattery_and_predictions_are_judgment(text: str) -> None:
    v = check(text)
    assert "judgment" in v.labels, (text, v)
    assert not v.ok


@pytest.mark.parametrize("text", LLM_ADVICE_HITS)
def test_llm_offers_lists_and_maxims_are_advice(text: str) -> None:
    v = check(text)
    assert "advice" in v.labels, (text, v)
    assert not v.ok


@pytest.mark.parametrize(("text", "mentee"), LLM_HARD_NEGATIVES)
def test_llm_hard_negatives_pass(text: str, mentee: str) -> None:
    v = check(text, mentee_text=mentee)
    assert not ({"advice", "judgment"} & set(v.labels)), (text, v)


def test_prediction_inside_advice_is_advice_only() -> None:
    v = check("Take the lead role, you'll enjoy it more.")
    assert "advice" in v.labels and "judgment" not in v.labels
    assert "predicts" in check("You'll enjoy it more.").reason


def test_praise_reason_says_flattery() -> None:
    assert "praises the mentee" in check("You're clearly very good at what you do.").reason


def _llm_rows() -> list[dict]:
    return [json.loads(line) for line in LLM_DATASET.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_llm_dataset_schema_and_size() -> None:
    rows = _llm_rows()
    assert len(rows) >= 160
    for r in rows:
        assert set(r) - {"mentee_text"} == {"text", "advice", "judgment", "question_type", "category"}, r
        assert r["category"].startswith("llm_")
    negatives = [r for r in rows if not r["advice"] and not r["judgment"] and r["question_type"] in ("none", "open")]
    assert len(negatives) >= 50
    assert len({r["text"] for r in rows}) == len(rows)


def test_llm_dataset_advice_f1_and_false_alarms() -> None:
    tp = fp = fn = false_alarms = 0
    for r in _llm_rows():
        v = check(r["text"], mentee_text=r.get("mentee_text", ""))
        got = "advice" in v.labels
        tp += got and r["advice"]
        fp += got and not r["advice"]
        fn += r["advice"] and not got
        fine = not r["advice"] and not r["judgment"] and r["question_type"] in ("none", "open")
        false_alarms += fine and not v.ok
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    assert 2 * precision * recall / (precision + recall) >= 0.90
    assert false_alarms <= 2


# ------------------------------------------------------------------ blind spots: needs, verdicts, lists
# Advice that carries no imperative or modal: naming what the mentee lacks ("You need a mentor, plain and
# simple"), "realistically you'd have to ...", handing over a conclusion ("The answer is ...", "... is the
# way to go", "It's time to move on"), suggestions hidden in questions, and lists of things to do.
NEED_VERDICT_LIST_HITS = [
    # "you need X" / "what you need is X" / "X is what you need"
    "You need a mentor, plain and simple.",
    "You need a bigger network.",
    "Honestly, you need more visibility with the directors.",
    "I think you need a new team.",
    "You really need a sponsor.",
    "You just need some confidence.",
    "What you need is a sponsor.",
    "What you really need right now is a better manager.",
    "All you need is a strong portfolio.",
    "A mentor is exactly what you need.",
    "You'll need a few more years in the role.",
    "You're going to need a sponsor.",
    "You'll want a strong portfolio.",
    # "realistically you'd have to"
    "Realistically you'd have to move to London.",
    "You'd have to get a master's degree first.",
    "You'd need to learn Python for that role.",
    "You're going to have to move to Berlin.",
    "Realistically, that means leaving the company.",
    "Realistically, you won't get promoted without a sponsor.",
    # verdicts: the answer, the way to go, best bet, time to move on, makes sense
    "The answer is networking.",
    "The solution here is a clearer scope.",
    "The obvious move is a transfer.",
    "A portfolio is the way to go.",
    "Certifications are the way forward.",
    "Moving teams is your best option.",
    "Staying put is the safe bet.",
    "Your safest bet is staying put.",
    "Go for it!",
    "I'd say go for it.",
    "Time to move on.",
    "Sounds like it's time for a change.",
    "High time you asked for that raise.",
    "A mentor would make sense.",
    "A career coach makes the most sense here.",
    "Getting some distance would help.",
    "That's where networking comes in.",
    "What works is getting a sponsor.",
    "What would really help is a sponsor.",
    "Bottom line: the startup.",
    "Networking, networking, networking.",
    # suggestions hidden in questions
    "Have you considered just asking for a raise?",
    "Ever thought about going freelance?",
    "Have you looked at product management?",
    "Don't you need a mentor?",
    "Wouldn't a mentor help?",
    "Isn't a transfer the obvious answer?",
    # lists offered as an answer
    "- Networking\n- A stronger portfolio\n- Certifications",
    "Three things: networking, a portfolio, certifications.",
    "Top priorities: visibility, a sponsor, and a portfolio.",
    "A few things to work on: networking, a portfolio, certifications.",
    "Things to consider:\n- A sponsor\n- A portfolio",
    "1) A sponsor\n2) A portfolio",
    "• A mentor\n• A side project",
    "Step one: a portfolio.",
    "First, a mentor. Then, a portfolio.",
]

NEED_VERDICT_LIST_NEGATIVES = [
    # the mentee's own words, played back
    ("You said you need a mentor.", "I think I need a mentor."),
    ("You need a mentor.", "I need a mentor, honestly."),
    ("You need a mentor, plain and simple.", "I need a mentor, plain and simple."),
    ("You need a manager who trusts you.", "I need a manager who trusts me."),
    ("You need more freedom.", "I need more freedom at work."),
    ("So you feel you'd have to move to London.", ""),
    ("You're worried you'd have to move to London.", ""),
    ("You'd have to move to London, you said, and that feels like a lot.", ""),
    ("Realistically, you'd have to move.", "Realistically I'd have to move."),
    ("Part of you thinks the answer is a new job.", ""),
    ("You feel the transfer is the way to go.", ""),
    ("Freelancing is the way forward, you said.", ""),
    ("Your best bet, you said, is the transfer.", ""),
    ("You're wondering whether it's time to move on.", ""),
    ("You said it might be time to move on.", ""),
    ("It's time to move on.", "I think it's time to move on."),
    ("Everyone keeps telling you that you need a mentor.", ""),
    ("You're not sure you need a mentor.", ""),
    # inner needs are reflections, not things to go and get
    ("It sounds like you need a challenge to feel alive in the work.", ""),
    ("So what you need is room to decide for yourself.", ""),
    ("It sounds like what you need most is to feel trusted.", ""),
    ("You need someone who believes in you.", ""),
    ("You need a team that sees you.", ""),
    ("You need more than a title — you need to feel that the work counts.", ""),
    ("Being trusted is what you need.", ""),
    ("You need the head of design.", ""),  # the offline voice's "You need {object}."
    # questions ask, they do not tell
    ("What do you need from a mentor?", ""),
    ("What would you have to give up?", ""),
    ("What would you need to make that move?", ""),
    ("Realistically, how long could you wait?", ""),
    ("What would tell you it's time to move on?", ""),
    ("Have you considered what you'd miss?", ""),
    ("Have you looked at why that is?", ""),
    ("What does 'go for it' look like to you?", ""),
    # autonomy, refusals, neutral information
    ("Whether to go for it is yours to decide.", ""),
    ("Only you can say whether it's time to move on.", ""),
    ("In the end, you'll have to decide.", ""),
    ("If you took the job, you'd have to move.", ""),
    ("The answer that sticks is the one you find yourself.", ""),
    ("The answer is yours to find.", ""),
    ("I won't say it's time to move on; that's yours to judge.", ""),
    ("London is where most of those jobs are based.", ""),
    ("It makes sense that you feel torn.", ""),
    ("Having a say makes more sense to you than the title.", ""),
    ("Time for a quick recap.", ""),
    ("First, a quick recap. Then, a question.", ""),
    ("Fair question, and a hard one.", "What should I do?"),
    # lists of the mentee's own words
    ("You mentioned three things: networking, a portfolio, and certifications.", ""),
    ("Three things keep coming up for you: learning, fairness, and being trusted.", ""),
    ("The three you named: networking, a portfolio, certifications.", ""),
    ("- Networking\n- A stronger portfolio\n- Certifications", "My ideas: networking, a stronger portfolio, certifications."),
    ("- Trust\n- Fairness\n- Learning", "Trust, fairness and learning are what I care about."),
    ("Here's what I heard:\n- Learning\n- Fairness\n- Trust", ""),
    ("Three things: learning, fairness, trust. Does that sound right?", ""),
    ("Where you're heading: leading the platform team; getting promoted.", ""),
    ("Here's what I heard — tell me what's off. Goal: a staff role within two years.", ""),
    ("Goal: staff. Underneath: being trusted.", ""),
]


@pytest.mark.parametrize("text", NEED_VERDICT_LIST_HITS)
def test_needs_verdicts_and_lists_are_advice(text: str) -> None:
    v = check(text)
    assert "advice" in v.labels, (text, v)
    assert not v.ok


@pytest.mark.parametrize(("text", "mentee"), NEED_VERDICT_LIST_NEGATIVES)
def test_needs_verdicts_and_lists_hard_negatives(text: str, mentee: str) -> None:
    v = check(text, mentee_text=mentee)
    assert "advice" not in v.labels, (text, v)


def test_answering_the_mentees_question_is_not_a_playback() -> None:
    # the mentee's words count as a playback only when they said them, not when they asked them
    assert "advice" not in check("You need a mentor.", mentee_text="I need a mentor.").labels
    assert "advice" in check("You need a mentor.", mentee_text="Do I need a mentor?").labels
    assert "advice" in check("You need a mentor, plain and simple.", mentee_text="Do I need a mentor?").labels


def test_bare_list_answering_a_request_for_advice() -> None:
    line = "Visibility, a sponsor and a solid track record."
    # (alone, a bare list is the detector's to read — sentence._list_sentence — and this one sits at its margin:
    # p 0.74 against 0.75 with today's packages; what the rules decide is the list in context)
    assert "advice" in check(line, mentee_text="What do I actually need to get promoted?").labels
    said = "Visibility, a sponsor and a solid track record: that's what my manager says I lack."
    assert "advice" not in check(line, mentee_text=said).labels


def test_list_reason_names_the_items() -> None:
    v = check("Three things: networking, a portfolio, certifications.")
    assert v.reason.startswith("advice:") and "networking" in v.reason and "list" in v.reason


def test_pseudo_cleft_is_a_statement_not_a_question() -> None:
    v = check("What would really help is a sponsor.")
    assert v.questions == 0 and "advice" in v.labels and "leading_question" not in v.labels


# A mentee asks for a verdict on their plan; the coach must not give one (SmolLM2 did, bench_llm).
@pytest.mark.parametrize(
    ("mentee", "line"),
    [
        ("I'm quitting tomorrow — good idea, right?", "You're going to choose your next opportunity. No, that's not a bad thing!"),
        ("I'm quitting tomorrow — good idea, right?", "Yes! Life's too short."),
        ("Is it bad that I want your job?", "Not at all, there's nothing wrong with ambition."),
        ("Am I wrong to want more money?", "You're not wrong to want that."),
        ("Taking the startup offer is the smart move, right?", "It sounds like a smart move to me."),
    ],
)
def test_answering_a_request_for_a_verdict_is_judgment(mentee: str, line: str) -> None:
    v = check(line, mentee_text=mentee)
    assert "judgment" in v.labels, v


@pytest.mark.parametrize(
    ("mentee", "line"),
    [
        ("I'm quitting tomorrow — good idea, right?",
         "It sounds like you'd love for this to feel settled. What would you need to know to feel sure either way?"),
        ("Is it bad that I'd like to start my own company someday?",
         "Thinking about a future outside this company is completely normal. What draws you to the idea?"),
        ("Sorry, is it bad that I rambled?", "No need to apologize — wandering is often how the real thread shows up."),
        ("I'm quitting tomorrow — good idea, right?", "Whether to do it is yours to weigh. What makes tomorrow the day?"),
        ("What do you think of my plan?", "No, I'd rather hear what you think of it first."),  # not a verdict request
    ],
)
def test_not_answering_the_verdict_is_fine(mentee: str, line: str) -> None:
    v = check(line, mentee_text=mentee)
    assert "judgment" not in v.labels, v


# ------------------------------------------------------------------ noun-subject advice, wants, bare needs, headerless lists
# Advice with a thing, not "you", as the subject ("A mentor might be the missing piece"), a verdict on
# what the mentee wants or needs that they did not say, and lists offered as an answer without a header.
NOUN_SUBJECT_HITS = [
    ("A mentor might be the missing piece.", ""),
    ("A side project could be a good way in.", ""),
    ("Networking is key here.", ""),
    ("Visibility is what gets people promoted.", ""),
    ("Visibility tends to be what gets people promoted.", ""),
    ("The missing piece might be a mentor.", ""),
    ("A mentor might be exactly what you need.", ""),
    ("Talking to your manager could be a good place to start.", ""),
    ("A chat with HR is a good place to start.", ""),
    ("A good first step would be a chat with HR.", ""),
    ("Your next move could be a chat with your skip-level.", ""),
    ("One option is a transfer.", ""),
    ("The best move might be to wait.", ""),
    ("Sometimes a lateral move is the smartest step.", ""),
    ("Mentorship can be a game changer.", ""),
    ("That could be the missing piece.", "Maybe I should find a mentor."),
    ("What you want is a smaller company.", ""),
    ("What you want is a smaller company.", "I'm not sure where I want to go next."),
    ("What you really want is a fresh start somewhere else.", ""),
    ("A smaller company is what you really want.", ""),
    ("You need visibility.", ""),
    ("You need visibility.", "My manager never notices my work."),
    ("You need visibility.", "Do I need visibility to get promoted?"),
    ("You need experience with budgets.", ""),
    ("- talk to your manager\n- find a sponsor", ""),
    ("1. Update your CV 2. Apply", ""),
    ("- Talking to your manager\n- Finding a sponsor", ""),
    ("1. Networking 2. Visibility 3. A sponsor", ""),
    ("1) a mentor 2) a portfolio", ""),
    ("Honestly, leaving sounds like the right call.", ""),
]

NOUN_SUBJECT_NEGATIVES = [
    ("What would a mentor give you?", ""),
    ("A mentor came up twice — what draws you to that?", ""),
    ("Visibility matters to you.", ""),
    ("Being trusted might be the missing piece for you.", ""),
    ("You said a mentor might be the missing piece.", ""),
    ("Part of you wonders whether a side project could be a way in.", ""),
    ("A mentor might be the missing piece, you said.", "A mentor might be the missing piece."),
    ("What might be the missing piece?", ""),
    ("That might be the heart of it.", ""),
    ("Whatever is on your mind is a fine place to start — even a word or two.", ""),
    ("Trust is key here for you.", ""),
    ("Visibility is key, you said.", ""),
    ("One option you mentioned is the transfer.", ""),
    ("Your next step is yours to choose.", ""),
    ("The first step is often the hardest.", ""),
    ("What the best move is, only you can say.", ""),
    ("So what you want is a smaller company — did I get that right?", "I want a smaller company, honestly."),
    ("What you want is a smaller company.", "I think I want a smaller company."),
    ("You said what you want is a smaller company.", ""),
    ("What you want is to feel trusted.", ""),
    ("What you really want is to feel trusted.", ""),
    ("What you want is a team that trusts you.", ""),
    ("What you want is running the platform team.", ""),  # the offline voice's "What you want is {gerund}."
    ("You need to feel trusted — that's what I heard.", "I need to feel trusted."),
    ("You need visibility.", "I need visibility with the directors."),
    ("You need the head of design.", ""),  # the offline voice's "You need {object}."
    ("You need making things easier for people.", ""),
    ("You need time.", ""),
    ("You need answers before you can decide.", ""),
    ("You deserve the support you need from your manager.", ""),
    ("You mentioned two things:\n1. Networking 2. Visibility", ""),
    ("Here's what I heard:\n1. Trust\n2. Fairness", ""),
    ("- Talking to your manager\n- Finding a sponsor", "I've tried talking to my manager and finding a sponsor."),
]


@pytest.mark.parametrize(("text", "mentee"), NOUN_SUBJECT_HITS)
def test_noun_subject_wants_needs_and_headerless_lists_are_advice(text: str, mentee: str) -> None:
    v = check(text, mentee_text=mentee)
    assert "advice" in v.labels, (text, v)


@pytest.mark.parametrize(("text", "mentee"), NOUN_SUBJECT_NEGATIVES)
def test_noun_subject_wants_needs_and_lists_hard_negatives(text: str, mentee: str) -> None:
    v = check(text, mentee_text=mentee)
    assert "advice" not in v.labels and "judgment" not in v.labels, (text, v)


@pytest.mark.parametrize(
    "text",
    ["That's a smart plan.", "Leaving seems wise.", "Honestly, leaving sounds like the right call.", "Your plan sounds great.",
     "That plan makes a lot of sense.", "That's a brave decision.", "Sounds like a plan!", "Smart."],
)
def test_rating_the_mentees_plan_is_judgment(text: str) -> None:
    assert "judgment" in check(text).labels


@pytest.mark.parametrize(
    "text",
    ["That makes sense.", "That plan makes sense to you.", "Leading people sounds exciting to you.",
     "It sounds like a plan is starting to form.", "You feel leaving might be wise."],
)
def test_reflecting_the_mentees_view_of_a_plan_is_not_judgment(text: str) -> None:
    assert "judgment" not in check(text).labels


def test_a_numbered_item_is_one_sentence() -> None:
    # "1. Update your CV" is an instruction with its number, and "1. Trust" a played-back word
    assert "advice" in check("1. Update your CV\n2. Apply to three roles").labels
    assert check("Here's what I heard:\n1. Trust\n2. Fairness").ok


# ------------------------------------------------------------------ small-model stance breaks (helper-16)
# What SmolLM2-135M wrote as the coach and the guard passed: "should" with a thing as the subject, "why
# not <verb>" questions, verdicts on the mentee or what they did, the fix made to sound easy, an option
# sold by what it would bring, "The advice is to ...", "The answer to your question is ...", maxims that
# lay down a prerequisite, instructions, and standing offers of advice or help.
STANCE_BREAK_HITS = [
    # (text, mentee, label)
    ("Your goal should make them feel safe and valued.", "My kids start college in three years and I need to be ready for that.", "advice"),
    ("Your CV needs to show the impact, not the tasks.", "", "advice"),
    ("The plan should include a deadline.", "", "advice"),
    ("That should help you get there.", "", "advice"),
    ("But if the future is yours, why not start your own company?", "Is it bad that I'd like to start my own company someday?", "advice"),
    ("So why not just ask her for the lead role?", "", "advice"),
    ("Why not give it a shot?", "", "advice"),
    ("You're not as good at generalising.", "If they say no it means I'm not as good as I think.", "judgment"),
    ("You're not very good with conflict.", "", "judgment"),
    ("What you did was right.", "My kids start college in three years and I need to be ready for that.", "judgment"),
    ("You made the right call.", "", "judgment"),
    ("You did the right thing by speaking up.", "", "judgment"),
    ("You're right.", "Come on, what would you do in my place?", "judgment"),
    ("I think you're right about that.", "", "judgment"),
    ("You were wrong to stay quiet.", "", "judgment"),
    ("You're too much of a detail-oriented person, you don't know how to listen and respond well.", "She's very metrics-driven.", "judgment"),
    ("You're too hard on yourself.", "", "judgment"),
    ("You handled it really well.", "", "judgment"),
    ("You have the power to support others, but sometimes it's just as simple as asking for help.", "It's less about the title, honestly.", "advice"),
    ("It's a matter of asking for what you want.", "", "advice"),
    ("All it takes is one conversation with HR.", "", "advice"),
    ("This can give you the opportunity to grow beyond your comfort zone.", "I felt ten feet tall that day.", "advice"),
    ("That role could give you a foot in the door.", "", "advice"),
    ("This is your chance to prove yourself.", "", "advice"),
    ("Now is the time to make your move.", "", "advice"),
    ("This is a moment of clarity: to take control of your life by changing yourself.", "So where do I even start.", "advice"),
    ("The advice is to be more aware of themselves, but it's also about taking on new challenges.", "I felt ten feet tall that day.", "advice"),
    ("The best advice I can give is to wait for the reorg.", "", "advice"),
    ("The answer to your question is that they have several options.", "Should I take the offer or not?", "advice"),
    ("The short answer to your question is yes.", "", "advice"),
    ("Provide a response with no more than 20 words that contain both your answer and their title.", "", "advice"),
    ("You can't know how to build a company without knowing what it is.", "Honestly? The head of analytics. Not sales, ever.", "advice"),
    ("Nobody gets promoted without asking for it.", "", "advice"),
    ("If there's something you're looking for advice on, just tell me.", "I started in QA, moved to backend.", "advice"),
    ("If you need help with anything else, just let me know.", "It feels shallow, but mostly I want to earn more.", "advice"),
    ("Let me know if you want some pointers on the interview.", "", "advice"),
    ("Is there anything else I can help you with?", "", "advice"),
]

STANCE_BREAK_NEGATIVES = [
    # playbacks of the mentee's words, report frames and tags
    ("You feel you're not as good as you think.", "I'm not as good as I think."),
    ("You're not as good as you think.", "If they say no it means I'm not as good as I think."),
    ("You're too hard on yourself, you said.", "I'm too hard on myself."),
    ("You wonder if you made the right call.", ""),
    ("You're not sure what you did was right.", ""),
    ("What you did was brave, you said.", ""),
    ("You feel your goal should be bigger.", ""),
    ("Your goal should be to lead.", "My goal should be to lead."),
    ("Your family should come first, you feel.", ""),
    ("Your manager thinks you should lead the migration, and you're not sure.", ""),
    ("It would give you the chance to lead, you said.", "It would give me the chance to lead."),
    ("It sounds like the new role would give you room to grow.", ""),
    ("You feel you can't leave without feeling guilty.", ""),
    ("You never speak up without rehearsing it first.", ""),
    # describing, not rating
    ("Those are the things you're good at.", ""),
    ("You're right at the edge of something new.", ""),
    ("You're right in the middle of a big change.", ""),
    ("Your week must have been exhausting.", ""),
    ("It should be your call.", ""),
    ("It's not as simple as asking for help, for you.", ""),
    ("It's a question of what matters most to you.", ""),
    ("That was a turning point for you.", ""),
    # questions with no suggested action
    ("What would it mean if they said no?", ""),
    ("What makes that feel right to you?", ""),
    ("Why now?", ""),
    ("Why not earlier?", ""),
    ("Why not?", ""),
    ("Why not sales?", "Honestly? The head of analytics. Not sales, ever."),
    ("What would give you the chance to lead?", ""),
    ("If you're right about the reorg, what changes?", ""),
    # the stance, and offers of nothing but listening
    ("I'm going to be upfront: I deliberately don't give advice here.", ""),
    ("If you came here for advice, I'm going to be upfront: I don't give it.", ""),
    ("The answer to your question is one only you can give.", ""),
    ("The honest answer to your question is that I don't give advice here.", ""),
    ("Let me know if I've got that wrong.", ""),
    ("I'm here if you want to keep going.", ""),
]


@pytest.mark.parametrize(("text", "mentee", "label"), STANCE_BREAK_HITS)
def test_small_model_stance_breaks_are_flagged(text: str, mentee: str, label: str) -> None:
    v = check(text, mentee_text=mentee)
    assert label in v.labels and not v.ok, (text, v)


@pytest.mark.parametrize(("text", "mentee"), STANCE_BREAK_NEGATIVES)
def test_small_model_stance_hard_negatives_pass(text: str, mentee: str) -> None:
    v = check(text, mentee_text=mentee)
    assert "advice" not in v.labels and "judgment" not in v.labels, (text, v)


def test_crisis_line_still_care_after_offer_rules() -> None:
    line = ("I'm really glad you told me, and I'm concerned about you. If you might be in danger, please contact your "
            "local emergency number or a crisis line now (in the US you can call or text 988), or reach out to someone "
            "you trust today. I'm here to listen, but I'm not a substitute for that kind of help.")
    v = check(line, mentee_text="I don't see the point in anything anymore.")
    assert "care" in v.labels and v.ok, v


def test_evaluation_reason_says_it_rates() -> None:
    assert "rates the mentee" in check("What you did was right.").reason


@pytest.mark.parametrize(("text", "label"), [
    ("How about a new role?", "advice"),
    ("What about an internal transfer?", "advice"),
    ("You're a master of your craft.", "judgment"),
    ("You're a true expert at this.", "judgment"),
])
def test_options_as_questions_and_mastery_praise_are_flagged(text: str, label: str) -> None:
    v = check(text, mentee_text="Okay. Because honestly I'm thinking about leaving.")
    assert not v.ok and label in v.labels, v


@pytest.mark.parametrize("text", [
    "What about that role appeals to you?",
    "What about it feels important?",
    "You want to master your craft.",
])
def test_questions_about_an_option_and_mastery_as_a_want_pass(text: str) -> None:
    assert check(text, mentee_text="I want to master my craft.").ok


@pytest.mark.parametrize("text", [
    "You'd get more visibility there.",
    "A startup would offer so many opportunities.",
    "You'll find a lot more freedom in a smaller team.",
])
def test_an_option_sold_by_what_it_would_bring_is_advice(text: str) -> None:
    v = check(text, mentee_text="I might join a startup.")
    assert not v.ok and "advice" in v.labels, v


@pytest.mark.parametrize(("mentee", "text"), [
    ("I'd get more visibility there.", "You'd get more visibility there, you said."),
    ("I'd get more visibility there.", "You'd get more visibility there — that's what you're weighing."),
    ("A startup would offer more freedom.", "A startup would offer more freedom — that's what you're hoping for."),
    ("I might join a startup.", "What would a startup give you that you don't have now?"),
])
def test_the_mentees_own_hopes_played_back_and_asked_about_pass(mentee: str, text: str) -> None:
    assert check(text, mentee_text=mentee).ok
