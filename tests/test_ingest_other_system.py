"""Two systems imported under one source (the default "ticketing") share ticket ids: the second system's file
updated the first's complaints in place, silently (found by the export review). A row whose key is a stored
complaint's but whose received time lies over a day from it, or whose store is another, is now named in a notice
before the commit; a re-import of the same tickets (a new status, the same received time) gives none."""

from __future__ import annotations

from datetime import datetime

from portal.auth import User
from portal.i18n import t
from portal.ingest import pipeline, registry
from portal.scope import Scope

KIND = registry.kind("complaints")
ADMIN = User("t_admin", "Test Admin", ("admin",), Scope.everything())
HEADER = "source_id,received_at,channel,store_code,status"


def _import(con, *lines: str, source: str = "ticketing", commit: bool = True):
    data = ("\n".join((HEADER, *lines)) + "\n").encode()
    options = pipeline.ImportOptions(now=datetime(2026, 6, 1), timezone="UTC", source=source)
    raw = pipeline.read(con, KIND, data, f"{source}-{lines[0][:12]}-{len(lines)}.csv")
    prepared = pipeline.prepare(con, KIND, raw, None, options, ADMIN)
    if commit:
        pipeline.commit(con, prepared, ADMIN)
    return prepared


def _other_system(prepared) -> list[dict]:
    return [values for key, values in prepared.notices if key == "ingest.notice.other_system"]


def test_another_systems_tickets_of_the_same_ids_are_named_before_the_commit(con):
    _import(con, "T1,2026-03-02 09:00,phone,S001,open", "T2,2026-03-02 10:00,phone,S001,open")
    # the same tickets again: a new status, received 2 h later (a zone fixed), same store: no notice
    again = _import(con, "T1,2026-03-02 11:00,phone,S001,closed", "T2,2026-03-02 10:00,phone,S001,closed")
    assert _other_system(again) == []
    # another system's T1 (two months later) and T2 (another store), and a new T3
    other = _import(
        con,
        "T1,2026-05-10 09:00,email,S001,open",
        "T2,2026-03-02 10:00,email,S002,open",
        "T3,2026-05-10 09:00,email,S001,open",
        commit=False,
    )
    assert _other_system(other) == [{"n": 2, "source": "ticketing"}]
    text = t("ingest.notice.other_system", "en", n=2, source="ticketing")
    assert "2 rows carry" in text and "ticketing" in text and "another system" in text
    # under a source of its own, nothing is overwritten and nothing is said
    own = _import(con, "T1,2026-05-10 09:00,email,S001,open", source="crm2", commit=False)
    assert _other_system(own) == []


def test_ids_that_lost_their_leading_zeros_are_named_before_the_commit(con):
    """Excel re-saves 00001001 as 1001: the re-import added the tickets a second time, silently."""
    _import(con, "00001001,2026-03-02 09:00,phone,S001,open", "00001002,2026-03-02 10:00,phone,S001,open")
    resaved = _import(
        con,
        "1001,2026-03-02 09:00,phone,S001,closed",
        "1002,2026-03-02 10:00,phone,S001,closed",
        "1003,2026-03-02 10:00,phone,S001,open",
        commit=False,
    )
    assert [v for k, v in resaved.notices if k == "ingest.notice.lost_zeros"] == [
        {"n": 2, "source": "ticketing"}
    ]
    # the export as the system gave it: an update, nothing said
    again = _import(con, "00001001,2026-03-02 09:00,phone,S001,closed", commit=False)
    assert not [
        k for k, _ in again.notices if k in ("ingest.notice.lost_zeros", "ingest.notice.other_system")
    ]


