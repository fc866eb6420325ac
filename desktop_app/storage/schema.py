"""Imports every table module so that ``SQLModel.metadata`` is complete (migrations and tests use it).

Add one import line here for each new ``models_*.py`` module.
"""

from sqlmodel import SQLModel

from desktop_app.storage import models  # noqa: F401

metadata = SQLModel.metadata
