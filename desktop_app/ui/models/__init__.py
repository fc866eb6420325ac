"""Every Qt item model of the app, one module each (households, members, measures, batches, conflicts).

Views import their model from here; every model is checked by pytest-qt's ``qtmodeltester``
(tests/ui_models). A model reads through the use cases of ``desktop_app.services`` like any other front-end
code and refreshes the rows a committed change names (``services.subscribe``).
"""
