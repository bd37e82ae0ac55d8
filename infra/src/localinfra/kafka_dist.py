"""Finds Java and the Apache Kafka broker jars, resolving the jars once with Maven into the cache."""

import functools
import os
import re
import shutil
import subprocess
from pathlib import Path

from localinfra.cache import cache_root, exclusive
from localinfra.errors import InfraError

KAFKA_VERSION = "4.1.1"
JAVA_HINT = "install OpenJDK 17+: apt-get install openjdk-17-jre-headless"
MAVEN_HINT = "install Maven: apt-get install maven"
_MARKER = ".complete"


def java_executable() -> str:
    """The ``java`` to run Kafka with ($JAVA_HOME first, then PATH); must be Java 17 or newer."""
    java_home = os.environ.get("JAVA_HOME")
    java = shutil.which("java", path=f"{java_home}/bin") if java_home else None
    java = java or shutil.which("java")
    if java is None:
        raise InfraError(f"Java was not found (needed to run Kafka); {JAVA_HINT}")
    major = _java_major(java)
    if major < 17:
        raise InfraError(f"{java} is Java {major}, Kafka {KAFKA_VERSION} needs 17+; {JAVA_HINT}")
    return java


def kafka_libs() -> Path:
    """Directory holding the broker's runtime jars; copied with Maven on first use, then reused."""
    home = cache_root() / f"kafka-{KAFKA_VERSION}"
    libs = home / "libs"
    if (home / _MARKER).exists():
        return libs
    with exclusive(home / ".lock"):
        if not (home / _MARKER).exists():
            _resolve_into(libs)
            (home / _MARKER).write_text(f"kafka {KAFKA_VERSION} jars resolved by {pom_file()}\n")
    return libs


def pom_file() -> Path:
    """The Maven project listing the broker jars: packaged next to this module, or infra/pom.xml."""
    here = Path(__file__).resolve()
    for candidate in (here.with_name("pom.xml"), here.parents[2] / "pom.xml"):
        if candidate.is_file():
            return candidate
    raise InfraError(f"pom.xml for the Kafka jars is missing (looked next to {here} and in infra/)")


def _resolve_into(libs: Path) -> None:
    mvn = shutil.which("mvn")
    if mvn is None:
        raise InfraError(f"Maven was not found (needed once to fetch the Kafka jars); {MAVEN_HINT}")
    partial = libs.with_name("libs.partial")
    shutil.rmtree(partial, ignore_errors=True)
    command = [mvn, "-q", "-B", "-f", str(pom_file()), "dependency:copy-dependencies"]
    command += ["-DincludeScope=runtime", f"-DoutputDirectory={partial}"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=900, check=False)
    if result.returncode != 0 or not list(partial.glob(f"kafka_2.13-{KAFKA_VERSION}.jar")):
        output = (result.stdout + result.stderr)[-4000:]
        what = f"Maven could not fetch the Kafka {KAFKA_VERSION} jars (exit {result.returncode})"
        raise InfraError(f"{what}:\n{output}")
    shutil.rmtree(libs, ignore_errors=True)
    partial.rename(libs)


@functools.cache
def _java_major(java: str) -> int:
    result = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=60, check=False)
    match = re.search(r'version "(\d+)(?:\.(\d+))?', result.stderr + result.stdout)
    if match is None:
        raise InfraError(f"Could not tell the version of {java}; {JAVA_HINT}")
    first, second = int(match.group(1)), int(match.group(2) or 0)
    return second if first == 1 else first
