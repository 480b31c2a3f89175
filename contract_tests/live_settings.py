"""Settings for the schemathesis server only: production settings with a fast password hasher.

Fuzzing logs in and registers thousands of times; Argon2 at its real cost would spend
the time budget on hashing. This module lives in contract_tests/ and is named only by
the contract tests: it is never a production option.
"""

from authapi.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
