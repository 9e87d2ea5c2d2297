"""Growatt's password hash for the classic (ShinePhone) login.

Growatt takes the lowercase hex MD5 of the UTF-8 password and then, at every even
index of the 32 hex digits, turns a ``0`` into a ``c`` (shinephone-api.md §2.1).
Seen per byte: any digest byte below 0x10 gets 0xC0 added.
"""

from __future__ import annotations

import hashlib

__all__ = ["hash_password"]


def hash_password(password: str) -> str:
    """Return the hash the classic login expects in its ``password`` field."""
    digest = hashlib.md5(password.encode("utf-8")).hexdigest()
    # Only the high nibble of each byte (even positions) is rewritten.
    return "".join(
        "c" if index % 2 == 0 and char == "0" else char for index, char in enumerate(digest)
    )