def test_a_later_export_in_another_zone_is_named_with_its_shift(con):
    """A helper's probe: the same tickets exported again in UTC after Beijing time moved every stored received time
    by 8 hours, unsaid. Rows whose received time is a stored one moved by whole hours (up to 14) are counted by
    shift in a notice before the commit; a time moved by minutes, or the same time, gives none."""
    _import(con, "Z1,2026-03-02 09:00,phone,S001,open", "Z2,2026-03-02 20:00,phone,S001,open")
    shifted = _import(
        con, "Z1,2026-03-02 01:00,phone,S001,closed", "Z2,2026-03-02 12:00,phone,S001,closed", commit=False
    )
    said = [v for k, v in shifted.notices if k == "ingest.notice.zone_shift"]
    assert [(v["n"], v["hours"], str(v["direction"])) for v in said] == [(2, 8, "earlier")]
    assert t("ingest.notice.zone_shift", "en", **said[0]).startswith(
        "2 rows carry the id of a complaint already stored from source “ticketing” with a received time exactly "
        "8 hours earlier than the stored one"
    )
    assert "恰好早 8 小时" in t("ingest.notice.zone_shift", "zh", **said[0])
    fixed = _import(con, "Z1,2026-03-02 09:20,phone,S001,closed", "Z2,2026-03-02 20:00,phone,S001,closed")
    assert not [k for k, _ in fixed.notices if k == "ingest.notice.zone_shift"]


def _import_without_ids(con, *lines: str, zone: str, commit: bool = True):
    data = ("\n".join(("received_at,channel,store_code,category", *lines)) + "\n").encode()
    options = pipeline.ImportOptions(now=datetime(2026, 6, 1), timezone=zone)
    raw = pipeline.read(con, KIND, data, f"no-ids-{zone.replace('/', '-')}.csv")
    prepared = pipeline.prepare(con, KIND, raw, None, options, ADMIN)
    result = pipeline.commit(con, prepared, ADMIN) if commit else None
    return prepared, result


def test_a_file_without_ids_read_again_in_another_zone_is_named_before_it_adds_its_rows_twice(con):
    """A helper's probe (session 54): a file without an id column imported in Beijing time, then again as New York
    time, was committed as three new complaints beside the three stored (derived ids rest on the UTC received time),
    with no notice. Now the rows matching stored ones in store, channel and category, whole hours apart, are named;
    one coincidence among several rows is not (the shift must hold for at least half of the file's new rows)."""
    rows = (
        "2026-03-02 09:00,phone,S001,Refund",
        "2026-03-02 10:00,phone,S002,Refund",
        "2026-03-02 11:30,web,S001,Late",
    )
    _import_without_ids(con, *rows, zone="Asia/Shanghai")
    again, _ = _import_without_ids(con, *rows, zone="America/New_York", commit=False)
    said = [v for k, v in again.notices if k == "ingest.notice.zone_shift_derived"]
    # 09:00 in Shanghai is 01:00 UTC, in New York (EST) 14:00 UTC: 13 hours later
    assert [(v["n"], v["hours"], str(v["direction"])) for v in said] == [(3, 13, "later")]
    assert t("ingest.notice.zone_shift_derived", "en", **said[0]).startswith(
        "3 rows match a complaint already stored from source “ticketing” in the cells its id rests on (the store, "
        "channel and category the file gives), with a received time exactly 13 hours later than the stored one"
    )
    assert "恰好晚 13 小时" in t("ingest.notice.zone_shift_derived", "zh", **said[0])
    # the whole day's export after the morning's: its new afternoon rows are no shift of the morning's, which the
    # file lists again (review: 8 rows were named "exactly 8 hours later")
    morning = [f"2026-03-05 {h:02d}:00,phone,S001,Refund" for h in range(0, 12)]
    _import_without_ids(con, *morning, zone="UTC")
    day = [f"2026-03-05 {h:02d}:00,phone,S001,Refund" for h in range(0, 20)]
    whole, _ = _import_without_ids(con, *day, zone="UTC", commit=False)
    assert not [k for k, _ in whole.notices if k == "ingest.notice.zone_shift_derived"]
    # the same file in the zone it was read in: the stored complaints, nothing said
    same, result = _import_without_ids(con, *rows, zone="Asia/Shanghai", commit=False)
    assert not [k for k, _ in same.notices if k == "ingest.notice.zone_shift_derived"]
    # a new file of three new complaints, one of them 5 hours after a stored one alike: a coincidence, unsaid
    other = (
        "2026-03-02 14:00,phone,S001,Refund",
        "2026-03-04 10:00,phone,S002,Refund",
        "2026-03-05 10:00,web,S001,Late",
    )
    new, _ = _import_without_ids(con, *other, zone="Asia/Shanghai", commit=False)
    assert not [k for k, _ in new.notices if k == "ingest.notice.zone_shift_derived"]
