"""sqlite-utils on a library's own connection: for schema changes and bulk writes.

Where Postil uses sqlite-utils, and why there: migration steps written in Python
(`create`, `add_column`, `create_index`, and `transform`, SQLite's twelve-step ALTER TABLE
written once; see storage.migrations), multi-row inserts with `insert_all` (putting deleted
articles back, importing annotations), and the table introspection of `postil check`
(storage.checkup). Everything else is hand-written SQL: FTS5 queries and the triggers that
keep the indexes in step, single-row writes, and the read paths the window runs on every
refresh, where one prepared statement beats any wrapper.

Three rules keep it safe:
- sqlite-utils is only ever handed a connection that storage.library_files opened, never a
  path: there is no second way to open a library file.
- database() leaves `recursive_triggers` as the connection has it and loads no sqlite-utils
  plugin onto it: a library's connection behaves the same whether or not sqlite-utils was
  ever used on it.
- Bulk writes run inside the caller's transaction (storage.transaction), where sqlite-utils
  nests its own work in savepoints and never commits; insert_rows refuses to run outside
  one, since sqlite-utils would then commit each batch on its own.

sqlite-utils is imported on first use, never on the window's start-up path
(tests/ui/test_startup_imports.py).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlite_utils import Database


def database(conn: sqlite3.Connection) -> Database:
    """sqlite-utils' Database on this existing connection (which stays the caller's)."""
    import sqlite_utils

    return sqlite_utils.Database(conn, recursive_triggers=False, execute_plugins=False)


def insert_rows(
    conn: sqlite3.Connection, table: str, rows: Iterable[dict[str, Any]], **options: Any
) -> None:
    """Insert many rows into an existing table with sqlite-utils' insert_all (multi-row
    INSERTs in batches), inside the caller's open transaction. options go to insert_all
    (ignore=True: INSERT OR IGNORE)."""
    if not conn.in_transaction:
        raise RuntimeError(f"bulk insert into {table} outside a transaction")
    target = database(conn).table(table)
    if not target.exists():  # insert_all would create it from the rows: never in a library
        raise sqlite3.OperationalError(f"no such table: {table}")
    target.insert_all(rows, **options)
