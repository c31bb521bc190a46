"""The identifiers that code formats into SQL (the import core's undo and snapshot statements, the demo writer's
replace-all) are an allow-list: every one names a table, column or sequence of the migrated schema. A name
from input can never reach those statements, and a typo or a stray name in a declaration fails here rather
than at a user's undo."""

from __future__ import annotations

import pytest

from portal import db
from portal.demo import write as demo_write
from portal.ingest import registry
from portal.writes import imports as write_imports


@pytest.fixture(scope="module")
def catalog(tmp_path_factory):
    con = db.connect(tmp_path_factory.mktemp("ident") / "portal.duckdb")
    columns: dict[str, set[str]] = {}
    for table, column in con.execute(
        "select table_name, column_name from information_schema.columns where table_schema = 'main'"
    ).fetchall():
        columns.setdefault(table, set()).add(column)
    sequences = {row[0] for row in con.execute("select sequence_name from duckdb_sequences()").fetchall()}
    con.close()
    return columns, sequences


def _declared(kind) -> list[tuple[str, str]]:
    """Every (table, column) a kind's table declarations make the core format into SQL."""
    pairs = []
    for table in kind.tables:
        for column in (table.key, table.batch_column, table.updated_batch_column):
            if column:
                pairs.append((table.name, column))
        if table.parent:
            column, parent = table.parent
            pairs.append((table.name, column))
            pairs.append((parent, ""))
        for column, master in table.master:
            pairs.append((table.name, column))
            pairs.append((master, ""))
    return pairs


def test_every_upload_kind_declares_only_schema_identifiers(catalog):
    columns, _ = catalog
    kinds = registry.kinds()
    assert {"complaints", "surveys", "inspections", "qa_reviews"} <= set(kinds)
    for kind in kinds.values():
        assert kind.tables, f"{kind.name} declares no table: undo would leave its rows"
        for table, column in _declared(kind):
            assert table in columns, f"{kind.name}: {table!r} is no table of the schema"
            if column:
                assert column in columns[table], f"{kind.name}: {table}.{column} is no column of the schema"
            write_imports.quoted(table)  # and each passes the identifier check
            if column:
                write_imports.quoted(column)


def test_master_tables_an_import_may_add_to_exist(catalog):
    columns, _ = catalog
    for table, (key, _statement) in write_imports.MASTER_TABLES.items():
        assert key in columns.get(table, set()), f"{table}.{key}"


def test_the_identifier_check_refuses_what_is_not_a_plain_name():
    for bad in ('stores"; drop table users; --', "Stores", "1stores", "stores.name", "", "stores name"):
        with pytest.raises(ValueError, match="Bad identifier"):
            write_imports.quoted(bad)
    assert write_imports.quoted("store_id") == '"store_id"'


def test_the_demo_writer_formats_only_schema_identifiers(catalog):
    columns, sequences = catalog
    for table in demo_write.DATA_TABLES:
        assert table in columns, table
    for sequence, table, column in demo_write.SEQUENCES:
        assert sequence in sequences, sequence
        assert column in columns[table], f"{table}.{column}"
    for table, key, identity, refreshed in demo_write.MASTER:
        for column in (key, *identity, *refreshed):
            assert column in columns[table], f"{table}.{column}"
