"""The one back-off helper (campaign/retry.py): the DynamoDB store's
transactions and the inventory scan's throttles wait by it."""

import random

import pytest

from cogtotp_gui.campaign import inventory
from cogtotp_gui.campaign.retry import Busy, jittered, retried


def test_the_wait_doubles_up_to_the_cap_and_stays_above_the_floor():
    rng = random.Random(7)
    for attempt in range(12):
        ceiling = min(1.0, 0.02 * 2**attempt)
        waits = [jittered(attempt, base=0.02, cap=1.0, floor=0.5, rng=rng) for _ in range(200)]
        assert all(ceiling / 2 <= w <= ceiling for w in waits)
        full = [jittered(attempt, base=0.02, cap=1.0, rng=rng) for _ in range(200)]
        assert min(full) < ceiling / 2  # full jitter reaches below the half
    assert all(0.025 <= inventory.backoff(0) <= 0.05 for _ in range(100))  # the scan's throttles: equal jitter


def test_a_busy_attempt_is_tried_again_after_a_wait_then_answers():
    answers = iter([Busy(RuntimeError("busy")), Busy(RuntimeError("busy")), "done"])
    waits: list[float] = []

    def attempt() -> str:
        answer = next(answers)
        if isinstance(answer, Exception):
            raise answer
        return answer

    assert retried(attempt, attempts=5, base=0.1, cap=1.0, sleep=waits.append) == "done"
    assert len(waits) == 2 and waits[0] <= 0.1 and waits[1] <= 0.2


def test_busy_to_the_last_attempt_raises_its_error_and_other_errors_pass_at_once():
    calls: list[int] = []

    def always_busy() -> None:
        calls.append(1)
        raise Busy(LookupError(f"busy {len(calls)}"))

    waits: list[float] = []
    with pytest.raises(LookupError, match="busy 3"):
        retried(always_busy, attempts=3, base=0.1, cap=1.0, sleep=waits.append)
    assert len(calls) == 3 and len(waits) == 2  # no wait after the last

    def broken() -> None:
        calls.append(1)
        raise KeyError("not busy")

    calls.clear()
    with pytest.raises(KeyError):
        retried(broken, attempts=3, base=0.1, cap=1.0, sleep=waits.append)
    assert len(calls) == 1
