"""`python -m servicekit.devtoken --sub ID --roles a,b`: a bearer token for `make run` (dev key only)."""

import argparse

from servicekit.http.auth import local_dev_token


def main(argv: list[str] | None = None) -> None:
    """Print a development token with the given subject and roles (the roles each service checks)."""
    parser = argparse.ArgumentParser(prog="python -m servicekit.devtoken")
    parser.add_argument("--sub", required=True, help="subject: the user id the token speaks for")
    parser.add_argument("--roles", default="", help="comma-separated roles")
    args = parser.parse_args(argv)
    print(local_dev_token(args.sub, [r for r in args.roles.split(",") if r]))


if __name__ == "__main__":
    main()
