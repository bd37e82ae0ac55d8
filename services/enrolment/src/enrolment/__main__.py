"""`python -m enrolment migrate|serve|dlq`."""

import sys

from servicekit.cli import main

from enrolment.bootstrap import bootstrap

sys.exit(main("enrolment", bootstrap))
