"""Normalised keys that make usernames and emails unique regardless of case."""

import hashlib
import unicodedata


def identity_key(value: str) -> str:
    """Return the key compared for uniqueness: SHA-256 of `value` NFKC-normalised and case-folded.

    A digest, because NFKC can make a string up to 18 times longer: a valid 254-character
    email could otherwise outgrow any column or index-entry limit.
    """
    folded = unicodedata.normalize("NFKC", value).casefold()
    return hashlib.sha256(folded.encode("utf-8", "surrogatepass")).hexdigest()


def normalize_password(password: str) -> str:
    """Return `password` in Unicode NFKC, the one form that is checked and hashed."""
    return unicodedata.normalize("NFKC", password)
