"""Alembic autogenerate: the vault's full-text index is managed by hand, leave it alone.

The index lives outside the models on purpose (an FTS5 virtual table with four shadow tables
on SQLite; a generated tsvector column and its GIN index on PostgreSQL), so a comparison of
models and database would otherwise propose dropping it. This hook, registered in Alembic's
global comparator collection (meant for such extensions), runs after the table comparison and
removes exactly those operations. Everything else in the vault's schema is still compared.
"""

from __future__ import annotations

from typing import Any

from alembic.autogenerate.compare import comparators
from alembic.operations import ops
from alembic.util import DispatchPriority, PriorityDispatchResult

FTS_TABLE = "vault_fts"
PG_COLUMN = "search_vector"
PG_INDEX = "ix_vault_resource_search"


def is_search_index(op: ops.MigrateOperation) -> bool:
    if isinstance(op, ops.DropTableOp):
        return op.table_name == FTS_TABLE or op.table_name.startswith(f"{FTS_TABLE}_")
    if isinstance(op, ops.DropColumnOp):
        return op.table_name == "vault_resource" and op.column_name == PG_COLUMN
    if isinstance(op, ops.DropIndexOp):
        return op.index_name == PG_INDEX
    return False


def _prune(container: Any) -> None:
    kept = []
    for op in container.ops:
        if isinstance(op, ops.ModifyTableOps):
            _prune(op)
            if op.is_empty():
                continue
        elif is_search_index(op):
            continue
        kept.append(op)
    container.ops[:] = kept


@comparators.dispatch_for("schema", priority=DispatchPriority.LAST)
def leave_search_index_alone(
    autogen_context: Any, upgrade_ops: ops.UpgradeOps, schemas: Any
) -> PriorityDispatchResult:
    _prune(upgrade_ops)
    return PriorityDispatchResult.CONTINUE
