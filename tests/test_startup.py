"""The start-up helper: the cycle collector is off while reflect is imported
and built, and back on (with what was built frozen) once the app runs."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from reflect.startup import quick_start


@pytest.fixture(autouse=True)
def _restore_gc() -> Iterator[None]:
    was = gc.isenabled()
    yield
    gc.unfreeze()
    if was:
        gc.enable()
    else:
        gc.disable()


def test_collector_is_off_inside_and_on_after() -> None:
    gc.enable()
    gc.unfreeze()
    with quick_start():
        assert not gc.isenabled()
        built = {"like": ["the app", "and its widgets"]}
    assert gc.isenabled()
    # What was built is frozen: no later collection walks it again.
    assert gc.get_freeze_count() > 0
    assert not any(tracked is built for tracked in gc.get_objects())


def test_an_error_inside_still_turns_the_collector_back_on() -> None:
    gc.enable()
    with pytest.raises(RuntimeError), quick_start():
        raise RuntimeError("a bad path")
    assert gc.isenabled()


def test_a_collector_that_was_off_stays_off() -> None:
    gc.disable()
    with quick_start():
        pass
    assert not gc.isenabled()
