"""The tamper-evident audit chain: one entry per committed unit of work (events such as sign-in, export or
print are units of work too: ``services.unit_of_work.record``), chained per device; verification, listing
and export.

Front ends and other packages import from here only. (Filled by the audit work of issue 14.)
"""
