"""`python -m servicekit.devtoken --sub ID --roles a,b`: a bearer token for `make run` (dev key only)."""

import argparse

from servicekit.http.auth import issue_dev_token
from servicekit.settings import ServiceSettings

# Known to everyone who reads this repository, so good for nothing but `make run` on this machine: only
# `localinfra.platform` passes it to the services, and a service holding it binds loopback addresses only.
LOCAL_DEV_KEY = "dev-only-signing-key-for-make-run-on-loopback-0123456789"


def local_dev_token(
    subject: str, roles: list[str], areas: list[str] | None = None, scopes: list[str] | None = None
) -> str:
    """A token for services started by `make run` (the local dev key, default audience and issuer)."""
    local = ServiceSettings(
        service_name="dev-token",
        database_url="postgresql://unused@127.0.0.1/unused",
        jwt_dev_secret=LOCAL_DEV_KEY,
    )
    return issue_dev_token(local, subject, roles, areas=areas, scopes=scopes)


def main(argv: list[str] | None = None) -> None:
    """Print a development token with the given subject and roles (the roles each service checks)."""
    parser = argparse.ArgumentParser(prog="python -m servicekit.devtoken")
    parser.add_argument("--sub", required=True, help="subject: the user id the token speaks for")
    parser.add_argument("--roles", default="", help="comma-separated roles")
    parser.add_argument("--localities", dest="areas", default=None, help="comma-separated area codes served")
    parser.add_argument("--scopes", default=None, help="comma-separated OAuth scopes (city systems)")
    args = parser.parse_args(argv)
    areas = [c for c in args.areas.split(",") if c] if args.areas is not None else None
    scopes = [c for c in args.scopes.split(",") if c] if args.scopes is not None else None
    print(local_dev_token(args.sub, [r for r in args.roles.split(",") if r], areas, scopes))


if __name__ == "__main__":
    main()
