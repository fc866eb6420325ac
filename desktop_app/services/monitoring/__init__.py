"""Monitoring since 2021 (防止返贫监测帮扶): monitoring lines, yearly income records, monitoring cases with the
15-day procedure, help measures and their checks, early warnings and department alerts, risk removal.

The domain is MONITORING.md; the tables are ``storage.models_monitoring``; docs/monitoring.md says how it works.
"""

__all__: list[str] = []
