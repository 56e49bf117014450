"""Bedrock for a team: people, who is linked to whom, what a mentor or manager may read, the audit log.

    people.py   Person, Directory: signing in (issuer + subject), roles, links, removal (admins)
    shared.py   SharedWithMe: what a mentor or manager may read of their mentees' shared items
    audit.py    the audit log: who looked at (or was refused) what, and when
    login.py    a login's claims -> the person, refused when expired or removed
    coach.py    the Coach for one signed-in person (their store, their vector collections)

All of it runs on the team store (coach/store/pg.py): every query as a role that owns nothing,
scoped to the person signed in by row-level security (coach/store/migrations.py has the policies).
The personal, single-user Bedrock (SQLite) never imports this package.
"""
