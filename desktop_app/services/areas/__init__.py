"""Areas (county → township → village → village group): setting up a work area, checking area codes.

Front ends and other packages import from here only.
"""

from desktop_app.services.areas.code_list import AreaListResult, import_area_list
from desktop_app.services.areas.manage import (
    LEVEL_ZH,
    MergeResult,
    MoveResult,
    add_area,
    households_in,
    level_key,
    merge_groups,
    move_group,
    rename_area,
)
from desktop_app.services.areas.planning import AreaNeed, AreaPlan, Place, PlannedArea, apply_area_plan, plan_areas
from desktop_app.services.areas.registry import (
    AreaInput,
    AreaRef,
    area_by_code,
    area_code_problem,
    set_up_areas,
    set_up_work_area,
)

# list and tree queries (uc-shell)
from desktop_app.services.areas.tree import AreaNode as AreaNode
from desktop_app.services.areas.tree import area_tree as area_tree
from desktop_app.services.areas.tree import areas_exist as areas_exist
from desktop_app.services.areas.tree import list_areas

__all__ = [
    "AreaInput",
    "AreaRef",
    "area_by_code",
    "area_code_problem",
    "set_up_areas",
    "set_up_work_area",
    "AreaNode",
    "area_tree",
    "areas_exist",
    "AreaListResult",
    "import_area_list",
    "LEVEL_ZH",
    "MergeResult",
    "MoveResult",
    "add_area",
    "households_in",
    "level_key",
    "merge_groups",
    "move_group",
    "rename_area",
    "AreaNeed",
    "AreaPlan",
    "Place",
    "PlannedArea",
    "apply_area_plan",
    "plan_areas",
    "list_areas",
]
