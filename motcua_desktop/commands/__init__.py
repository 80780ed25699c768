"""Sub-commands of ``motcua``: each module has ``register(subparsers)``; discovered automatically."""
