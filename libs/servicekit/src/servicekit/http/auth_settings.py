"""The start-up check of a service's authentication settings: some key, and the dev key on loopback only."""

import ipaddress
import logging

from servicekit.settings import ServiceSettings

log = logging.getLogger("servicekit.http.auth")  # one logger for authentication, wherever the code sits


class InsecureAuthSettings(RuntimeError):
    """The service's authentication settings are unsafe to start with."""


def check_auth_settings(settings: ServiceSettings) -> None:
    """Refuse to start with no key at all, or with the dev key on anything but a loopback address."""
    dev_key = bool(settings.jwt_dev_secret and settings.jwt_dev_secret.get_secret_value())
    if not (dev_key or settings.jwt_public_key or settings.jwt_jwks_url):
        _refuse(
            "no token key configured: set JWT_JWKS_URL or JWT_PUBLIC_KEY (JWT_DEV_SECRET for local runs only)"
        )
    if dev_key and not _is_loopback(settings.http_host):
        _refuse(
            f"JWT_DEV_SECRET is set, so HTTP_HOST must be a loopback address, not {settings.http_host!r}; "
            "in production set JWT_JWKS_URL or JWT_PUBLIC_KEY and leave JWT_DEV_SECRET unset"
        )


def _refuse(reason: str) -> None:
    # Logged as well: the log shows exception types, not messages, and this message is the operator's fix.
    log.critical("refusing to start: %s", reason)
    raise InsecureAuthSettings(reason)


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:  # a host name: it may resolve to any interface
        return False
