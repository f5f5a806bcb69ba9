"""`python -m threadsmith` is the `thread` command."""

import sys

from threadsmith.cli import main

sys.exit(main())
