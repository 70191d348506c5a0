"""The PySide6 front end. The only package that imports Qt."""

from terminal.ui.refguard import protect_singletons

# Before any Qt call of the process (see refguard.py and docs/decisions/0002-pyside6-none-refcount.md).
protect_singletons()
