"""The bundle's entry point: the same `terminal` command as the source checkout's console script."""

import sys

from terminal.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
