"""The batches tab's menu of new batches: the English source text of each entry, beside the form it opens.

What each form does when saved lives in ``services.procedure`` (``create_batch``, ``run_batch_action``); the
form and the step of each kind come from there (``BATCH_FORMS``), so the tab only adds the words.
"""

from __future__ import annotations

from desktop_app.services.procedure import BATCH_FORMS

# batch kind -> English source text of its "new" action (translated in batches_zh_CN.ts)
CREATE_TEXTS = {
    "evaluation": "Democratic evaluation meeting…",
    "village_announcement": "Village announcement…",
    "township_review": "Township review…",
    "township_announcement": "Township announcement…",
    "county_approval": "County approval…",
    "county_notice": "County notice…",
    "exit_announcement": "Exit announcement…",
    "exit_notice": "Exit notice…",
    "lookback": "Look-back round…",
}
# batch kind -> (English source text of the "new" action, form id, step that households must be able to take)
CREATE: dict[str, tuple[str, str, str]] = {
    kind: (CREATE_TEXTS[kind], form_id, step) for kind, (form_id, step) in BATCH_FORMS.items()
}

__all__ = ["CREATE", "CREATE_TEXTS"]
