"""Sub-commands of ``motcua``: each module has ``register(subparsers)`` and is listed in
``motcua_desktop.cli.command_modules``."""
