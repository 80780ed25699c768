"""``python -m motcua_desktop`` runs the same entry point as the ``motcua`` command."""

import sys

from motcua_desktop.cli import main

sys.exit(main())
