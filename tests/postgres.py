"""`python -m tests.postgres`: print the database URL for the suite's PostgreSQL pass.

Exits 0 with the URL when PostgreSQL answers. Otherwise it prints the loud skip line
and exits 2, or 1 when AUTHAPI_REQUIRE_ALL=1 forbids skipping.
"""

import os
import sys

from tests.support import POSTGRES_ADMIN_URL, POSTGRES_HOW, REQUIRE_ALL, postgres_available

if __name__ == "__main__":
    if postgres_available():
        print(POSTGRES_ADMIN_URL)
        sys.exit(0)
    print(f"!!! SKIPPED: the test suite on PostgreSQL. To run it: {POSTGRES_HOW}", file=sys.stderr)
    sys.exit(1 if os.environ.get(REQUIRE_ALL) == "1" else 2)
