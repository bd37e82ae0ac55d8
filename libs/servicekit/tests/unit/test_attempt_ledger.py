"""The engine's memory across redeliveries: attempts resume where a poll left them; finished records go."""

from dataclasses import dataclass

from servicekit.attempts import AttemptLedger


@dataclass(frozen=True)
class Rec:
    topic: str = "t"
    partition: int = 0
    offset: int = 0


def test_attempts_made_in_an_earlier_poll_are_resumed():
    ledger = AttemptLedger()
    ledger.spent(Rec(offset=7), attempts_made=2)

    assert ledger.made(Rec(offset=7)) == 2
    assert ledger.made(Rec(offset=8)) == 0


def test_a_finished_record_is_forgotten():
    ledger = AttemptLedger()
    ledger.spent(Rec(offset=7), attempts_made=2)
    ledger.replay_alone([Rec(offset=7)])

    ledger.forget(Rec(offset=7))

    assert ledger.made(Rec(offset=7)) == 0 and not ledger.any_alone([Rec(offset=7)])


def test_records_of_a_failed_batch_are_replayed_alone_when_redelivered_with_others():
    ledger = AttemptLedger()
    ledger.replay_alone([Rec(offset=1), Rec(offset=2)])

    assert ledger.any_alone([Rec(offset=2), Rec(offset=3)])
    assert not ledger.any_alone([Rec(offset=3), Rec(partition=1, offset=1)])
