"""The flood limiter: sliding windows overall, per private chat and per group."""

import random

import pytest

from bot.domain.pacing import BUSY, FloodLimiter, FloodLimits, Window

EXACT = FloodLimits(guard=0.0)


def test_thirty_a_second_then_wait_for_the_oldest_to_leave() -> None:
    limiter = FloodLimiter(EXACT)
    for index in range(30):
        assert limiter.overall_wait(index * 0.01) == 0
        limiter.record(index + 1, index * 0.01)
    assert limiter.overall_wait(0.30) == pytest.approx(0.70)
    assert limiter.overall_wait(1.0) == 0  # the first send (t=0) no longer counts
    limiter.record(99, 1.0)
    assert limiter.overall_wait(1.0) == pytest.approx(0.01)


def test_one_a_second_to_a_private_chat_twenty_a_minute_to_a_group() -> None:
    limiter = FloodLimiter(EXACT)
    limiter.record(42, 10.0)
    assert limiter.chat_wait(42, 10.2) == pytest.approx(0.8)
    assert limiter.chat_wait(43, 10.2) == 0
    for second in range(20):
        limiter.record(-100, 100.0 + second)
    assert limiter.chat_wait(-100, 120.0) == pytest.approx(40.0)
    assert limiter.chat_wait(-100, 160.0) == 0


def test_a_flood_pause_stops_everything_until_it_ends() -> None:
    limiter = FloodLimiter(EXACT)
    limiter.pause(50.0)
    assert limiter.wait(7, 45.0) == pytest.approx(5.0)
    assert limiter.wait(7, 50.0) == 0


def test_the_guard_widens_every_window() -> None:
    limiter = FloodLimiter(FloodLimits(private_chat=Window(1, 1.0), guard=0.05))
    limiter.record(5, 0.0)
    assert limiter.chat_wait(5, 1.0) == pytest.approx(0.05)


def test_a_clock_that_jumps_back_never_waits_longer_than_one_window() -> None:
    limiter = FloodLimiter(EXACT)
    limiter.record(5, 1000.0)
    assert limiter.chat_wait(5, 10.0) == pytest.approx(1.0)


def test_idle_chats_are_forgotten() -> None:
    limiter = FloodLimiter(EXACT)
    for chat in range(1, 5000):
        limiter.record(chat, chat * 2.0)
    assert len(limiter._chats) <= 2048


def test_following_its_waits_never_exceeds_any_window() -> None:
    """Sending whenever the limiter says 0, no sliding window ever holds too many sends."""
    rng = random.Random(7)
    limiter = FloodLimiter()  # the default 1 ms guard absorbs float rounding of "now + wait"
    now = 0.0
    sends: list[tuple[float, int]] = []
    chats = [rng.randint(1, 40) for _ in range(600)] + [-1] * 60
    rng.shuffle(chats)
    for chat in chats:
        while (wait := limiter.wait(chat, now)) > 0:
            now += wait
        limiter.record(chat, now)
        sends.append((now, chat))
        now += rng.choice((0.0, 0.001, 0.01))
    for at, chat in sends:
        overall = sum(1 for other, _ in sends if at - 1.0 < other <= at)
        same = [other for other, c in sends if c == chat]
        assert overall <= 30
        if chat > 0:
            assert sum(1 for other in same if at - 1.0 < other <= at) <= 1
        else:
            assert sum(1 for other in same if at - 60.0 < other <= at) <= 20


def test_a_send_counts_from_its_answer_and_is_busy_until_then() -> None:
    limiter = FloodLimiter(FloodLimits(overall=Window(2, 1.0), guard=0.0))
    limiter.begin(1)
    limiter.begin(2)
    assert limiter.overall_wait(0.0) == BUSY  # both in flight: no known end yet
    assert limiter.chat_wait(1, 0.0) == BUSY
    limiter.end(1, 0.3)  # the answer took 0.3 s: the window counts from then
    assert limiter.overall_wait(0.3) == pytest.approx(1.0)
    assert limiter.overall_wait(1.3) == 0
    limiter.end(2, 0.5)
    assert limiter.chat_wait(1, 1.29) == pytest.approx(0.01)


def test_the_window_is_kept_whatever_the_network_delays() -> None:
    """The server stamps each send somewhere between its departure and its answer."""
    rng = random.Random(3)
    limiter = FloodLimiter(EXACT)
    now = 0.0
    arrivals: list[float] = []
    in_flight: list[tuple[float, float, int]] = []  # (answer time, arrival, chat)
    for chat in range(1, 400):
        while (wait := limiter.wait(chat, now)) > 0:
            if wait == BUSY or (in_flight and min(in_flight)[0] <= now + wait):
                answer, _, done = min(in_flight)
                in_flight.remove(min(in_flight))
                now = max(now, answer)
                limiter.end(done, now)
            else:
                now += wait
        limiter.begin(chat)
        delay = rng.choice((0.001, 0.005, 0.2))  # some answers are very late
        arrival = now + rng.uniform(0, delay)
        arrivals.append(arrival)
        in_flight.append((now + delay, arrival, chat))
    arrivals.sort()
    pairs = zip(arrivals, arrivals[30:], strict=False)
    assert all(later - earlier >= 1.0 for earlier, later in pairs)
