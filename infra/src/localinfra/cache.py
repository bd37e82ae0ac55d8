"""Where localinfra keeps resolved jars and copied binaries, and the lock that guards filling them."""

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def cache_root() -> Path:
    """``${LEARNINGCITY_CACHE:-~/.cache/learningcity}``, shared by every run on this machine."""
    configured = os.environ.get("LEARNINGCITY_CACHE")
    if configured:
        return Path(configured).expanduser().resolve()
    return Path.home() / ".cache" / "learningcity"


@contextmanager
def exclusive(lock_file: Path) -> Iterator[None]:
    """Hold an advisory lock so that parallel runs fill a cache entry only once."""
    lock_file.parent.mkdir(parents=True, exist_ok=True)
    with lock_file.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
