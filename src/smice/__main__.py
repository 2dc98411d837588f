"""``python -m smice``: the smice command line."""

import sys

from smice.cli import main

if __name__ == "__main__":
    sys.exit(main())
