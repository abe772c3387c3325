"""The commands cron or a service runs again and again (dispatch_events, deliver_messages) keep
going when the database goes away for a moment."""

from types import SimpleNamespace

import pytest
from django.db import DatabaseError

from core.management import repeating
from core.management.repeating import RepeatingCommand


class Stop(Exception):
    pass


def test_a_database_failure_does_not_end_the_loop(monkeypatch):
    rounds = []

    class Command(RepeatingCommand):
        help = "Count the rounds."

        def run_once(self):
            rounds.append(len(rounds))
            if len(rounds) == 1:
                raise DatabaseError("the server restarted")
            return 0

    naps = []

    def sleep(seconds):
        naps.append(seconds)
        if len(naps) == 3:
            raise Stop

    # The command's own `time` only: patching time.sleep itself would also count the naps of
    # any other thread of this test process (a test server from an earlier test, say).
    monkeypatch.setattr(repeating, "time", SimpleNamespace(sleep=sleep))
    with pytest.raises(Stop):
        Command().handle(every=2.0)
    assert rounds == [0, 1, 2]
    assert naps == [2.0, 2.0, 2.0]
