"""Join the two schema branches made in parallel: the search index (0004/0005) and merge bookkeeping (0004_merge).

Revision ID: 0006
Revises: 0004_merge, 0005_search_index
"""

revision = "0006"
down_revision = ("0004_merge", "0005_search_index")
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
