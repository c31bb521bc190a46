"""Complaint exports of ServiceNow and Jira Service Management, imported with the columns the portal suggests (no
map given), as a user who uploads the file and accepts the preview would (a helper's probe, session 54).

Before: ServiceNow's id column ``Number`` was no id (ids derived from the received time and category, so a
re-categorised incident became a second complaint), its ``Contact type``, ``Location`` and ``Assigned to`` were
left unread, its priorities ``1 - Critical`` ... ``5 - Planning`` all counted as normal and its ``Awaiting Caller``
went by the stamps; Jira's ``03/Mar/26 2:05 PM`` was no date (every row refused) and its ``Time to first response``
was read as a stamp. Times without a zone are the fixture's reporting zone, Asia/Shanghai (UTC+8)."""

from __future__ import annotations

from datetime import datetime

from tests.test_ingest_complaints import do_import

SERVICENOW = (
    "number,opened_at,resolved_at,closed_at,state,priority,contact_type,category,location,assigned_to\n"
    "INC001,2026-03-02 09:15:00,2026-03-02 15:15:00,2026-03-05 15:20:00,Closed,2 - High,Phone,Product quality,"
    "S001,A001\n"
    "INC002,2026-03-02 10:00:00,,,On Hold,3 - Moderate,Email,Delivery,S002,A002\n"
    "INC003,2026-03-03 11:00:00,,,Awaiting Caller,4 - Low,Self-service,Returns,S003,A003\n"
    "INC004,2026-03-03 12:00:00,2026-03-03 13:00:00,,Resolved,1 - Critical,Walk-in,Price,S001,A004\n"
    "INC005,2026-03-04 08:00:00,,,New,5 - Planning,Chat,Other,S002,\n"
)
JIRA = (
    "Issue key,Summary,Created,Priority,Status,Time to first response,Time to resolution,Store\n"
    "SD-1,Broken kettle,03/Mar/26 2:05 PM,Highest,Resolved,PT45M,P1DT2H,S001\n"
    "SD-2,Late parcel,04/Mar/26 9:00 AM,Medium,Waiting for customer,1h 30m,,S002\n"
    "SD-3,Rude staff,05/Mar/26 12:30 AM,Lowest,Open,,,S003\n"
)


def _stored(con, prefix: str) -> list[tuple]:
    return con.execute(
        "select c.source_id, c.received_at, c.first_response_at, c.resolved_at, c.status, c.severity, c.channel,"
        " s.store_code, a.agent_code from complaints as c left join stores as s using (store_id)"
        " left join agents as a using (agent_id) where c.source_id like ? order by 1",
        [prefix + "%"],
    ).fetchall()


def test_a_servicenow_incident_list_is_read_as_its_columns_say(con):
    _, result = do_import(con, SERVICENOW.encode(), name="incident.csv")
    assert (result.rows_added, result.rows_skipped) == (5, 0)
    d = datetime
    assert _stored(con, "INC") == [
        ("INC001", d(2026, 3, 2, 1, 15), None, d(2026, 3, 2, 7, 15), "closed", "high", "hotline", "S001", "A001"),
        ("INC002", d(2026, 3, 2, 2, 0), None, None, "responded", "normal", "email", "S002", "A002"),
        ("INC003", d(2026, 3, 3, 3, 0), None, None, "responded", "low", "online", "S003", "A003"),
        ("INC004", d(2026, 3, 3, 4, 0), None, d(2026, 3, 3, 5, 0), "resolved", "high", "in_store", "S001", "A004"),
        ("INC005", d(2026, 3, 4, 0, 0), None, None, "open", "low", "online", "S002", None),
    ]  # fmt: skip
    # the next export, INC001 re-categorised: the same incident updated, not a second one
    again = SERVICENOW.replace("Phone,Product quality", "Phone,Price")
    _, result = do_import(con, again.encode(), name="incident (1).csv")
    assert (result.rows_added, result.rows_updated) == (0, 1)
    assert con.execute("select count(*) from complaints where source_id like 'INC%'").fetchone() == (5,)


def test_a_jira_service_management_export_reads_its_dates_and_durations(con):
    _, result = do_import(con, JIRA.encode(), name="jira.csv")
    assert (result.rows_added, result.rows_skipped) == (3, 0)
    d = datetime
    # SD-1: 14:05 in Shanghai is 06:05 UTC, + 45 min, + 1 day 2 hours; SD-3: 00:30 on 5 March is 16:30 UTC on 4 March
    assert _stored(con, "SD-") == [
        ("SD-1", d(2026, 3, 3, 6, 5), d(2026, 3, 3, 6, 50), d(2026, 3, 4, 8, 5), "resolved", "high", "other", "S001",
         None),
        ("SD-2", d(2026, 3, 4, 1, 0), d(2026, 3, 4, 2, 30), None, "responded", "normal", "other", "S002", None),
        ("SD-3", d(2026, 3, 4, 16, 30), None, None, "open", "low", "other", "S003", None),
    ]  # fmt: skip


def test_a_tools_own_header_never_takes_a_column_from_a_better_one():
    # review: as whole-word aliases, "number" took "Customer phone number" for the id, "location" beat a "Store
    # Name", "assigned to" took "Assigned to group", and "employee #" (cleaned to "employee") an agent's names
    from portal.ingest import registry
    from portal.ingest.mapping import suggest_mapping

    def mapped(kind: str, headers: list[str]) -> dict:
        return {k: v for k, v in suggest_mapping(registry.kind(kind), headers).items() if v}

    phone = mapped("complaints", ["Received", "Store", "Channel", "Customer phone number"])
    assert "source_id" not in phone
    store = mapped("complaints", ["Ticket", "Opened", "Store Name", "Location", "Assigned to group"])
    assert store["store_code"] == "Store Name" and "agent_code" not in store
    roster = mapped("agents", ["Employee", "Employee ID", "Home Store Name", "Location", "Active"])
    assert (roster["agent_code"], roster["home_store_code"]) == ("Employee ID", "Home Store Name")
    # alone, as the tools write them, they are read
    servicenow = mapped("complaints", ["Number", "Opened", "Location", "Assigned to", "Contact type"])
    assert [servicenow[f] for f in ("source_id", "store_code", "agent_code", "channel")] == [
        "Number", "Location", "Assigned to", "Contact type"
    ]  # fmt: skip
    bamboo = mapped("agents", ["Employee #", "First Name", "Last Name", "Location", "Employment Status"])
    assert (bamboo["agent_code"], bamboo["home_store_code"]) == ("Employee #", "Location")
    # second review: ServiceNow's "number" beside "sys_id" (the whole word "id") or "Caller ID" is the id; the
    # headers are read as written aside case, spaces, underscores, a colon, a bracketed qualifier
    assert mapped("complaints", ["number", "sys_id", "opened_at"])["source_id"] == "number"
    assert mapped("complaints", ["Number", "Caller ID", "Opened"])["source_id"] == "Number"
    written = mapped("complaints", ["Work Order Number", "Opened", "Assigned To (Name)", "Location:"])
    assert [written[f] for f in ("source_id", "agent_code", "store_code")] == [
        "Work Order Number", "Assigned To (Name)", "Location:"
    ]  # fmt: skip
    assert mapped("inspections", ["Location Code", "Date", "Item", "Score"])["store_code"] == "Location Code"
