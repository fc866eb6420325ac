"""The area tree (county → township → village → village group) with the number of households in each.

A read use case of the main window's tree: plain nodes, read in one snapshot, never ORM objects.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Connection, func, select

from desktop_app.services.unit_of_work import reading
from desktop_app.storage.database import Database
from desktop_app.storage.models import Area, Household
from desktop_app.storage.queries import live_rows, table_of


@dataclass
class AreaNode:
    """One area of the tree with the living households at or under it."""

    id: str
    parent_id: str | None
    level: str
    code: str
    name: str
    households: int = 0
    children: list[AreaNode] = field(default_factory=list)

    def village_ids(self) -> list[str]:
        """The villages at or under this area (a group answers its village)."""
        if self.level == "village":
            return [self.id]
        found: list[str] = []
        for child in self.children:
            found.extend(child.village_ids())
        return found

    def walk(self) -> list[AreaNode]:
        """This node and every node under it, parents first."""
        found = [self]
        for child in self.children:
            found.extend(child.walk())
        return found


def area_tree(db: Database) -> list[AreaNode]:
    """Counties → townships → villages → groups with the number of (not deleted) households in each."""
    with reading(db) as session:
        return area_tree_on(session.connection())


def areas_exist(db: Database) -> bool:
    """Whether any area is set up (an empty database shows the welcome dialog)."""
    a = table_of(Area)
    with reading(db) as session:
        return session.connection().execute(select(a.c.id).where(live_rows(a)).limit(1)).first() is not None


def area_tree_on(conn: Connection) -> list[AreaNode]:
    """:func:`area_tree` on an open connection (for use cases that already hold one)."""
    a = table_of(Area)
    h = table_of(Household)
    nodes = {
        row.id: AreaNode(row.id, row.parent_id, row.level, row.code, row.name)
        for row in conn.execute(
            select(a.c.id, a.c.parent_id, a.c.level, a.c.code, a.c.name).where(live_rows(a)).order_by(a.c.code)
        )
    }
    counts = conn.execute(
        select(h.c.village_id, h.c.group_id, func.count()).where(live_rows(h)).group_by(h.c.village_id, h.c.group_id)
    )
    for village_id, group_id, count in counts:
        for area_id in {village_id, group_id} - {None}:
            if area_id in nodes:
                nodes[area_id].households += int(count)
    roots: list[AreaNode] = []
    for node in nodes.values():
        parent = nodes.get(node.parent_id) if node.parent_id else None
        (parent.children if parent else roots).append(node)

    def total(node: AreaNode) -> int:
        if node.level not in ("village", "group"):
            node.households = sum(total(child) for child in node.children)
        return node.households

    for root in roots:
        total(root)
    return roots
