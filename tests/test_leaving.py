"""Goodbyes (coach/analyze/leaving.py): thanks and a way out, in the languages people sign off in, are a
goodbye; either half alone is not. A goodbye is answered with thanks and no question, and its sign-off is
never a summary item."""

from __future__ import annotations

import pytest

from coach.analyze.leaving import leaving, sign_off


@pytest.mark.parametrize("text", [
    "ok cheers, off to the yard now",
    "Thanks pal. I'll ring the union rep on Monday. Regards, Moira",
    "merci. je dois y aller, bye",
    "that was less rubbish than I thought. back to the rota",
    "Thank you so much for listening. I feel lighter.",
    "ok gracias, gonna go pick up the kids",
    "asante sana. going to sleep on it",
])
def test_goodbyes(text: str) -> None:
    assert leaving(text)


@pytest.mark.parametrize("text", [
    # batch 13's goodbyes, all read as more to reflect on before (rated blind at f7d1b69)
    "ok im gonna cry into my bar mop. thank u for real. gotta set up for tonight 💛",
    "Hvala. I will tell Luka ok, he can do the instagram, but the hives are mine haha. Now I go, they are swarming this week. Lep pozdrav!",
    "Right I've talked your ear off. Going to have a proper think before I ring Gareth back. Ta love x",
    "Grand. That's more than I got out of the HR one-pager. Cheers, I've a PM at two.",
    "haha ok i like that. might ask dazza if i can do 4 days. anyway training at 5. cheers for the chat legend 🙌",
    "Vinaka vakalevu. I think the question is not Fiji or England. It is where are my young ones. I will think on that. God bless.",
])
def test_the_thirteenth_batch_goodbyes(text: str) -> None:
    assert leaving(text)


@pytest.mark.parametrize("text", [
    "thanks for asking. honestly I'm not sure what I want",
    "My manager said thanks and then gave the project to Dave.",
    "Cheers. So what do you reckon I should do?",
    "I'm going to go for the promotion, I think.",
    "Thanks. I'll talk to my manager about it at some point but honestly the thing is I never wanted to manage people",
    "back to the same old problem: nobody reads the reports",
    "'Same thing, better pay.' Cheers mate",  # sarcasm: a thanks alone
])
def test_not_goodbyes(text: str) -> None:
    assert not leaving(text)


def test_the_sign_off_is_not_what_matters() -> None:
    assert sign_off("peace ✌️") and sign_off("cheers for not tellin me what to do lol")
    assert not sign_off("being part of a crew. that is the thing for me")
    # batch 14: "I'm going to stop there." had become "Goal: stopping there"
    assert sign_off("I'm going to stop there.") and sign_off("let's leave it there for today")
    assert not sign_off("I want to stop there being a gap between what I say and do")


def test_a_goodbye_gets_thanks_and_no_question(tmp_path) -> None:
    import json
    import os
    import subprocess
    import sys

    script = tmp_path / "s.jsonl"
    script.write_text("\n".join(json.dumps({"text": t}) for t in [
        "I drive a bin lorry in Leeds, 14 years.",
        "I like being the one who notices when Mrs Okafor hasn't put her bin out.",
        "ok ta. gonna go get the kids. bye",
    ]) + "\n")
    env = dict(os.environ, COACH_HOME=str(tmp_path / "home"))
    out = subprocess.run([sys.executable, "-m", "coach", "chat", "--script", str(script), "--json"],
                         capture_output=True, text=True, env=env, check=True)
    last = json.loads(out.stdout)["turns"][-1]["text"]
    assert "?" not in last and "before you go" not in last.lower()
    assert "thank" in last.lower()


@pytest.mark.parametrize("text", [
    "Grazie. I'll ask them tomorrow. ciao ciao!",
    "Medaase. I will talk to my wife about this. Good night.",
    "Right, the kids are shouting for tea. Ta for this, weirdly helpful.",
    "Anyway, cheers. Back to the rota, ha.",
    "Shukriya. Early flight tomorrow so I must sleep. Allah hafiz.",
    # batch 14 (read blind): each had been answered as more to reflect on
    "righto, that'll do. cheers",
    "right. that's enough feelings for a tuesday. ta",
    "tanks. e don clear small. i go yarn my papa tomorrow",
    "salamat po. sige, sa jam muna ako focus",
])
def test_sign_offs_in_many_forms(text: str) -> None:
    assert leaving(text)


@pytest.mark.parametrize("text", [
    "that will do for the cab, the rest is paperwork",  # no thanks: more to say
    "i go tell am tomorrow if e no vex me",
])
def test_half_a_goodbye_is_not_one(text: str) -> None:
    assert not leaving(text)


def test_a_goodbye_in_another_language_is_thanked_not_told_about_english(tmp_path) -> None:
    from coach.agent import Coach
    from coach.config import Settings
    from coach.store import open_store

    coach = Coach(open_store(Settings(home=tmp_path)), settings=Settings(home=tmp_path))
    session, _ = coach.start()
    coach.respond(session.id, "qa tester here 2 yrs. i make levels sa Roblox at night")
    text = getattr(coach.respond(session.id, "salamat po. sige, sa jam muna ako focus"), "text", "")
    assert "thank" in text.lower() and "English" not in text and "?" not in text


def test_thanks_for_not_deciding_is_a_goodbye_not_a_request(tmp_path) -> None:
    from coach.agent import Coach
    from coach.config import Settings
    from coach.store import open_store

    coach = Coach(open_store(Settings(home=tmp_path)), settings=Settings(home=tmp_path))
    session, _ = coach.start()
    coach.respond(session.id, "I teach at a Montessori school in Saigon.")
    reply = coach.respond(session.id, "cam on. i still dont know for friday. thank you for not decide for me, actually")
    text = getattr(reply, "text", str(reply))
    assert "advice" not in text.lower() and "?" not in text


@pytest.mark.parametrize("text", [
    "look. that's the whole story. anyway tide waits for nobody. cheers",
    "right, duty calls. ta",
    "the cows wont milk themselves lol. thanks",
])
def test_idioms_of_leaving_with_thanks_are_a_goodbye(text: str) -> None:
    assert leaving(text)
