"""Legacy .xls uploads are bounded as .xlsx ones are (``portal.ingest.xls_bounds``): python-calamine builds every
sheet of an .xls, dense, when it opens the file, so the used range is learnt from the records first and a file
over the bounds is refused with the .xlsx's messages before memory grows; normal .xls exports read as before."""

import os
import struct
import subprocess
import sys
import textwrap
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from portal.ingest import reading
from portal.ingest.reading import FileRefused
from tests.xls_fixture import compound_file, workbook_stream, xls

ROOT = Path(__file__).resolve().parent.parent
HEADER = {(0, 0): "source_id", (0, 1): "received_at", (1, 0): "X-1", (1, 1): "2026-03-01 09:30"}
FAR = (65535, 255)  # IV65536: the last cell of a BIFF8 sheet

CHILD = textwrap.dedent("""
    import resource, sys
    from portal.ingest import reading
    try:
        reading.read_upload(open(sys.argv[1], "rb").read(), "far.xls")
        print("read")
    except reading.FileRefused as refused:
        print(refused.reason, refused.values.get("rows"), refused.values.get("columns"))
    try:  # this process's own peak (ru_maxrss keeps the parent's peak across fork and exec)
        status = open("/proc/self/status").read()
        print(int(status.split("VmHWM:")[1].split()[0]) // 1024)
    except (OSError, IndexError):
        print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
""")


