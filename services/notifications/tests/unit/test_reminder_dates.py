"""When an offering's reminder is due: from the hour (Hanoi) of the day before, until the start day ends."""

from datetime import UTC, date, datetime

from notifications.domain.offering import reminder_dates


def test_before_the_hour_only_today_s_starts_are_due():
    # 01:00 UTC is 08:00 in Hanoi: before a 09:00 reminder hour
    got = reminder_dates(datetime(2026, 12, 1, 1, 0, tzinfo=UTC), 9)
    assert got == (date(2026, 12, 1), date(2026, 12, 1))


def test_from_the_hour_tomorrow_s_starts_are_due_by_hanoi_date():
    # 17:30 UTC on 30 Nov is 00:30 on 1 Dec in Hanoi
    got = reminder_dates(datetime(2026, 11, 30, 17, 30, tzinfo=UTC), 0)
    assert got == (date(2026, 12, 1), date(2026, 12, 2))
