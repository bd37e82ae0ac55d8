"""The fuzz tests start the platform as the security tests do."""

from tests.security.conftest import platform_apps

__all__ = ["platform_apps"]
