"""`python -m reporting migrate|serve|dlq|outbox|rebuild`."""

import sys

from servicekit.cli import main

from reporting import replay
from reporting.bootstrap import bootstrap

if sys.argv[1:2] == ["rebuild"]:  # reporting's own command: rebuild the projections from the topics
    sys.exit(replay.main())
sys.exit(main("reporting", bootstrap))
