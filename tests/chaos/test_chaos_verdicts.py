"""The chaos run's verdicts without servers: what counts as missing or extra poison, and a clean round."""

import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[2] / "chaos"))  # the runner's modules, as it imports them
from poison import Poisoned, compare, consumer_groups
from report import Row


def _poisoned() -> Poisoned:
    return Poisoned({("content.offerings", 0, 7): {"enrolment", "notifications"}})


def test_each_poison_once_per_group_is_exact():
    letters = Counter(
        {(("content.offerings", 0, 7), "enrolment"): 1, (("content.offerings", 0, 7), "notifications"): 1}
    )
    assert compare(_poisoned(), letters) == (0, 0)


def test_a_group_that_did_not_dead_letter_the_poison_is_missing_it():
    letters = Counter({(("content.offerings", 0, 7), "enrolment"): 1})
    assert compare(_poisoned(), letters) == (1, 0)


def test_a_good_event_in_a_dlq_or_a_second_copy_is_extra():
    letters = Counter(
        {
            (("content.offerings", 0, 7), "enrolment"): 2,  # the poison twice from one group
            (("content.offerings", 0, 7), "notifications"): 1,
            (("enrolment.enrolments", 1, 3), "reporting"): 1,  # not poison: an event that was lost
        }
    )
    assert compare(_poisoned(), letters) == (0, 2)


def test_poison_goes_to_every_consumed_topic_and_each_of_its_groups():
    groups = consumer_groups()
    assert groups["content.offerings"] == {"enrolment", "notifications", "reporting"}
    assert "reporting" in groups["notifications.messages"]  # campaign reach
    assert {"enrolment.enrolments", "enrolment.learner-contacts", "city.attendance"} <= set(groups)
    assert "content.courses" not in groups  # nobody reads it: no DLQ to expect letters in


def test_a_round_is_clean_only_with_nothing_lost_doubled_refused_and_exact_letters():
    clean = Row("kill -9 x", 10, 0, 0, 0, 3, 3, 1.0, 1.0, 0)
    assert clean.clean
    assert not Row("kill -9 x", 10, 0, 1, 0, 3, 3, 1.0, 1.0, 0).clean
    assert not Row("kill -9 x", 10, 0, 0, 1, 3, 3, 1.0, 1.0, 0).clean
    assert not Row("kill -9 x", 10, 1, 0, 0, 3, 3, 1.0, 1.0, 0).clean
    assert not Row("kill -9 x", 10, 0, 0, 0, 4, 3, 1.0, 1.0, 0).clean
    assert not Row("kill -9 x", 10, 0, 0, 0, 3, 3, None, 1.0, 0).clean  # not ready again in time