def _read_in_child(tmp_path, data: bytes, timeout: int = 300) -> tuple[str, int]:
    """What a fresh process reading ``data`` says (refusal reason, rows, columns) and its peak RSS in MB: python-
    calamine allocates outside Python, where tracemalloc does not see it; an abort must not end the test run."""
    path = tmp_path / "upload.xls"
    path.write_bytes(data)
    env = {k: v for k, v in os.environ.items() if not k.startswith("PORTAL_MAX")} | {"PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(path)],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=ROOT,
        env=env,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    said, peak_mb = done.stdout.strip().splitlines()
    return said, int(peak_mb)


def _refused(data: bytes) -> FileRefused:
    with pytest.raises(FileRefused) as caught:
        reading.read_upload(data, "upload.xls")
    return caught.value


def test_an_xls_over_the_cell_bound_is_refused_before_memory_grows(tmp_path):
    # two sheets of one stray cell at IV65536 each: 2 x 16.8 million cells, over the 30 million an upload may
    # hold (one such sheet made calamine take 1.7 GB; four, 3.8 GB and 96 s). The first sheet, almost empty, is
    # now refused on its own (``UsedRange.refuse_if_sparse``) before the second is counted; the sheets' bound
    # together is tested below with a lower bound
    data = xls({"Sheet1": {**HEADER, FAR: "x"}, "Sheet2": {**HEADER, FAR: "x"}})
    assert len(data) < 6_000
    said, peak_mb = _read_in_child(tmp_path, data)
    assert said == "ingest.refused.sparse_sheet None None"
    assert peak_mb < 200


def test_a_declared_used_range_is_bounded_before_the_reader_reserves_it(tmp_path):
    # a 2.5 KB file whose DIMENSIONS record declares four billion rows: calamine reserved them and aborted the process
    data = xls({"Sheet1": HEADER}, dimensions={"Sheet1": (0xFFFFFFF0, 2)})
    said, peak_mb = _read_in_child(tmp_path, data)
    assert said == "ingest.refused.too_many_cells 4294967280 2"
    assert peak_mb < 200


def test_an_xls_wider_than_the_column_limit_is_refused():
    error = _refused(xls({"Sheet1": {**HEADER, (1, 700): "wide"}}))
    assert error.reason == "ingest.refused.too_many_columns" and error.values["columns"] == 701
    error = _refused(xls({"Sheet1": HEADER}, dimensions={"Sheet1": (2, 1000)}))
    assert error.reason == "ingest.refused.too_many_columns" and error.values["columns"] == 1000


def test_the_used_ranges_of_the_sheets_of_an_xls_count_together(monkeypatch):
    monkeypatch.setenv("PORTAL_MAX_CELLS", "1000")
    sheet = {**HEADER, (59, 9): "x"}  # J60: 600 cells, within the bound alone
    assert reading.read_upload(xls({"Sheet1": sheet}), "one.xls").headers[:2] == ["source_id", "received_at"]
    error = _refused(xls({"Sheet1": sheet, "Sheet2": sheet}))
    assert error.reason == "ingest.refused.too_many_cells"
    assert (error.values["rows"], error.values["columns"], error.values["limit"]) == (60, 10, 1000)


def test_a_damaged_xls_is_refused_as_a_workbook_that_cannot_be_opened():
    stream = workbook_stream({"Sheet1": HEADER})
    at = stream.index(
        struct.pack("<H", 0x0085)
    )  # the sheet's BOUNDSHEET: its offset now points past the stream
    beyond = stream[: at + 4] + struct.pack("<I", 1_000_000) + stream[at + 8 :]
    error = _refused(compound_file(beyond))
    assert error.reason == "ingest.refused.bad_spreadsheet"
    assert str(error.values["detail"]) == "a sheet starts at byte 1000000, past the workbook stream"
    whole = xls({"Sheet1": {**HEADER, **{(r, 2): f"note {r}" for r in range(2, 400)}}})
    assert _refused(whole[: len(whole) // 2]).reason == "ingest.refused.bad_spreadsheet"


def _entry_at(data: bytes, sid: int) -> int:
    """Where directory entry ``sid`` of a ``compound_file`` starts (its directory is the sector after the data)."""
    directory_sector = struct.unpack_from("<I", data, 0x30)[0]
    return 512 * (directory_sector + 1) + 128 * sid


def test_a_fat_longer_than_the_file_is_refused_before_olefile_follows_it(tmp_path):
    # a 3 KB file whose header counts four billion FAT sectors, its one DIFAT sector listing itself as the next:
    # olefile appended FAT sector after FAT sector to copies of the FAT so far (20,000 of them: over two minutes)
    data = bytearray(xls({"Sheet1": HEADER}))
    difat_sector = len(data) // 512 - 1
    data += struct.pack("<128I", *([0] * 127), difat_sector)
    fat_sectors = 0xFFFFFFFF
    struct.pack_into("<I", data, 0x2C, fat_sectors)
    struct.pack_into("<II", data, 0x44, difat_sector, (fat_sectors - 109 + 126) // 127)
    said, peak_mb = _read_in_child(tmp_path, bytes(data), timeout=60)
    assert said == "ingest.refused.bad_spreadsheet None None"
    assert peak_mb < 200
    detail = str(_refused(bytes(data)).values["detail"])
    assert detail == f"the header counts 4294967295 FAT sectors in a file of {difat_sector + 1} sectors"


def test_a_workbook_stream_longer_than_its_chain_is_refused():
    data = bytearray(xls({"Sheet1": {**HEADER, **{(r, 2): f"note {r}" for r in range(2, 400)}}}))
    struct.pack_into("<I", data, _entry_at(data, 1) + 0x78, 0xFFFFFFF0)  # the Workbook entry's size: 4 GB
    error = _refused(bytes(data))
    assert error.reason == "ingest.refused.bad_spreadsheet"
    assert str(error.values["detail"]) == "malformed OLE document, stream too large"


def test_a_workbook_entry_outside_the_directory_tree_is_refused_not_left_unbounded():
    # olefile lists only the entries the tree reaches; calamine takes the first entry named Workbook whatever
    # links to it: unlinked, the two sheets of 16.8 million cells would go to calamine unchecked
    data = bytearray(xls({"Sheet1": {**HEADER, FAR: "x"}, "Sheet2": {**HEADER, FAR: "x"}}))
    struct.pack_into("<I", data, _entry_at(data, 0) + 0x4C, 0xFFFFFFFF)  # the root entry has no child
    error = _refused(bytes(data))
    assert error.reason == "ingest.refused.bad_spreadsheet"
    assert str(error.values["detail"]) == "directory entry 1 (Workbook) is outside the directory tree"


def _complaint_export(rows: int) -> dict:
    cells = {(0, c): h for c, h in enumerate(["编号", "受理时间", "渠道", "门店", "描述", "金额"])}
    for r in range(1, rows + 1):
        cells |= {
            (r, 0): f"C-{r:05d}",
            (r, 1): datetime(2026, 3, 1, 9, 30) + timedelta(hours=r),
            (r, 2): ("热线", "微信", "门店")[r % 3],
            (r, 3): f"S{r % 7:03d}",
            (r, 4): f"顾客反映第{r}次服务态度问题" + "，等待时间过长" * (r % 4),
            (r, 5): r * 1.5,
        }
    return cells


@pytest.mark.parametrize(
    "rows", [300, 5]
)  # a stream of 40 KB in the FAT, and one under 4 KB in the mini stream
def test_a_normal_xls_complaint_export_reads_as_before(rows):
    data = xls({"投诉": _complaint_export(rows), "说明": {(0, 0): "notes"}})
    raw = reading.read_upload(data, "complaints.xls")
    assert raw.headers == ["编号", "受理时间", "渠道", "门店", "描述", "金额"]
    assert len(raw.frame) == rows and raw.sheet == "投诉"
    assert raw.notes == [("ingest.notice.sheet_read", {"sheet": "投诉"})]
    first = raw.frame.loc[2].to_dict()
    assert first == {
        "编号": "C-00001",
        "受理时间": "2026-03-01 10:30:00",
        "渠道": "微信",
        "门店": "S001",
        "描述": "顾客反映第1次服务态度问题，等待时间过长",
        "金额": "1.5",
    }
    last = raw.frame.loc[rows + 1]
    assert last["编号"] == f"C-{rows:05d}" and last["金额"] == str(rows * 1.5).removesuffix(".0")
