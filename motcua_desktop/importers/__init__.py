"""Pure functions from the bytes of an input file to validated domain objects.

No SQL and no Qt: a service reads the file, calls a parser here, and writes the result in one
transaction only when the whole file is valid (all-or-nothing). Every rejection names the
file, the row and the column, and says how to fix it.
"""
