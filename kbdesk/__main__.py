import sys

from kbdesk.cli import main

# Guarded: worker processes that build the index may import the main module.
if __name__ == "__main__":
    sys.exit(main())
