"""`python -m growattServer` runs the `growatt` command."""

import sys

from growattServer.cli import main

sys.exit(main())
