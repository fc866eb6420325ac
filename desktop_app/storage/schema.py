"""Imports every table module so that ``SQLModel.metadata`` is complete (migrations and tests use it).

Add one import line here for each new ``models_*.py`` module.
"""

from sqlmodel import SQLModel

import desktop_app.storage.models_accounts  # noqa: F401
import desktop_app.storage.models_assist  # noqa: F401
import desktop_app.storage.models_merge  # noqa: F401
import desktop_app.storage.models_monitoring  # noqa: F401
import desktop_app.storage.models_quality  # noqa: F401
from desktop_app.storage import models  # noqa: F401

metadata = SQLModel.metadata
