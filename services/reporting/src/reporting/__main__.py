"""`python -m reporting migrate|serve|dlq`."""

import sys

from servicekit.cli import main

from reporting.bootstrap import bootstrap

sys.exit(main("reporting", bootstrap))
