"""The speed benchmark's account of a two-core speed-up (benchmarks/run.py), on figures of our own."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import pytest
from run import core_use, total_cpu, two_core_ceiling


def figures(seconds: float, main_cpu: float, workers_cpu: float) -> dict:
    return {"seconds": seconds, "cpu_seconds": main_cpu, "helpers_cpu_seconds": workers_cpu}


def test_work_split_evenly_with_nothing_besides_it_has_a_ceiling_of_two():
    one, two = figures(10.0, 0.0, 10.0), figures(5.0, 0.0, 10.0)
    assert two_core_ceiling(one, two) == pytest.approx(2.0)
    assert core_use(two) == pytest.approx(1.0)


def test_the_main_process_and_idle_cores_are_what_stands_between_a_speed_up_and_two():
    one = figures(10.0, 1.0, 10.0)  # the main process's second of CPU ran beside the one worker, on the free core
    two = figures(6.0, 1.0, 10.4)  # with two workers it competes with them, and two workers use a little more than one
    assert total_cpu(two) == pytest.approx(11.4)
    assert two_core_ceiling(one, two) == pytest.approx(10.0 / 5.7)
    assert core_use(two) == pytest.approx(5.7 / 6.0)
    assert two_core_ceiling(one, two) * core_use(two) == pytest.approx(one["seconds"] / two["seconds"])
