"""``python -m smice``: the smice command line."""

import sys

from smice.cli import main

sys.exit(main())
