"""`python -m notifications migrate|serve|dlq`."""

import sys

from servicekit.cli import main

from notifications.bootstrap import bootstrap

sys.exit(main("notifications", bootstrap))
