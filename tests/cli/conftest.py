"""The set-up office of the command-line tests, shared with the other files of this folder."""

from tests.cli.test_cli import office

__all__ = ["office"]
