"""The seeded hall day of bench/queue_sim.py: tidal windows shorten the waits and never flap."""

from bench import queue_sim


def test_tidal_windows_lower_the_p95_wait_and_stay_open_at_least_their_minimum():
    result = queue_sim.run()
    off, on = result["tidal_off"]["all"], result["tidal_on"]["all"]
    assert off["served"] == on["served"] == queue_sim.ARRIVALS  # everyone is served in both runs
    assert on["p95_wait_min"] < off["p95_wait_min"] and result["meets_target"] is True
    events = result["tidal_events"]
    assert events["open"] >= 1 and events["close"] >= 1
    assert events["shortest_open_min"] >= queue_sim.RULE.min_open_min
