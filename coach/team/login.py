"""From a login's claims to the person signed in, or a refusal with an audit line.

The app signs people in with Streamlit's OpenID Connect login (`st.login`), whose cookie outlives
the provider's token (30 days against the token's hour or so): the claims it keeps include the ID
token's `exp` and `iat`, and this module refuses a login past its `exp`, or older than
`COACH_LOGIN_MAX_AGE` seconds when that is set. A person removed by an admin is refused too.
Either refusal is an audit line, written as that person, before the app says no.

A person is keyed by issuer + subject, never by name or email alone.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from coach.errors import Refused
from coach.team.people import Directory, Person

EXPIRED = "Your sign-in has expired. Sign in again to go on."
REMOVED = "Your account was removed from this team by an admin. Ask them if you think this is a mistake."
NOT_ENROLLED = "This server lets in only the people an admin added, and you are not one of them yet."


@dataclass(frozen=True, slots=True)
class Identity:
    issuer: str
    subject: str
    name: str = ""
    email: str = ""
    expires: float | None = None  # `exp`, seconds since the epoch
    issued: float | None = None  # `iat`


def _number(value: Any) -> float | None:
    try:
        return None if value is None or isinstance(value, bool) else float(value)
    except (TypeError, ValueError):
        return None


def identity(claims: Mapping[str, Any]) -> Identity:
    """Who the claims say this is. Refused when they do not say (no issuer or subject)."""
    issuer, subject = str(claims.get("iss") or "").strip(), str(claims.get("sub") or "").strip()
    if not issuer or not subject:
        raise Refused("The login did not say who you are (no issuer or subject). Sign in again.")
    name = str(claims.get("name") or claims.get("preferred_username") or "").strip()
    return Identity(issuer, subject, name[:200], str(claims.get("email") or "").strip()[:320],
                    _number(claims.get("exp")), _number(claims.get("iat")))


def expired(who: Identity, *, now: float | None = None, max_age: float | None = None) -> str:
    """Why this login is no longer good ("" when it is)."""
    now = time.time() if now is None else now
    if who.expires is not None and now >= who.expires:
        return f"login expired (token exp {int(who.expires)})"
    if max_age and who.issued is not None and now >= who.issued + max_age:
        return f"login older than {max_age:g} s (iat {int(who.issued)})"
    return ""


def sign_in(directory: Directory, claims: Mapping[str, Any], *, now: float | None = None,
            max_age: float | None = None, enrol: bool = True) -> Person:
    """The person these claims belong to. Raises Refused (after an audit line) when the login has
    expired, the person was removed, or enrolment is closed and they were never added."""
    who = identity(claims)
    known = directory.find(who.issuer, who.subject)
    why = expired(who, now=now, max_age=max_age)
    if why:
        if known is not None:
            directory.note_login_refused(known, why)
        raise Refused(EXPIRED)
    if known is not None and not known.active:
        directory.note_login_refused(known, "removed by an admin")
        raise Refused(REMOVED)
    person = directory.sign_in(who.issuer, who.subject, name=who.name, email=who.email, enrol=enrol)
    if person is None:
        raise Refused(NOT_ENROLLED)
    if not person.active:  # removed between the two reads
        directory.note_login_refused(person, "removed by an admin")
        raise Refused(REMOVED)
    return person
