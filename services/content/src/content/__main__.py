"""`python -m content migrate|serve|dlq`."""

import sys

from servicekit.cli import main

from content.bootstrap import bootstrap

sys.exit(main("content", bootstrap))
