"""Demo data: a deterministic, realistic county (areas, families, cards, cadres, measures) and the procedure
history behind every household's stage. Front ends call :func:`load_demo`; everyone imports from here only.
"""

from desktop_app.services.demo.assistance import AssistanceDemo, add_assistance_demo
from desktop_app.services.demo.households import (
    DEMO_COUNTY_CODE,
    REGISTERED_STAGES,
    STAGES,
    DemoExists,
    DemoResult,
    generate_demo,
    load_demo,
)
from desktop_app.services.demo.procedure import SortedIds, add_procedure_history

__all__ = [
    "AssistanceDemo",
    "add_assistance_demo",
    "DEMO_COUNTY_CODE",
    "REGISTERED_STAGES",
    "STAGES",
    "DemoExists",
    "DemoResult",
    "SortedIds",
    "add_procedure_history",
    "generate_demo",
    "load_demo",
]
