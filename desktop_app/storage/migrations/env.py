"""Alembic environment: always driven from code (desktop_app.storage.database), never from an ini file."""

from alembic import context

from desktop_app.storage.schema import metadata

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
