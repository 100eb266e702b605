"""``python -m retailkit``: the same as the ``retailkit`` command (see :mod:`retailkit.cli`)."""

from retailkit.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
