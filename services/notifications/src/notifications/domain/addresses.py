"""Addresses a channel can deliver to: Vietnamese mobile numbers in +84 form, plausible e-mail addresses."""

import re

_SEPARATORS = re.compile(r"[\s.\-()]")
# Vietnamese mobile numbers: 9 national digits after the trunk 0 (or +84), first digit 3, 5, 7, 8 or 9.
_VN_MOBILE = re.compile(r"[35789]\d{8}")
_EMAIL = re.compile(r"[^@\s]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9-]+)+")


class InvalidAddress(ValueError):
    """An address no channel can deliver to: a permanent failure, never retried."""

    code = "invalid-address"


def vietnamese_mobile(raw: str) -> str:
    """The number in E.164 form (+84 and 9 digits); `InvalidAddress` if it is not a Vietnamese mobile."""
    digits = _SEPARATORS.sub("", raw)
    for prefix in ("+84", "0084", "84", "0"):
        if digits.startswith(prefix) and _VN_MOBILE.fullmatch(digits[len(prefix) :]):
            return "+84" + digits[len(prefix) :]
    raise InvalidAddress("not a Vietnamese mobile number")


def email_address(raw: str) -> str:
    """The address, trimmed; `InvalidAddress` unless it has one @, a local part and a dotted domain."""
    address = raw.strip()
    if len(address) > 254 or not _EMAIL.fullmatch(address):
        raise InvalidAddress("not an e-mail address")
    return address
