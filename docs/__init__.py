"""The documentation sources (a package only so that pytest imports ``docs/conftest.py`` as
``docs.conftest``: with ``--doctest-modules`` a second top-level ``conftest`` module would
clash with ``tests/conftest.py``)."""
