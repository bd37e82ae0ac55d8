"""Addresses: Vietnamese mobile numbers normalised to +84, e-mail addresses checked, anything else refused."""

import pytest
from notifications.domain.addresses import InvalidAddress, email_address, vietnamese_mobile


@pytest.mark.parametrize(
    "raw",
    [
        "0912345678",
        "0912 345 678",
        "091.234.5678",
        "+84912345678",
        "84912345678",
        "+84 (91) 234-5678",
        "0084912345678",
    ],
)
def test_vietnamese_mobile_numbers_are_normalised_to_plus_84(raw):
    assert vietnamese_mobile(raw) == "+84912345678"


def test_each_mobile_prefix_digit_is_accepted():
    assert [vietnamese_mobile(f"0{d}12345678") for d in "35789"] == [f"+84{d}12345678" for d in "35789"]


@pytest.mark.parametrize(
    "raw", ["", "abc", "091234567", "09123456789", "0212345678", "+8491234567", "+14155550123", "0912x45678"]
)
def test_numbers_that_are_not_vietnamese_mobiles_are_refused(raw):
    with pytest.raises(InvalidAddress) as refused:
        vietnamese_mobile(raw)
    assert refused.value.code == "invalid-address" and (not raw or raw not in str(refused.value))


def test_an_email_address_is_trimmed():
    assert email_address("  an@example.vn ") == "an@example.vn"


@pytest.mark.parametrize(
    "raw", ["", "an", "an@", "@example.vn", "an@example", "a n@example.vn", "an@@example.vn"]
)
def test_malformed_email_addresses_are_refused(raw):
    with pytest.raises(InvalidAddress):
        email_address(raw)
