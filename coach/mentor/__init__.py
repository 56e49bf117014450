"""Tools for the mentor's side of a career conversation (the mentee's side is `coach.agent`).

    mirror/   feedback on a real conversation a mentor held: what they asked, reflected, advised
"""
