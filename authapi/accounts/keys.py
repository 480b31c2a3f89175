"""Normalised keys that make usernames and emails unique regardless of case."""

import unicodedata


def identity_key(value: str) -> str:
    """Return `value` NFKC-normalised and case-folded: the form compared for uniqueness."""
    return unicodedata.normalize("NFKC", value).casefold()


def normalize_password(password: str) -> str:
    """Return `password` in Unicode NFKC, the one form that is checked and hashed."""
    return unicodedata.normalize("NFKC", password)
