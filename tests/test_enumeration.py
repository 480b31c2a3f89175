"""Login does not tell an unknown user, a wrong password and an inactive user apart:
not by status, body or headers, and not by latency."""

import statistics
import time

import pytest

from tests.support import PASSWORD

ATTEMPTS = {
    "unknown user": {"username": "nobody", "password": PASSWORD},
    "wrong password": {"username": "alice", "password": PASSWORD + "-wrong"},
    "inactive user": {"username": "inactive", "password": PASSWORD},
}
SAMPLES = 25
TOLERANCE = 0.20  # medians may differ by at most 20 % of the wrong-password median


@pytest.fixture
def accounts(make_user, settings):
    make_user()  # alice
    make_user(username="inactive", email="inactive@example.com", is_active=False)
    # Many samples from one client: keep the limits out of the way.
    settings.AUTHAPI_LOGIN_RATE = settings.AUTHAPI_LOGIN_FAILURES = (10_000, 60)
    settings.AUTHAPI_ACCOUNT_FAILURES = (10_000, 60)


def test_identical_status_body_and_headers(api, accounts):
    responses = {name: api.post_json("/api/login/", body) for name, body in ATTEMPTS.items()}

    first, *others = responses.values()
    for response in others:
        assert response.status_code == first.status_code == 400
        assert response.content == first.content
        assert dict(response.items()) == dict(first.items())
        assert response.cookies.keys() == first.cookies.keys() == set()


def test_latency_does_not_tell_them_apart(api, accounts):
    samples = {name: [] for name in ATTEMPTS}
    for _ in range(SAMPLES):  # interleaved, so that drift in machine load hits all three
        for name, body in ATTEMPTS.items():
            started = time.perf_counter()
            api.post_json("/api/login/", body)
            samples[name].append(time.perf_counter() - started)

    medians = {name: statistics.median(values) for name, values in samples.items()}
    baseline = medians["wrong password"]
    report = ", ".join(f"{name} {median * 1000:.1f} ms" for name, median in medians.items())
    print(f"login latency medians over {SAMPLES} samples: {report}")
    for median in medians.values():
        assert abs(median - baseline) <= TOLERANCE * baseline, report
