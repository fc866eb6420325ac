"""Areas (county → township → village → village group): setting up a work area, checking area codes.

Front ends and other packages import from here only.
"""

from desktop_app.services.areas.registry import (
    AreaInput,
    AreaRef,
    area_by_code,
    area_code_problem,
    set_up_areas,
    set_up_work_area,
)

__all__ = [
    "AreaInput",
    "AreaRef",
    "area_by_code",
    "area_code_problem",
    "set_up_areas",
    "set_up_work_area",
]
