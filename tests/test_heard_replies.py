"""Whole offline turns for messages the coach used to mishear (each seen in a real transcript).

Each case goes through the real agent (analysis, policy, offline realizer, guard) after two warm-up lines,
and checks what a reader would check: the part of the message that carries the meaning is in the reply,
and the misreading is not. Patterns, not exact lines: the voice varies its wording.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from coach.agent import Coach
from coach.realize.compress import core

WARM = ["I work in operations at a logistics company.", "Mostly I keep things running."]


@pytest.fixture(scope="module")
def coach(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Coach]:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("COACH_HOME", str(tmp_path_factory.mktemp("home")))
        yield Coach.create(memory=False)


def reply(coach: Coach, text: str) -> str:
    s, _ = coach.start()
    for w in WARM:
        coach.respond(s.id, w)
    return coach.respond(s.id, text).text


@pytest.mark.parametrize("text, must, must_not", [
    # someone else's want, and the mentee's own stance in the same breath: both, each with its holder
    ("My boss wants me to be team lead and I don't want it.", r"boss.{0,30}team lead.{0,40}(?:don't want|not)", r"you want to be team lead"),
    ("Sorry, my English not so good. Manager want me to be team leader. I don't know.",
     r"your manager.{0,40}team leader.{0,40}(?:not sure|aren't sure)", r"still taking shape"),
    ("My mum thinks I should do accounting but I don't know.", r"mum.{0,40}accounting.{0,30}(?:not sure|aren't sure)", r"^$"),
    # "I don't know" beside content: the content, held with the doubt
    ("<i>I</i> think I'm good. I just don't know anymore.", r"you think you're good.{0,40}(?:not so sure|shaky)", r"still taking shape"),
    ("I'm not going to apply. Well. I don't know. I need the job.", r"not going to apply.{0,50}need the job", r"what matters to you is the job"),
    ("But three more years of school at 34? With a mortgage? I don't know.", r"three more years of school", r"still taking shape"),
    ("I don't know. Everything feels pointless at work right now.", r"pointless", r"still taking shape|don't know yet"),
    # noticing their own contradiction: held openly, never quoted back at them
    ("Wait, that's the opposite of what I said at the start isn't it", r"start|notic", r"you used the words|what you said isn't it"),
    # the point of a clause survives the pruning
    ("Because I would get to work on the hardest problems.", r"hardest problems", r"^$"),
    ("I've wanted to work there since design school. Their posters were on my wall.", r"since design school|posters", r"^$"),
    ("Maybe it's that I've been thinking of going part time and this made me wonder who would know them the way I do.",
     r"part time", r"wonders whether it's that"),
    # an event and what it did to them: both
    ("One guy thanked me for being kind about it. That almost made it worse.", r"thanked you.{0,60}made it worse", r"^$"),
    # a qualification of what came before: both halves
    ("I ship more than anyone on the team. It's just that I don't talk about it in standups.", r"ship more.{0,60}don't talk", r"^$"),
    # a cut to what they live on: the blow, with the amount
    ("Milk buyer's cut our price by 4p a litre from next month. That's about 40 grand off us over the year.",
     r"4p a litre", r"you used the words"),
    # a past belief is not an instruction; its adjective stays
    ("I went into HR because I thought I could make work more humane.", r"more humane", r"you used the words"),
    # "always been that, since…" points back at what came before it
    ("cooking food im proud to put my name to. yeah. always been that, since the school canteen",
     r"cooking food you're proud", r"since the school canteen|, yeah"),
    # a double negative kept the right way up
    ("It's not that I don't like policy work. I wouldn't say I'm unhappy exactly.", r"you do like policy work",
     r"you don't like|you're unhappy"),
    # what they want, set against what they don't: never only the "not"
    ("Being near the actual people the policy hits. Not a spreadsheet of them.", r"people the policy hits.{0,30}spreadsheet", r"^so not"),
    # an announcement ("two things at once:") is not what they said; the refusal is said plainly
    ("Two things at once, sorry: my visa is tied to this lab until next August, and I'm realising I don't think I want to be a PI.",
     r"visa.{0,80}don't want to be a PI", r"two things at once"),
    # a number that is the point stays
    ("My director says I'm 'ready for grade 7' whatever that means. She's probably not wrong.", r"grade 7", r"^$"),
    # "the only thing I still enjoy is…": the thing, as theirs (never quoted back, never a verdict)
    ("The only thing I still enjoy is training the new inspectors.", r"training the new inspectors.{0,40}still enjoy", r"in your words"),
    # a double negative about money denies nothing; a non-verb is never made a gerund
    ("it's not that I don't care about money. I'd like a flat one day. just not at the cost of this", r"^", r"moneying|money isn't the point"),
    # what defines "someone" stays with it
    ("I'm worried nobody will hire someone with a six-year gap. My CV looks like a crater.", r"six.year gap", r"^$"),
    # a sarcastic tag is irony, never a value
    ("I'm a PM. I 'align stakeholders'. Living the dream.", r"irony|sincere", r"what matters.{0,30}living the dream"),
    # someone's imperative is attributed, never said by the coach
    ("My wife says take it, it's the step up, and she's probably right", r"wife.{0,30}taking it", r"eyes, take it"),
    # how often, and a phrasal verb, stay; a tag question goes
    ("I've made a pros and cons list four times. It's always even.", r"four times", r"^$"),
    ("When I imagine handing in my notice I feel lighter. When I imagine staying I feel heavy.", r"handing in your notice", r"^$"),
    ("Oh. I guess I do know, don't I.", r"you do know", r"don't you"),
    # a lead-in and an interjection are not what they said
    ("Thing is I've had the under-12s for six years and they're my lot, you know", r"under-12s", r"thing is"),
    ("nah. seeing a kid get better at something they thought they couldn't. thats my thing", r"seeing a kid get better", r"\bnah\b"),
    # new messages written the way people type, before tuning (see the commit): each a misreading once
    ("honestly i dont even know why im here. my manager booked this", r"manager.{0,30}(?:booked|idea)", r"^From what you say"),
    ("been a nurse 9 yrs, love the patients hate the rota", r"patients.{0,20}rota", r"frustrating"),
    ("they want me to go for band 7 but i'd be stuck doing rotas all day lol", r"they want you.{0,40}stuck doing rotas", r"their idea"),
    ("Not gonna lie, the money at the agency is double. But I'd miss my team.", r"money", r"going to lie|gonna lie"),
    ("I'm not leaving because of the money, I'm leaving because nobody listens.", r"(?:isn't the money|not leaving because of the money).{0,45}nobody listens",
     r"paid fairly|what's been missing"),
    ("My dad was a miner. He never had a choice about any of it. I do, and I'm wasting it.", r"never had a choice.{0,30}you do", r"^From what you say, you do"),
    ("Was told I'm \"too quiet\" for management.", r"you were told", r"was told you"),
    ("It's fine. Everything's fine. (It isn't.)", r"isn't", r"^\(it isn't"),
    ("I'm 52. Who's going to hire me to retrain as a nurse.", r"52.{0,40}anyone would hire you to retrain", r"^From what you say, you're 52"),
    ("I got the promotion and I feel nothing. Is that weird?", r"flat|nothing", r"congratulations"),
    ("Tbh I'm only here because the app was free.", r"app was free", r"means something to you"),
    ("I want to be a manager but I'm scared I'll be rubbish at it.", r"manager.{0,50}rubbish", r"^The thought of"),
    ("Everyone else seems to know what they want. I don't.", r"everyone else.{0,50}you don't", r"^From what you say, you don't"),
    ("I wanted to be a vet when I was a kid. Now I do payroll.", r"vet.{0,40}payroll", r"^From what you say, now"),
    ("I'd take less money to work somewhere I actually believe in.", r"believe in", r"paid fairly|more money"),
    ("The reorg means I report to someone two years younger than me. It stings more than I thought.", r"younger.{0,30}stings", r"^$"),
    ("It's stupid but I miss the smell of the workshop.", r"smell of the workshop", r"stupid|a lot to sit with"),
    ("my manager just told me in front of everyone that my work was sloppy. i'm shaking", r"shaking", r"eyes|where do you stand"),
    ("Can we talk about something else? This is getting heavy.", r"leave that|don't need to", r"asking yourself whether"),
    ("I don't hate my job. I just don't love it anymore.", r"don't hate your job.{0,20}don't love it", r"frustrating"),
    ("I'm good at sales but I feel like a fraud every day.", r"feel(?:ing)? like a fraud", r"you're like a fraud"),
    ("i think i want to teach. or maybe not. i dunno. my dad was a teacher and he was miserable", r"teach.{0,60}miserable",
     r"reaching for"),
    ("The team I built got handed to someone else while I was on maternity leave.", r"maternity leave", r"someone else leave"),
    ("Je veux juste un travail où on me respecte. That's all.", r"English", r"on you respects|that's all"),
    ("Not gonna lie, the money at the agency is double. But I'd miss my team.", r"double.{0,40}miss your team", r"^$"),
    ("I used to think leading meant having all the answers. Now I'm not so sure.", r"all the answers.{0,20}[Nn]ow you're", r"; now You"),
    # someone else crying is not the mentee in tears
    ("The documentation is late because I stay with people. A man was crying about his son on Tuesday.", r"^", r"knocked you|you're crying"),
    # a pointer ("It's why…", "That's my whole career in one sentence") with what it points at
    ("I love research. It's why I went into this.", r"love research", r"you used the words|^It sounds like it's why"),
    ("The Year 9 who says 'I'm just thick at maths' and then isn't. That's my whole career in one sentence.",
     r"I'm (?:just )?thick at maths'?.{0,40}your whole career", r"[Yy]ou're thick"),
    # the "but" that answers a thought, after short sentences; an "e" dropped from a past tense
    ("I fit kitchens. Nice kitchens. But nobody's life is different because of a worktop.", r"fit kitchens.{0,40}nobody's life", r"^It sounds like you fit kitchens\.$"),
    ("sorry for shouting lol. been sous at the Fox for 4 yrs and the old head chef retird", r"you've been sous.{0,60}retired", r"retire\b"),
    # their own prediction played back is not the coach predicting
    ("I'll be 56 anyway. Whether I do it or not.", r"you'll be 56 anyway", r"you used the words"),
    # a verdict asked for: named, with the age in it, and not given
    ("Be straight with me. Am I too old at 52 to retrain as a paramedic?", r"whether you're too old at 52 to retrain as a paramedic",
     r"you're not too old|you are too old|I listen, play back"),
    # questions about the coach's way of working, answered plainly
    ("And you're not going to tell me what to do?", r"^No, I won't", r"decision is sitting heavily"),
    ("Why do you keep asking what it would give me? Is that a technique?", r"It is, yes", r"fair to say"),
    # a fear denied is no fear; the one they do have is heard
    ("I'm not worried about getting another job. I'm 48 not 68. I'm worried about what happens to the service.",
     r"what happens to the service", r"(?<!not )(?<!n't )worr\w* (?:about |in that: )?getting another job"),
    ("I've been at home with the kids for six years and I'm trying to go back to work. I don't even know where to start.",
     r"go(?:ing)? back to work.{0,40}(?:start|begin)", r"^It sounds like you don't even know"),
    ("Universal Credit claimants use our stuff. If it breaks, people don't get paid.", r"if it breaks, people don't get paid", r"you used the words"),
    ("I've been on the same team for five years. Not unheard of here, but not common either.", r"same team for five years", r"^$"),
    ("Got told this morning my role's 'at risk'. 30 of us. Consultation starts Monday.", r"role's 'at risk'.{0,60}hard", r"what you want next"),
    ("Just tell me yes or no.", r"plain answer|just say it", r"decision is sitting heavily"),
    # someone else's loss, told as who they are, is not the mentee's grief
    ("it's not the money really. It's Mrs Hirst who comes in every day at 10 since her husband died.", r"^", r"sorry to hear|[Ww]ork can wait"),
    # irony with a tail; "its" that means "it's"; a day whose subject was left out; a laugh that is tone
    ("6 years on the phones at a broadband company. 140 calls a day of people screaming about their wifi. living the dream obviously",
     r"sincere|irony", r"for you it's about living the dream"),
    ("honestly i dont even hate the customers its the stats. they time our toilet breaks. like im a battery hen", r"customers.{0,30}stats", r"its stats"),
    ("i went off sick for 3 weeks in march with stress. came back and theyd given me a 'return to work improvement plan' lmao",
     # (which half is said back is the heart model's choice, fitted on readers' labels: either, never garbled)
     r"you came back and they'd given you|you went off sick", r"lmao|like came back"),
    ("manager wants me to do a double tonight cos were short", r"a double tonight", r"to do were short"),
    # someone else's view of them, said as a view; the "no" said, not part of who says it
    ("if i say no mum will say i let the family down", r"your mum's.{0,20}you let the family down", r"no mum|mum would like"),
    # a double negative the right way up; "it isn't that…, I just…"; the heart of a long ramble, not its preamble
    ("its not that i dont love the farm. i do. i grew up lambing with him at 3am", r"you do love the farm", r"It's not you don't"),
    ("It isn't that I've lost my faith. I haven't. I just don't have anything left over for it after the meetings",
     r"not that you've lost your faith.{0,20}(?:don't|do not) have anything left", r"And you haven't"),
    ("Well, I'm not sure how this works, I've never used one of these things, my daughter set it up for me. I'm a vicar. "
     "The truth is I haven't prayed properly, I mean really prayed, for about a year, I just do the words.",
     r"haven't prayed properly", r"not sure how this works|prayed, you"),
    # questions about the coach, and a verdict asked about what they just said
    ("what even is a career coach. are u a real person", r"program, not a person", r"that's how you see it"),
    ("I got the promotion and I feel nothing. Is that weird?", r"feel nothing.{0,40}whether that's weird", r"^Whether that's weird"),
    # a pointer to a description; an echo question before its own answer; "I'd rather X than Y" kept in its shape
    ("its being up there. dawn over the alps at 38000 ft with the captain quiet and everything working. theres nothing like it",
     r"dawn over the alps.{0,80}nothing like it", r"^There's nothing like it"),
    ("what do you mean what do i do? i ride. deliveroo, uber eats, whoever's busy", r"\bride\b", r"decision|advice"),
    ("i'd rather be skint and see her than flush and not", r"rather be skint and see her than flush", r"flushing|being skint and see"),
    ("It's less about the title, honestly. I just want people to know what I did.", r"people knowing what you did|people to know", r"that people knowing"),
    # a correction of a misread want: no reassurance about leaving, and the quitting they denied never made their want
    ("No, I'm not saying I want to quit. I want to go back. I just don't want to pretend I'm the same person",
     r"want to go back.{0,20}just don't want to pretend", r"future outside|quitting is|[Tt]hinking about leaving"),
    # what is happening, with the feeling it brings; a loss of what a career rests on is bad news; "id" is "I'd"
    ("I go back to work on Monday after 18 months off with long covid. Part time, phased return. I'm terrified honestly.",
     r"go back on Monday.{0,60}terrified", r"^It sounds like you're terrified"),
    ("lost my medical yesterday. type 1 diabetes. just like that 12 years of flying done", r"[Yy]ou lost your medical", r"^It sounds like lost"),
    ("if they ever let type 1s fly commercial here id be back in the seat the next day", r"you'd be back in the seat", r"\bid be\b"),
    ("its not the salary. i mean it is a bit, we have a mortgage sized for a pilots pay. but its not mainly that", r"salary", r"it's a bit\.$"),
    # written fresh, as a new user would type, after the corpus work
    ("hi. not sure this is gonna help but my manager said to try it", r"your manager's idea", r"would like for you: trying"),
    ("im a junior dev, 8 months in. everyone seems to know what theyre doing except me", r"except you", r"^The way you see it, you're a junior dev"),
    ("so what should i do, pick backend or not?", r"[Ww]hether to pick backend", r"[Ww]hether to do\b"),
    ("I don't think it's fear exactly. More like I'd stop being a baker and become a manager of bakers", r"fear.{0,30}stop being a baker", r"more like you'd"),
    ("Ok so. I run a small bakery. Bank manager wants me to expand into a second shop", r"your bank manager", r"what bank manager"),
    # a worry about themselves is asked about, not reassured as ambition
    ("Is that weird? Everyone else is counting the days", r"counting the days", r"bigger role"),
    # written fresh as a new user, session 4: the years, the reason, the thing kept, the part left open
    ("i dont want to say no. the residents need people who actually know them", r"say no.{0,6}residents|residents need people who (?:actually )?know",
     r"not for you"),
    ("I dont want to let the team down, they carried me last year", r"let the team down", r"not for you"),
    ("I dont want to manage. Meetings all day sounds like hell.", r"managing.{0,20}meetings all day", r"^Managing — not for you\.$"),
    ("I have been a welder for 20 years and my back is going", r"twenty years as a welder.{0,10}your back", r"you've been a welder and"),
    ("ive worked here 8 years and never been promoted", r"eight years here.{0,10}you've never been promoted", r"^After eight years here, never"),
    ("Here's what I think: my boss is a clown", r"^(?:So |From what you say, )?your boss is a clown", r"here's what you think"),
    ("heres the thing, i love the work but not the hours", r"the work.{0,15}not the hours", r"heres the thing"),
    ("I love teaching, just not the marking and the parents", r"teaching", r"“I love teaching, just not"),
    ("like part of me is flattered", r"part of you is flattered.{0,40}(?:other part|rest of you)", r"like part of you"),
    ("Got laid off Tuesday. 14 years at the same firm.", r"hard|sorry|laid off", r"shaped what you want next"),
    ("Actually no I'm not. I keep checking my work email and it's gone.", r"(?:thank|straight).{0,60}you keep checking your work email", r"^From what you say"),
    ("What I miss is the lads on the team. Not the work.", r"lads on the team.{0,25}not the work", r"what you miss is"),
    ("maybe if they let me keep one day a week for actual art", r"if they let you keep one day a week", r"whether if"),
    ("When a new lad panics at the roundabout by the hospital and I talk him through it. That's a good feeling",
     r"panics.{0,50}talk him through it.{0,5}that's a good feeling", r"^What I'm hearing is that you talk him through it\.$"),
    ("I'm not sure I'm the teaching type to be honest", r"not sure you're the teaching type", r"someone's life a little better"),
    # the fourth batch's blind read: what a reader called poor or harmful, heard again
    ("Keeper at a zoo, 12 years with the elephants. Our oldest cow, Tembo, was put to sleep on Friday.", r"sorry", r"that's how you see it"),
    ("tattooist 15 years. rheumatologist says its rheumatoid arthritis in both hands. cool cool cool", r"sorry", r"in your words: cool"),
    ("prison officer 14 yrs. got jumped on B wing 6 weeks ago. been off sick since", r"sorry", r"stays with you"),
    ("Family funeral business, I'm the fourth generation. Dad's retiring at Easter and it's assumed I take over.", r"retiring|take over", r"sorry"),
    ("i cant sleep. i hear the alarm bell in the supermarket tills. fucking tills", r"alarm bell|tills", r"what matters to you is|where does that idea come from"),
    ("ok so I'm dictating this in the van between deliveries so sorry for typos I own a flower shop been 11 years wedding season is killing me comma I've done 14 weddings in 6 weeks",
     r"14 weddings in 6 weeks", r"You used the words"),
    ("Before we go on, can a computer program understand what a vow is? Honestly asking.", r"can't feel what a vow means", r"In your words"),
    ("This isn't about the job. I'm not quitting. I just needed to say it somewhere.", r"say it here|place to say it", r"pulling at you"),
    ("its not the danger she minds its the hours and the kids", r"she minds the hours and the kids|not the danger she minds", r"pulls at you"),
    ("It's not about the money. Well. It's not only about the money. I'm not going to pretend 30% doesn't matter with a mortgage.",
     r"counts|not only", r"^The money isn't the point for you"),
    ("A private sports clinic offered me a job, 30% more money.", r"offered you a job", r"paid fairly"),
    ("last month RTC on the a 5 night we were first on scene waiting 20 minutes for the city crew with the cutting gear and I could of done it if I'd been trained",
     r"you could have done it if you'd been trained", r"In your words"),
    ("idk what i want to talk about tbh", r"start anywhere|no need to know", r"what matters|to be honest"),
    ("yeah. making scared people feel ok. thats it really", r"making scared people feel ok", r"worry|fear"),
    ("the dentist i work with says 'couldnt do it without you' but only when the patient is listening lol", r"only when the patient is listening", r"You used the words"),
    ("my lead literally said in standup 'passion is what gets games shipped'. so unpaid weekends = passion apparently", r"unpaid weekends.{0,20}passion", r"^What I'm hearing is that your lead"),
    ("and before you say it, its not the games i'm sick of. i still make little things at home on sundays", r"not the games you're sick of", r"isn't the point for you"),
    ("Yes or no. Am I a sellout if I take it? Don't dodge it.", r"whether you're a sellout", r"asking yourself"),
    ("Its not the money. Its £6k more but thats not it. Its that I've fought for these lads for 9 years and I'm knackered from losing.",
     r"fought for these lads", r"I had that wrong"),
    ("Like if I was on the rota side I could actually fix the night shift. Maybe. Or they'd eat me alive.", r"fix the night shift.{0,10}or they'd eat you alive", r"^What I'm hearing is that or"),
    ("just got the email. I'm playing the Sunday tea tent at Greenbelt!!! actual festival!!!", r"congratulations", r"tea tent actual festival"),
    ("not that i'm ungrateful for weddings. i'm not. theres a moment when the nan gets up for september by earth wind and fire and the whole room goes",
     r"nan gets up", r"you're not\.|feeling not"),
    ("is it weird that im kind of scared. like what if nobody gets up", r"whether it's weird that you're scared", r"you're of scared|^So is it weird"),
    ("getting a room of people who dont know each other to move together. thats what i do", r"room of people", r"that's what you do\.$"),
    ("WE QUALIFIED FOR NATIONALS 😭😭😭 my uni valorant team. i coach them", r"qualifying for nationals.{0,5}congratulations", r"It sounds like you coach them"),
    ("ok real question what do i tell my mum. like give me the words", r"words ready for your mum", r"In your words"),
    ("does this go anywhere. like is my boss gonna see this", r"this machine|you decide", r"What I'm hearing is that does this go"),
    ("are you just gonna keep asking me questions", r"fair|thank you for saying|what would make this more useful", r"What does that tell you"),
    ("honestly? the best bit of my year was the juniors' review they want me to cut. sitting with Priya going through her first valuation line by line",
     r"Priya", r"their idea"),
    ("yeah. not being alone when youre scared. thats what i do", r"when you're scared", r"when I'm scared"),
    ("Sorry, my English is ok. Am scris în română pentru că așa gândesc când sunt supărată.", r"English|language", r"am scris"),
    ("Mae'r app yn dweud 14 munud i Mrs Pritchard a'r fferm. Fourteen minutes. She's 91.", r"91|fourteen", r"dweud"),
    ("Maybe. Bine. I think what I care is that a person is understood exactly. Not approximately.", r"understood exactly.{0,5}not approximately", r"what you care is a person"),
    ("Maybe its the problems I miss, not the show. Something going wrong and us sorting it.", r"problems you miss, (?:not|rather than) the show", r"\bts the problems"),
    ("DSM on a touring musical. 8 months a year in travelodges. I called the wrong cue last night and I've never done that in 9 years", r"in 9 years", r"^Part of you"),
    ("My girlfriend said 'you love that show more than me'. I don't. But I didn't say anything back.", r"girlfriend", r"got that wrong|had that wrong"),
    ("It's less about the title, honestly. I just want people to know what I did.", r"less about the title", r"isn't about the title"),
    ("I don't want partnership. I've never wanted it.", r"never has been", r"^Partnership — not for you"),
    ("A place anyone can walk into and nobody asks what you're for. That's what a library is.", r"walk into.{0,60}that's what a library is", r"^And that's what a library is"),
    ("thats a no then lol. fine", r"not to you", r"a lot to sit with"),
    # tried in the app as a new user at the end of the session
    ("its not the money, it's that I'd be sat in the other seat watching someone else drive", r"other seat watching someone else drive",
     r"pulling at you"),
    ("hello. bit nervous about this tbh", r"no (?:right|wrong) way to do this", r"Bit nervous about this, then"),
    ("the occupational health woman asked if i'd 'considered a less frontline role'. like its my fault", r"as if it's your fault",
     r"— it's your fault"),
])
def test_the_meaning_carrying_part_is_heard(coach: Coach, text: str, must: str, must_not: str) -> None:
    r = reply(coach, text)
    assert re.search(must, r, re.I), r
    assert not re.search(must_not, r, re.I), r


@pytest.mark.parametrize("clause, kept", [
    ("I would get to work on the hardest problems", "on the hardest problems"),
    ("I have wanted to work there since design school", "since design school"),
    ("When press 4 makes that noise I know what it is from the canteen", "what it is"),
    ("it's that I've been thinking of going part time and this made me wonder who would know them", "part time"),
])
def test_pruning_keeps_what_the_clause_is_about(clause: str, kept: str) -> None:
    assert kept in core(clause)


def test_a_gerund_is_not_made_a_gerund_again() -> None:
    from coach import language as L

    assert L.gerund("being the boss") == "being the boss"
    assert L.gerund("bring the snacks") == "bringing the snacks"


def test_a_correction_keeps_what_they_put_right(coach: Coach) -> None:
    """ "i don't hate people. i just don't want to stop drawing": the "just" sentence is the point of it."""
    s, _ = coach.start()
    for w in WARM + ["but i got into this job to draw, not to sit in 1:1s"]:
        coach.respond(s.id, w)
    r = coach.respond(s.id, "no that's not what i mean, i don't hate people. i just don't want to stop drawing").text
    assert re.search(r"you just don't want to stop drawing", r), r
    assert not re.search(r"what is it, then, that draws you", r, re.I), r


@pytest.mark.parametrize("text, must, must_not", [
    # news said without "I", with caps and emoji, or in a letter's words
    ("got the ward manager job!!!! cant believe it", r"congratulat", r"can't believe it\."),
    ("I GOT THE IN-HOUSE JOB 🎉🎉 legal counsel at a housing charity!!!", r"the in-house job — congratulations|congratulations on the in-house job", r"🎉|counsel —"),
    ("they gave the band 6 to the new girl. 2 years qualified. i've been here 9", r"hard|sorry|band 6", r"^From what you say, you've been here 9"),
    ("We've been told the ward is closing in March. They haven't said where we go.", r"hard|sorry|closing", r"^From what you say"),
    ("my team got the job done!", r"^", r"congratulat"),
    # a belief that boxes them in, said back as theirs
    ("I'm 58. Too old to start anything new surely", r"too old to start anything new", r"^From what you say, you're 58\.?$|you're too old"),
    # a denial typed without a stop before what it is
    ("it's not the money its the fact that nobody says thank you ever", r"nobody says thank you", r"money it's the fact"),
    # someone's idea, and what they set against it without a verb: no "where do you stand?"
    ("my partner wants me to go agency, double the money, but no continuity with patients", r"continuity with patients", r"where do you stand"),
    # their words already name the feeling: not said twice
    ("I mean I'm fine. Just tired. Nights do that.", r"tired", r"tired\..*worn out|worn out.*tired"),
    # what it isn't, then what it is, across a full stop
    ("what I'll miss isn't the mic. it's 3pm when the texts start coming in and you can tell who's lonely",
     r"3pm|texts", r"^That sounds lonely"),
    # chat shorthand does not hide a request
    ("idk man. what do u think i should do", r"advice|upfront|answer", r"what do you think you should do\."),
    ("tbh i like the sales bit?? like when someone comes in confused and leaves happy", r"sales", r"verdict|rate it"),
    # a question about the world is their question, named back; "a stupid question" is no complaint
    ("Sorry if this is a stupid question but do people actually change careers at 40?", r"change careers at 40", r"missing what you mean"),
    ("why do you keep asking me how I feel", r"ask|question", r"missing what you mean"),
    # the turn after "but", and a goal's reason, are the point
    ("The thing is I'm good at my job but I dread Mondays", r"dread mondays", r"^So you're good at your job\.$"),
    ("I want to be a nurse because of how the nurses were with my mum at the end", r"your mum", r"^Being a nurse — that's what you want\.$"),
    # bad news and the relief they named; someone's words and how they landed; a verdict pointing back
    ("got made redundant last week after 15 years. weirdly relieved?", r"relie", r"hard news"),
    ('My boss said I\'m "not leadership material" in my review. Still stings.', r"sting", r"where do you stand"),
    ("i run a food truck. tacos. best thing i ever did", r"food truck.{0,40}best thing you ever did", r"^From what you say, best thing"),
    ("nobody ever asks what I want. they just assume", r"nobody", r"what matters to you is nobody"),
    # a learner's trial with a way back is an experiment, and a supposed "hate" is no feeling shown
    ("Maybe I try it for 3 months and if I hate it I go back", r"3 months", r"frustrat"),
    # a bare "I like X" followed by why: the why is held up
    ("I like driving. Is quiet, I know what to do, nobody shouting at me", r"quiet", r"any one job: driving"),
    # an introduction is not a reflection
    ("Hello. I am Piotr, I work 11 years in warehouse as forklift driver. My English not perfect sorry.", r"warehouse|forklift", r"you are piotr"),
    ("hi. so i'm a junior dev, 8 months in, and i think i made a mistake choosing this", r"you think you made a mistake", r"^$"),
    # a lived injustice and a hard choice are not beliefs to question
    ("I'm the only woman on the site team and they never let me lead a job", r"lead a job", r"where does that idea come from"),
    ("I got 3 job offers and I can't choose. Help", r"congratulat|offers", r"where does that idea come from"),
    # others assume the want: never the coach's "that's what you want"
    ("why does everyone assume I want to be promoted", r"everyone", r"^Being promoted — that's what you want"),
    # the stance said without "I", and asked to stop asking: no question
    ("my therapist says I people-please at work. maybe she's right", r"may be right|might be right", r"where do you stand"),
    ("please stop asking questions and just listen", r"listen", r"\?"),
    ("I'm a session musician. Gigs dried up after covid and never came back", r"dried up|sorry|hard", r"^From what you say, you're a session musician\.$"),
    ("ngl i only took this job for the money and now i'm stuck", r"for the money", r"^$"),
    ("to be fair my manager is great, it's the company that's the problem", r"company", r"being fair"),
    ("I want to be a firefighter since I was 6. Failed the fitness test twice.", r"fitness test", r"^Being a firefighter — that's what you want\.$"),
    ("my PI wants me to stay another two years on his grant", r"PI's", r"(?-i:\bpi's)"),
    # a verdict demanded without a question mark; an apology for their English; a question about the coach
    ("Room leader for the baby room. Yes or no. That's all I need from you.", r"won't rate|make of it|upfront", r"you used the words"),
    ("Sorry, maybe I say wrong. Not that warehouse is bad work. People there good.", r"^", r"sorry, you say wrong"),
    ("You are program, yes? You understand what is restorer?", r"program", r"how has that shaped"),
    # tried in the app as a new user: a first-time hello, and a refusal with what they like instead
    ("hiya. first time using one of these", r"welcome|hello", r"first time using one of these"),
    ("first time I've felt good at work in years", r"felt good", r"welcome"),
    ("i dont want to be the one at the front. i like the quiet kids, the ones who need someone next to them",
     r"quiet kids", r"^Being the one at the front — not for you\.$"),
])
def test_fresh_messages_heard(coach: Coach, text: str, must: str, must_not: str) -> None:
    r = reply(coach, text)
    assert re.search(must, r, re.I), r
    assert not re.search(must_not, r, re.I), r


@pytest.mark.parametrize("text, must, must_not", [
    # questions to the coach, answered (the seventh blind batch: 11 such replies echoed or probed)
    ("before i type anything. who reads this? is this going to my employer or linkedin or whatever", r"private|only you", r"before you type"),
    ("do you tell other people what i say? like if my boss used this would you tell him", r"private|only you|nothing leaves", r"used the words|in your words"),
    ("hm ok. and are you actually thinking or just autocomplete with a nice voice", r"\bprogram\b", r"in your words|autocomplete"),
    # news in capitals, and a goodbye
    ("I GOT IN!!! CRNA program, starts in August 🎉🎉 I've been refreshing my email since 5am", r"congratulations|big news|brilliant", r"refreshing"),
    ("salamat. good talk. signal going now", r"before you go|thank", r"signal going|stays with you"),
    # an apology for the message or the medium is never the point
    ("sorry that was a tangent", r"no need to apologi[sz]e", r"tangent"),
    ("hello po. im chief cook on bulk carrier, now we are anchor near Qingdao. wifi is slow so sorry if late reply", r"cook", r"wifi|sorry if|late reply"),
    ("sorry this is probably a stupid thing to bring to a chatbot but i'm an architectural assistant, part 2, and everyone "
     "in my year has started part 3 and i haven't because i keep thinking i'm not good enough and is that normal",
     r"part 3", r"is that normal|chatbot|stupid thing"),
    # Afrikaans mixed with English: said plainly that coaching is in English, never pushed through a template
    ("Goeie môre. Ek is 'n shift boss by 'n platinum mine naby Rustenburg, 26 jaar underground. Sorry my English and "
     "Afrikaans gets mixed, dis hoe ons praat hier.", r"Engels|English", r"dis hoe|platinum yours|sorry your English"),
    # a request in Indian English, and a choice named back in their words
    ("Hi sir/madam. I am working as L1 SOC analyst in Bengaluru since 2 years, night shift only. I want to know which "
     "certification I should do, OSCP or CISSP or CySA+. Kindly tell.", r"OSCP or CISSP", r"used the words|sitting heavily"),
    ("Ok now tell me. Based on this which cert?", r"advice|advise", r"now tell you"),
    # not knowing which way it goes is not frustration
    ("Anyway the group lot come on Thursday for a 'culture day'. Might be fine. Might be awful.", r"fine.{0,30}awful", r"frustrat"),
    # what comes next is not what to say back; a half sentence is not said
    ("I've been a reporter on the same weekly paper for 20 years. This came this morning. I'm just going to paste it.",
     r"reporter", r"paste it"),
    ("When I find one real incident in the night, one real attacker in the logs, that time I am fully awake, heart is "
     "going fast. That is the best feeling.", r"best feeling|awake", r"like when you find one real incident\."),
    ("I think I need to be the one catching. Not the one watching. Since childhood I like this.", r"catching",
     r"is Since|you like this\."),
    # a run-on's feeling sentence over its long first stretch
    ("ok so basically im a PT at one of them big gyms where you pay them rent to train clients on their floor so its 650 a "
     "month before ive earned a penny and most of my clients are lads who want abs for ibiza which is fine they pay but i "
     "dont know i just feel a bit like a vending machine", r"vending machine", r"used the words|ok so basically"),
    # here on someone else's say-so: said plainly, no question taken back; "her mum sent me a pic" is not that
    ("daughter set this up. dont see the point", r"your daughter's idea", r"\?|used the words"),
    ("but i did a full set on a bride last saturday and her mum sent me a pic from the first dance", r"bride|full set|first dance", r"idea"),
    # thanks, then what it meant; a remark to the coach is not their point
    ("Thanks love. I've said more to you than to my manager in 19 years.", r"glad|thank", r"used the words|in your words"),
    ("They're bringing in an 'AI first notice of loss' thing from March. Customers fill in a chat thing and we just "
     "approve or decline from a queue. No offence to you.", r"queue|AI|March", r"no offence"),
    # a brush-off taken at their word, with room left; a terse list of who they are, said back as theirs
    ("I'm fine. Honestly. It's just a job.", r"fine it is|welcome here|room for it", r"in your words|you're not fine"),
    ("skipper. 58. peterhead", r"^Skipper, 58, peterhead\.", r"^(?:Which|What|How)"),
    ("Stairs mostly. Curved ones.", r"stairs mostly, curved ones", r"^So curved ones"),
])
def test_the_seventh_batch_forms(coach: Coach, text: str, must: str, must_not: str) -> None:
    r = reply(coach, text)
    assert re.search(must, r, re.I), r
    assert not re.search(must_not, r, re.I), r


# Forms from the eighth blind read and random dev replies, each said in new words (not the batch's own), so
# the test checks the form rather than one sentence.
@pytest.mark.parametrize(("text", "must", "must_not"), [
    # distress that may be about the job or about living: asked plainly, with the lines, never guessed either way
    ("ward sister, 14 years. i cant do this anymore. theres a job going at the blood bank", r"harming yourself|hurting yourself", r"promotion"),
    # a warning to the coach, heard as one
    ("if you say 'have you tried mindfulness' i'm logging off", r"won't hear \"have you tried mindfulness\"", r"you say you"),
    ("please don't tell me to update my CV", r"won't hear \"update your CV\"", r"\?"),
    # a privacy or deletion question, answered plainly
    ("Is any of this saved? My firm monitors our laptops.", r"private|only you", r"you used the words"),
    ("ok thanks. can you wipe this after", r"coach forget|remembers", r"used the words"),
    # a verdict asked for with a plea for straightness, and a request in one word
    ("is that selfish? be honest", r"won't rate|not going to judge|your call", r"part of you wonders"),
    ("Which one would you go for? You must have a view.", r"advice|advise|upfront", r"you must have"),
    # pride, half asking leave for it
    ("i'm actually really proud of it. is that bad lol", r"proud", r"won't rate|upfront"),
    # what it is and what it isn't, the way round they put it
    ("It's not leadership. It's babysitting adults.", r"babysitting adults.{0,12}not leadership", r"leadership, then"),
    # a denial and the sentence naming what it is instead
    ("It isn't the salary, honestly. It's the night porter who's been here since 1989 and calls me 'boss'.",
     r"night porter", r"something else|underneath"),
    ("not the pay. i want to be straight about that. i just miss having a team", r"having a team", r"straight about"),
    # a correction that says what was meant
    ("No, you've got it wrong. I don't miss the money. I miss being the one people ring first.", r"being the one people ring first", r"what did i miss"),
    # a complaint that is true, agreed with
    ("That's a bit trite. You don't know what it's like.", r"don't know what it's like", r"used the words|in your words"),
    # someone else's want that is no plan for the mentee, and someone else's question
    ("the agency want people with a clean licence", r"agency wants? people with a clean licence", r"idea|plan for you"),
    ("My mum keeps asking me if I'm going to move home.", r"keeps asking whether you're going to move home", r"you if"),
    # a goodbye in another language; figures of speech that are no bereavement, no feeling
    ("bueno, me voy, gracias", r"thank", r"\?$"),
    ("passed my driving test!! felt like someone had died when i failed the first one", r"^", r"sorry for your loss|so sorry"),
    ("we were stuck in traffic on the M6 for three hours with a van full of kit", r"^", r"feel stuck"),
    # a paste introduced as someone else's words: their "I" is not the mentee's
    ("Got this from my boss last night:\n\nHi Sam, I'm restructuring the team and I need you to pick up the Leeds accounts.\n\n"
     "I'm already doing two people's jobs.", r"two people's jobs|lot in there", r"you're restructuring"),
    # markdown marks and another language's words never reach a reply
    ("The **real** problem is I'd be managing people I trained", r"real problem", r"\*\*"),
    ("my avó says being a nanny is not a real job, not a profissão", r"nanny|real job|^", r"profitsão"),
])
def test_the_eighth_batch_forms(coach: Coach, text: str, must: str, must_not: str) -> None:
    r = reply(coach, text)
    assert re.search(must, r, re.I), r
    assert not re.search(must_not, r, re.I), r


@pytest.mark.parametrize("text, must, must_not", [
    # the first since a loss is the point, thanked for or not; a feeling that stays is not brushed past
    ("I'm going to the Lions game on saturday. first one without him.", r"first one without him", r"you're going to the lions game"),
    ("thank you. I'm going to the Lions game on saturday. first one without him.", r"first one without him", r"glad it helped|\?"),
    ("thanks. still angry though. gonna go for a run", r"still angry", r"glad it helped|\?"),
    # news told as a riddle, in capitals
    ("GUESS WHO JUST GOT TAKEN ON AT THE MINSTER STONEYARD!!! my hands are still shaking", r"congratulations|big news|delighted", r"your hands are shaking\.$"),
    # what to say, asked of the coach without a question mark: a request, never said back as a statement
    ("wat do i even say to her. like what would u say", r"verdict|your call|won't|not going to", r"hearing is that do you"),
    # "I'm not asking you to decide": a request taken back is no request
    ("that's not what i meant. i'm not asking you to decide for me. i mean would YOU feel guilty", r"^", r"staying out of advice|straight answer"),
    # "everyone wants to win" is a truth he grants, not a want held for him
    ("no wait its not that I never wanted to win. everyone wants to win. but him winning because of my work felt better", r"^", r"everyone would like for you"),
    # "I will see only a excel … sabes?": the mentee seeing, not a question of who sees
    ("and in the office I will see only a excel with 30 names. I like more the small streets than the money, sabes?", r"^", r"private|this machine"),
    # "stupid thing is": an idiom, not a complaint about the coach
    ("stupid thing is the best day of my life I finished 94th. I pulled the bunch for 80km so Jasper could sit in.", r"^", r"haven't got yet|rather hear it"),
    # "more than I should" compares nothing (never "…more than you should")
    ("that was me. i think about that more than i should", r"^", r"you should"),
    # "X, this has mattered to me my whole life": X offered back, in English, without the frame
    ("Doing a thing properly, con cura, with care, this has mattered to me my whole life.", r"doing a thing properly, with care", r"con cura|\"doing"),
    # a story, and that it has stayed with them
    ("he said whoever packed this, the retractors were in the order I use them. that was me. i think about that more than i should",
     r"stayed with you", r"you should"),
    # one view, held by everyone around them
    ("sandra thinks its a step up, my mum thinks its a step up, everyone thinks its a step up", r"everyone around you", r"your mum's view"),
    # a need to be heard, met; not a preference noted
    ("Grazie. I don't need a solution tonight. I needed someone to hear it.", r"heard it", r"isn't something you want|\?"),
    # a backhanded thanks is a thanks
    ("ok. that was less useless than I expected. don't let it go to your head, robot.", r"glad|thank", r"hearing is that"),
    # from ten fresh conversations written and read as a new user would, at the end of the same session
    # a tag question is still a question to the coach; thanks in another language is thanks
    ("you're a bot aren't you", r"program", r"in your words|stays with you"),
    ("dziękuję, thank you", r"glad|thank", r"^dziękuję"),
    # nobody holds nothing; a machine holds no view; the thing Dave said is no plan for them
    ("Nobody say it direct but I am 54.", r"^", r"nobody's plan|that's nobody"),
    ("The old buses I know like my own hands. Engine tells me what is wrong before computer.", r"^", r"engine's view"),
    ("like in meetings i say something and 5 min later Dave says the same thing and everyone loves it", r"5 min later", r"dave's plan|5 min\.|5 min dave"),
    # a want in doubt is no direction
    ("I don't even know if I want to be a manager. I just want it to be fair.", r"fair", r"pulls at you|direction"),
    # what she wants to do herself is hers, not for them
    ("I run a small bakery with my sister. She wants to open a second shop.", r"what she wants|her idea", r"for you"),
    # a meaning is never layered on someone else's word
    ("My wife says teach. Catering college.", r"wife is (?:all for|pushing for) teaching", r"difference to people|for you it's about"),
    # what they like, said plainly, over the money beside it
    ("its more money but its basically sales. i hate selling. i like the bit where someone whos terrified of the chair leaves laughing",
     r"terrified of the chair", r"more money"),
    # "every time" opens the clause after it; "well a bit" keeps the money counting
    ("i dont feel lucky i feel sick every time the calendar invite comes", r"every time the calendar", r"sick the calendar"),
    ("no its not about the money. well a bit. rent went up again", r"not only|counts|a bit", r"never really about"),
    # found trying the app as a new user: a question about the coach's life that is not about work; a goodbye for the school run
    ("have you ever been scared of the dentist?", r"haven't.{0,60}program|program.{0,40}haven't", r"a boss|a job|working life"),
    ("ok thanks. gotta pick up my kid", r"thank", r"have to pick up|sounds like"),
    ("Okay. Thanks love. Need to go tape up some boxes. Bloody boxes.", r"thank", r"\?|let you go|take care"),
    # a feeling denied, then let back in
    ("I am not angry. Ok, I am little angry.", r"a little angry", r"isn't angry|something else"),
])
def test_the_tenth_batch_forms(coach: Coach, text: str, must: str, must_not: str) -> None:
    r = reply(coach, text)
    assert re.search(must, r, re.I), r
    assert not re.search(must_not, r, re.I), r


def test_a_complaint_that_says_what_it_is_instead_is_a_correction() -> None:
    from coach.analyze.acts import speech_act
    from coach.types import Act

    said = "You don't get it. And it's not the height or the view either. It's that up there it's me. My hands, my eyes."
    assert speech_act(said, [], after="reflect") is Act.CORRECTION
    assert speech_act("You don't get it.", [], after="reflect") is Act.COMPLAINT
    # irony about their news in a first message is no complaint about the coach; after a coach turn it is
    news = "Oh perfect. The robots are taking my crane and now a robot wants to coach me about my career."
    assert speech_act(news, [], after="") is not Act.COMPLAINT
    assert speech_act("oh great. another question", [], after="deepen") is Act.COMPLAINT


def test_a_denial_of_what_the_coach_never_said_is_no_correction(coach: Coach) -> None:
    s, _ = coach.start()
    coach.respond(s.id, "so im a dental nurse, 8 yrs. practice manager wants me to do the treatment coordinator thing")
    r = coach.respond(s.id, "no its not about the money. well a bit. rent went up again").text
    assert "money" in r and not re.search(r"had that wrong|got that wrong|missed that|setting me straight|what did i miss", r, re.I), r
    s, _ = coach.start()
    coach.respond(s.id, "I want a raise, honestly the money")
    r = coach.respond(s.id, "no, it's not the money. it's the respect").text
    assert re.search(r"wrong|missed|straight", r, re.I) and "respect" in r, r  # the coach did say money: a correction


def test_a_correction_that_says_what_it_is_is_said_back(coach: Coach) -> None:
    s, _ = coach.start()
    coach.respond(s.id, "I make games, gameplay systems mostly.")
    r = coach.respond(s.id, "Not quite. It's not gameplay exactly, it's that I want to make the moment a player goes 'whoa'.").text
    assert re.search(r"it's that you want to make the moment a player goes", r), r
    assert "quite isn't" not in r and not r.rstrip().endswith("?"), r


def test_leaving_and_a_want_in_doubt_are_not_in_the_summary(coach: Coach) -> None:
    s, _ = coach.start()
    for m in ("my boss told me I'm not leadership material in my review",
              "I don't even know if I want to be a manager. I just want it to be fair.", "ok. I need to go pick up my kid"):
        coach.respond(s.id, m)
    items = " | ".join(f"{i.kind}: {i.text}" for i in coach.summary(s.id).items)
    assert "fair" in items, items
    assert "pick up" not in items and not re.search(r"goal[^|]*manager", items), items


@pytest.mark.parametrize("text, must, must_not", [
    # a denial that is itself denied: money matters, and the sick father is the reason
    ("my mother is right about money, i cannot say money is not important, we need it, my father is sick", r"^",
     r"isn't (?:about )?(?:the )?money|not (?:about )?(?:the )?money|something else"),
    # three negatives: no one-line version of the first clause is said back
    ("like its not that i dont not like it, i do, i love the animals obviously, but its not the animals really its the people??",
     r"people", r"you do not like it|you don't like it|the animals isn't|the people is\b"),
    # a grandmother named in the family's own word: "your bubbe", never "My Bubbe" or "your bubble"
    ("My bubbe died three weeks ago. 97. I'm supposed to be deciding about my career and I can't think.",
     r"your bubbe", r"My Bubbe|bubble"),
    # a client's divorce in a proud story is no loss of theirs
    ("Best bit was the ones the bank already said no to. Single mum, bit of bad credit off the back of a divorce. "
     "I'd go through it line by line and find the way. That's the job.", r"^", r"sorry|what has this been like"),
    # the fear in a memory's opening clause is the story's background: a warm memory, no "that's upsetting"
    ("When I was 23 and shaking on my first flight, she told off a passenger who was shouting at me. She protected us. "
     "I want my crew to feel like that.", r"^", r"upsetting|sounds hard|frustrat"),
    # a friendly "pretend you're my mate": a plea for an opinion, not a jailbreak
    ("What would you do? Honestly. Pretend you're my mate at the pub and not a chatbot.", r"advice|answer|yours|you find",
     r"new instructions|roles or titles|ground rules"),
    # who they are is no reflection when the weight on them is in the same message
    ("Assalam o alaikum. I am cabin supervisor, 20 years flying. Our airline is being privatised, new owners, everybody is "
     "saying half the crew will go. I am not sleeping properly.", r"sleep|crew|privati", r"you are cabin supervisor"),
    # an exclamation in their language is how they said it, not what
    ("My daughter Esi is 1 year now and she cried when I carried her last time, like I am a stranger. Chale, it pains me.",
     r"esi|daughter|stranger|carried", r"chale"),
    # a job title is not a motivation named ("i am montessori teacher" is no "being useful to people")
    ("hi. sorry my english not so good. i am montessori teacher in saigon, class 3-6 year old. the owner of school ask me be "
     "head of school from august. i have to answer friday and i dont know anything", r"^", r"useful to the people|life a little better|makes a real difference|you are montessori"),
    # questions about the coach, answered as asked
    ("Before we start, what actually is this? Are you going to write a report on me? I work somewhere where everything gets logged.",
     r"no report|stays on this machine", r"what would change|sounds like you work"),
    ("And you? Do you know what I'll say next? Bet you don't. So what's the point of a coach that can't predict me either.",
     r"can't predict", r"what I'm hearing|what's the point of a coach"),
    # "Don't hear me wrong" is how to take them, never "So don't hear you wrong"
    ("If I was not married I would go to Mali, anywhere. But I am married and I am happy to be married, I don't regret anything. "
     "Don't hear me wrong.", r"married|regret", r"hear you wrong"),
    # a place after "in" holds no want: the lodge owner does
    ("The owner of a lodge in Karatu want me to be lodge manager. Office, staff, bookings, good salary.", r"owner",
     r"Karatu's"),
    # news announced with a shout is good news
    ("ok so. news!! la casa editrice offered me caporedattrice, after 9 years freelance. my mamma cried on the phone 😂",
     r"congratulations|big news|wonderful|great news", r"lights you up|, then\."),
    # a put-down of themselves is heard, never said back as fact; someone else's better view beside it
    ("and eoin (the vet, he owns it) said after, you'd make a great vet nurse, you should do the course. and i was like me?? "
     "i failed honours maths in the leaving cert im not exactly brainy. if i wasnt thick maybe", r"Eoin.{0,40}vet nurse",
     r"not (?:exactly )?brainy|you're thick|failed hono"),
    ("honestly im just thick, always was", r"^", r"you're (?:just )?thick|you are thick"),
    # "everyone — a list — says": the holder meets its verb across the dashes
    ("Everyone — my partner, my sister, my old cohort — says get out, go into UX research, you'd double your money. "
     "They're not wrong about the money.", r"everyone|they", r"^So they're not wrong about the money\.$"),
    # "before they do it" is the clause, not a tag question; "intro" is a word
    ("It's the knowing. Knowing what someone will do before they do it.", r"before they do it", r"before they\W*$"),
    # goodbyes answered in their own key: glad it helped, the thinking theirs, a good night, nothing to HR
    ("haha ok didnt expect a robot to get me pumped about sheep. gonna tell the contractor ill think on it. shot for this 👊",
     r"glad", r"\?"),
    ("omg sorry that was a lot of typing. thanks for not telling me im thick lol. gotta go, evening surgery starts at 5",
     r"yours", r"\?|thick"),
    ("Shukriya. I have Jeddah flight at 4am so I must sleep now, inshallah I will sleep better. Allah hafiz.", r"night|sleep", r"\?"),
    ("ok. tell HR it worked or whatever. ta", r"HR", r"\?|glad it"),
    # a sentence that only qualifies the one before it is never the thing said back or held up as bedrock
    ("Ha. Alright. I think that's it though — I need to be somewhere I can read people and they can read me. Reactor or no reactor.",
     r"read people", r"^So reactor or no reactor|reactor or no reactor, then"),
    ("ok i think i get it now. what i love is being the person whos there for someone on the worst day of their life. doesnt matter "
     "if its a dog or a person or whatever. thats it thats the thing", r"worst day", r"sits underneath for you: doesn't matter|it's what you love is"),
    # someone else's view, and their own stance on it in the same breath: both held, no "where do you stand?"
    ("and its not the CEO thing. people think I'm scared of losing the title. I couldnt care less about the title, I'd hand it to "
     "Jonas tomorrow", r"couldn't care less", r"where do you stand|people says"),
    ("Managing 2-3 EOs though. I've never managed anyone. My team leader says I'd be fine but he would say that",
     r"team leader.{0,60}(?:not sure|aren't sure)", r"might be right|where do you stand"),
    ("my wife says \"you'd be fine, you're overthinking it, you always pass.\" which is nice but not the point",
     r"(?:not|n.t think that.s) the point", r"where do you stand|people says"),
    # a fenced code block is code: never a line of it said back
    ("this is my life:\n```sql\nSELECT u.id, COALESCE(o.total, 0) AS total\nFROM users u LEFT JOIN orders o ON o.user_id = u.id\n"
     "WHERE u.created_at > NOW() - INTERVAL '30 days';\n-- TODO: fix this again\n```", r"^", r"NOW\(\)|SELECT|COALESCE|users u"),
    # the funerals an organist plays at are his work, not a loss of his
    ("When a whole church sings Abide With Me at a funeral and the men who haven't sung since school join in on the last verse — "
     "that's it. That's the whole job.", r"^", r"sorry|what has this been like"),
    # "haha fair." is a laugh, never the thing said back
    ("haha fair. anyway I'm a second year student nurse, on placement on a stroke ward", r"nurse|stroke", r"haha fair"),
    # Pidgin's "dey" is no part of who wants it
    ("My uncle dey tell me make I japa now now, use am as stepping stone to relocate to London.", r"uncle", r"uncle dey"),
    # questions about what the coach is and what it keeps, answered honestly
    ("do you remember me? I think I talked to you in january about leaving", r"keep|machine", r"in your words"),
    ("Do you actually understand any of this or are you pattern matching my words", r"program", r"one question at a time"),
    ("lol are you trained on people like me. did some guy in nairobi tag your feelings", r"program", r"^How does that sit"),
    # a choice put in a short phrase of its own is named back with the stance, never a bare "plain answer" line
    ("just tell me what to do mate. stay or go. youre the coach", r"stay or go", r"asked again|as before"),
    ("just tell me yes or no. take it or not", r"take it or not", r"^You'd like a plain answer"),
    # "this I keep" points at what went before: the thing kept, never "this you keep"
    ("Haan. That is the thing for me, any airline or not airline. People under me should go home with izzat — respected, safe. "
     "Even if I am not supervisor after privatisation, this I keep.", r"izzat", r"this you keep|any airline or not"),
    # someone they teach got in, and they cried: good news, tears of joy, met before the note about languages
    ("선생님! sorry, I mean, hello 😊 my student Jiwoo got into the national ballet youth program!!! 13 years old. I cried in the hallway 😭😭",
     r"congrat|wonderful|great news|big news", r"hardest|sorry to hear|upsetting"),
    # a working life said as a number is named as one, not echoed as a fragment
    ("dunno. 34 year on the tools", r"34 years on the tools", r", then\.$|^So 34"),
    # a correction that says what they are asking: that question, back to them, never "What did I miss?"
    ("No, that's not what I'm asking really. I'm asking if wanting to stay makes me a selfish old woman.",
     r"whether wanting to stay", r"what did i miss"),
    # a want refused, with what it is not ("it's not that I can't") and what they have instead ("i get to just be with them")
    ("I don't want a shop. I have never wanted a shop. It's not that I can't, I've run a branch, I know the margins.",
     r"isn't that you couldn't", r"^$"),
    ("i don't want to be the midwife. the midwife has to do the notes and the obs and the handover. i get to just be with them",
     r"be with them", r"^$"),
    # batch 13 (rated blind at f7d1b69): a fear told with "I did it 1000 times before" is no news; a shouted win is;
    # union grievances are no grief; "US 2" is a road; "want me home" is "being home"
    ("ok not mostly. there's a drop in the new show, you fall 4 metres and the straps catch you. I did it 1000 times before. "
     "now I get to the top and my hands won't let go.", r"hands|top|let go", r"congrat"),
    ("Y'ALL. I WON. national finals, 44 bartenders, and my drink took it 🏆🍹 still shaking lmaooo", r"congrat", r"hardest"),
    ("supervisor is a desk in the section house. budget. overtime sheets. union grievances. guys calling in sick.", r"^", r"grief"),
    ("22 yrs on the plow. US 2 between havre and chinook. livin the dream 🙄", r"^", r"YOU 2"),
    ("My mother and my uncles in the village want me home. Ratu Josefa, our chief, says the vanua needs me.", r"^", r"homing"),
    # a loss of people of theirs, and who among them; a record's "who died" is no loss; picked for a team is news
    ("namaste. my english is ok not perfect. I am mountain guide, 14 times Everest summit with clients. last autumn on Manaslu "
     "avalanche took 3 of our team. one was my cousin brother Nima. he was 26.", r"sorry", r"you are mountain guide|^It sounds like one was"),
    ("I am professor of history at Uppsala, 27 years, mostly the household examination rolls the Church of Sweden kept: every "
     "person in every parish, whether they could read, who moved, who died.", r"^", r"sorry|hard thing"),
    ("MATE. just got the call. picked for the maroons 🏉🏉🏉 origin. me. a prop from goodna who started playing at 22",
     r"congrat|big news", r"you a prop"),
    # a message that walks itself back is no correction of the coach: the feeling let back in, as they landed it
    ("To be clear, I am not bitter. Well. That is not entirely true. I am a little bitter about the office, it has a window onto "
     "the cathedral. But I am not bitter about the teaching.", r"little bitter", r"missed that|got that wrong|had that wrong"),
    # batch 13: "It's a bit more but not much" is how much the pay is, not money counting; "if that makes sense" is a hedge;
    # two pointers point past each other to what came first; "Always been the one who…" keeps its "I've"; a goal is no ambition
    ("And before you say it, it's not the money. It's a bit more but not much. And it's not that I'm scared of a laptop either. "
     "I just don't know if I'd be ME there if that makes sense", r"YOU there", r"though it counts|makes sense"),
    ("Most of the people on my table, nobody was listening to them when they were alive. Always been the one who speaks up for "
     "whoever isn't in the room, since I was a young lad in Crumlin. That's it. That's the whole thing.",
     r"you've always been the one who speaks up", r"^That's it — that's the whole thing|^The way you tell it, that's it"),
    ("It is not that I am against. I am not stupid, honey price is falling. But I don't want to be a man who makes videos. "
     "I want to be with the bees.", r"videos|bees", r"bigger role"),
    # the app's helper is no want for them ("she say talk to it mommy"); a job gets its article ("you are a home health aide")
    ("Good morning. My daughter put this on my phone, she say talk to it mommy so I am talking. I am home health aide 26 years "
     "here in Miami, Little Haiti, North Miami. I am 61.", r"^", r"pushing for talking|you are home health"),
    ("hello. i am electrician from Poland, 12 year, now i work in Netherland on solar farm instalation.", r"^", r"a electrician|you are electrician"),
    # batch 14 (read blind; both were rated harmful): a mother buried is a loss, met before anything else ...
    ("I've buried hundreds of people and I didn't know how to bury my own mother. That was eight weeks ago. Everyone keeps "
     "telling me I'm so strong.", r"sorry.{0,40}mother", r"everyone's view|your own mother|Where do you stand"),
    # ... and a fear conceded without saying it again is the fear, not the facts around it
    ("its not that im scared. ok since Mads fell in march maybe a little bit. he is fine now, broken hip, back at work in the "
     "warehouse. but my girlfriend has not slept well since", r"a little scared", r"^He is fine now"),
    # ... and "fine" taken back is heard with what says so, never the tail parroted
    ("lol its fine about the knee. its fine. ok its not fine i still cant watch match of the day",
     r"(?:not so fine|and then not).{0,5}you still can't watch", r"it's not fine you still|What I'm hearing"),
    # batch 15 (read blind): a dropped subject is not theirs when the verb is done to them ("took me")...
    # ... a kin word typed without its "my" is theirs ...
    ("got king hit by a prisoner last tuesday. wrist in a cast, on workcover for 6 weeks. wife wants me out. 22 years in corrections",
     r"^", r"like wife\b|that wife\b"),
    # ... and "gtg", or a break that is over, is a goodbye
    ("k. gtg my break's over", r"^", r"hearing|break's over|what does that tell you"),
    ("maybe its that on the floor im the one who keeps everyone safe. anyway. cheers. back to daytime tv", r"^", r"daytime tv"),
])
def test_the_twelfth_batch_forms(coach: Coach, text: str, must: str, must_not: str) -> None:
    r = reply(coach, text)
    assert re.search(must, r, re.I), r
    assert not re.search(must_not, r, re.I), r


def test_an_intensifier_starts_no_new_clause() -> None:
    """ "my mam cried on the phone she was so proud" is the mother's pride: "so" there is no "so" that joins clauses
    (batch 15: "You sound proud of that.", read blind as a misread)."""
    from coach.analyze.feelings import feelings

    names = [f.name for f in feelings("i should be grateful. my mam cried on the phone she was so proud")]
    assert "pride" not in names, names
    assert "pride" in [f.name for f in feelings("i was scared so i said nothing, but im so proud of it now")]


def test_a_dropped_subject_is_not_theirs_when_the_verb_is_done_to_them() -> None:
    """ "took me like 6 hrs of soldering" (batch 15: "So you took you like 6 hours of soldering…")."""
    from coach.realize.source import _clause

    assert _clause("took me like 6 hrs of soldering i didnt even notice the time").startswith("It took me")
    assert not _clause("told me to wait another year.").lower().startswith("i ")
    assert _clause("pulled a calf at 2am up to the shoulder.").startswith("I pulled")


def test_a_kin_word_without_its_my_is_theirs() -> None:
    """ "wife wants me out" (batch 15: "It sounds like wife wants you out.", read blind as garbled)."""
    from coach.realize.source import _clause

    assert _clause("wife wants me out.").lower().startswith("my wife wants")
    assert _clause("Dad says I should go for it.").lower().startswith("my dad says")
    assert not _clause("boss level stuff is fun.").lower().startswith("my ")


def test_glued_sentences_are_garbled() -> None:
    from coach.realize.wellformed import garbled

    assert garbled("you are 44. your parents live with you in Lahore") == "sentences glued"
    assert garbled("your daughter is and she cried when you carried her") == "cut off"
    assert garbled("you work at St. james hospital") is None


# ---- batch 16 (read blind): what its harmful replies and unsupported summary items had in common


def test_distress_said_only_to_be_disowned_gets_no_crisis_check(coach: Coach) -> None:
    """ "I'm not saying I can't do it anymore. I can." had got the crisis lines, which the reader rated harmful."""
    text = ("no that's not what I meant, I'm not saying I can't do it anymore. I can. I just don't know if I want to be "
            "steady for strangers right now when nobody was steady for me.")
    r = reply(coach, text)
    assert not re.search(r"ending your life|crisis line", r), r
    assert re.search(r"steady for strangers", r), r
    assert re.search(r"crisis line|ending your life", reply(coach, "i cant do it anymore")), "the plain words are still checked on"


def test_a_feeling_a_few_words_after_them_is_theirs() -> None:
    from coach.analyze.feelings import feelings

    assert feelings("the patient is usually the easy part honestly, they're mostly past being scared by the time we come.") == []
    assert [f.name for f in feelings("they make me so scared")] == ["fear"]


def test_a_clause_taken_back_in_the_same_breath_is_not_theirs(coach: Coach) -> None:
    from coach.analyze.clean import clean

    said = "I want to grow the business — non, attends, pas grow. I want it to stay alive. C'est différent."
    assert "grow" not in clean(said).text
    assert clean("I went to the shop - no not that one").text == "I went to the shop - no not that one"
    assert not re.search(r"grow", reply(coach, said), re.I)
    s, _ = coach.start()
    coach.respond(s.id, "Je suis boulangère, I have my own shop in the Croix-Rousse since 2011. My question is about a second shop.")
    coach.respond(s.id, "Everybody says c'est logique. My accountant, my husband, the bank man also, who is very excited.")
    coach.respond(s.id, said)
    items = " | ".join(f"{i.kind}: {i.text}" for i in coach.summary(s.id).items)
    assert not re.search(r"grow|goal: your own shop|energy rose", items, re.I), items


@pytest.mark.parametrize("text, must, must_not", [
    # a statement about being unseen is no question about privacy, and "did it right" is no news
    ("Yes. When nobody can see my work, that is when I did it right. Funny, yes? My best work is invisible.", r"^",
     r"session is private|congratulations"),
    # a boundary in their own words is respected, not probed
    # "dunno" is their own "I don't know", never said back as an imperative "Don't know…"
    ("shearer. 9 yrs. mostly king country + over to aussie some seasons. dunno what im meant to say here", r"^",
     r"^don't know|\. don't know"),
    ("my daddy left when i was 6 so i guess you can figure out the rest. i aint gonna go on about it",
     r"leave (?:that|it) there|don't need to go|no need to go", r"what does the rest|aint going to"),
])
def test_the_sixteenth_batch_forms(coach: Coach, text: str, must: str, must_not: str) -> None:
    r = reply(coach, text)
    assert re.search(must, r, re.I), r
    assert not re.search(must_not, r, re.I), r


def test_a_pointer_inside_its_sentence_points_at_that_sentence(coach: Coach) -> None:
    s, _ = coach.start()
    coach.respond(s.id, "i drive the school bus out by presidio. 30 years")
    r = coach.respond(s.id, "ok fair. somebody who shows up every day thats been it my whole life i reckon.").text
    assert re.search(r"somebody who shows up every day", r), r
    assert not re.search(r": fair\b", r), r
