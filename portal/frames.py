"""A query's result as a pandas DataFrame by way of Arrow: the frame DuckDB's ``.df()`` gives, for less.

``.df()`` builds object arrays of Python strings, which pandas then turns into its Arrow-backed ``str`` columns;
fetching the result as Arrow and handing pandas the Arrow arrays skips both steps (issue 14: the QA review list,
27,620 rows at bench scale 10, cost 35 ms a run to convert, about a fifth of the page; the page's statements
replayed and converted took 102 ms of CPU by way of Arrow against 123 ms with ``.df()``). On a result of a few
rows the two cost about the same (Arrow's fixed cost per table). The frame must be the one ``.df()`` gives,
column for column, because every figure is computed from it:

- integers: numpy integers, or pandas' nullable ``IntN`` when the column holds a null;
- booleans: numpy ``bool``, or pandas' nullable ``boolean`` when the column holds a null;
- floats as they are; a decimal of scale 0 (and a hugeint, which Arrow carries as one: counts, sums of
  integers) as float64; a decimal with a fraction is left to ``.df()`` (its own rounding to a double);
- text: pandas' ``str``, but a text column with no value at all (empty, or every row null) is ``object``;
- dates and timestamps without a time zone: ``datetime64[us]``.

A result with any other type (time zones, intervals, lists, structs, maps, enums, blobs, UUIDs, times) or with
a repeated column name is converted by ``.df()`` itself. tests/test_frames.py holds the two paths equal on
every kind of column, empty and null included, and on every named query the page cases run.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa
from pandas.api.internals import create_dataframe_from_blocks

_NULLABLE_INT = {
    pa.int8(): pd.Int8Dtype(),
    pa.int16(): pd.Int16Dtype(),
    pa.int32(): pd.Int32Dtype(),
    pa.int64(): pd.Int64Dtype(),
    pa.uint8(): pd.UInt8Dtype(),
    pa.uint16(): pd.UInt16Dtype(),
    pa.uint32(): pd.UInt32Dtype(),
    pa.uint64(): pd.UInt64Dtype(),
}
_NULLABLE = _NULLABLE_INT | {pa.bool_(): pd.BooleanDtype()}
# DuckDB's names of the column types converted here (a result's ``description``)
_ARROW_TYPES = re.compile(
    r"BOOLEAN|TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|FLOAT|DOUBLE|VARCHAR"
    r"|DATE|TIMESTAMP|DECIMAL\(\d+,0\)"
)


def convertible(description) -> bool:
    """Whether a result with this ``description`` (DuckDB's: name and type per column) is converted here."""
    names = [str(d[0]).casefold() for d in description]  # .df() renames a repeated name, whatever its case
    return len(set(names)) == len(names) and all(_ARROW_TYPES.fullmatch(str(d[1])) for d in description)


def frame(result) -> pd.DataFrame:
    """The result of an executed statement as ``result.df()`` would give it (see the module docstring)."""
    if not convertible(result.description):
        return result.df()
    table = result.to_arrow_table()
    # Everything goes through one ``to_pandas``: setting a column on the frame afterwards costs about 0.05 ms
    # each, and complaint_breakdowns has ~60 columns with nulls in some rows (issue 14: 4-5 ms a result, a
    # tenth of the store view's Python). Columns whose Arrow type pandas would read otherwise than .df() are
    # cast first; an Arrow type whose columns mostly hold a null is read as pandas' nullable type (a
    # ``types_mapper`` is by type), and its columns without one set back as numpy, or, when fewer hold one,
    # those converted alone; a text column without any value is read as Arrow's null type (``object``).
    by_type: dict[pa.DataType, tuple[list, list]] = {}  # type -> (columns holding a null, columns without)
    for i, (name, column) in enumerate(zip(table.column_names, table.columns, strict=True)):
        kind = column.type
        if pa.types.is_date32(kind) or pa.types.is_timestamp(kind):
            try:
                table = table.set_column(i, name, column.cast(pa.timestamp("us")))
            except pa.ArrowInvalid as exc:  # an infinite date: .df() refuses it with DuckDB's own error too
                raise duckdb.ConversionException(f"Conversion Error: column {name!r}: {exc}") from exc
        elif pa.types.is_decimal(kind):  # scale 0 only (convertible): integers, exact as doubles up to 2**53
            table = table.set_column(i, name, column.cast(pa.float64()))
        elif kind in _NULLABLE:
            by_type.setdefault(kind, ([], []))[0 if column.null_count else 1].append((name, column))
        elif pa.types.is_string(kind) and column.null_count == len(column):
            table = table.set_column(i, name, pa.nulls(len(column)))  # .df(): object when no row holds a text
    mapped: dict[pa.DataType, object] = {}
    apart: dict[str, object] = {}
    for kind, (with_null, without) in by_type.items():
        if len(with_null) > len(without):
            mapped[kind] = _NULLABLE[kind]
            apart |= {name: column.to_numpy() for name, column in without}
        else:
            apart |= {name: column.to_pandas(types_mapper=_NULLABLE.get) for name, column in with_null}
    out = table.to_pandas(use_threads=False, types_mapper=mapped.get if mapped else None)
    for name, values in apart.items():
        out[name] = values
    return out


_TEXT = pd.api.types.pandas_dtype("str")  # the text columns .df() gives (pandas' default string type)


def small_frame(result) -> pd.DataFrame:
    """``frame(result)`` for a result of a few hundred rows at most (a query saying ``-- result: small``, run by
    ``db.run_query``), fetched with DuckDB's ``fetchnumpy``: the arrays ``.df()`` itself is built from, without
    Arrow's fixed cost per table. Issue 14 (session 40): the 5S page's ranking (60 rows x 21 columns at bench scale
    1) and heat map (305 x 12) cost ~0.7-1 ms of CPU less each this way than by way of Arrow, with their statements
    run afresh (the cost is per column, not per row: a result of thousands of text values goes by way of Arrow,
    which makes no Python string per value). The same frame as ``.df()``: a column with a null as pandas' nullable
    integer or boolean type, floats with NaN, dates and timestamps as ``datetime64[us]`` with NaT, text as pandas'
    ``str`` (``object`` when no row holds one); any other type through ``.df()`` itself."""
    if not convertible(result.description):
        return result.df()
    columns = {name: _as_df_gives(v) for name, v in result.fetchnumpy().items()}
    built = _frame_of(columns, copy=False)
    return pd.DataFrame(columns, copy=False) if built is None else built


def _frame_of(
    columns: dict[str, Any], index: pd.Index | None = None, *, copy: bool = True
) -> pd.DataFrame | None:
    """``pd.DataFrame(columns, index=index, copy=copy)`` when every column is a pandas array or a 1-D numpy array of
    booleans, numbers or datetimes (whose dtype the constructor keeps; an object array it may read as text), all of
    the index's length (or of one length, without an index), named by text: laid out as the constructor lays them
    (the numpy columns of a dtype in one block, copied) by pandas' ``create_dataframe_from_blocks``, without the
    constructor's inference and checks per column, which cost more than a small result's whole frame (issue 14,
    session 53). None for anything else: the caller builds that frame with the constructor."""
    # a Series' .array of numpy values is a NumpyExtensionArray: the constructor takes its numpy array out
    arrays = [v.to_numpy() if isinstance(v, pd.arrays.NumpyExtensionArray) else v for v in columns.values()]
    if not arrays or not all(type(name) is str for name in columns):
        return None
    n = len(index) if index is not None else len(arrays[0]) if hasattr(arrays[0], "__len__") else -1
    by_dtype: dict[np.dtype, list[int]] = {}
    blocks: list[tuple[Any, np.ndarray]] = []
    for i, values in enumerate(arrays):
        if isinstance(values, pd.api.extensions.ExtensionArray) and len(values) == n:
            blocks.append((values.copy() if copy else values, np.array([i])))
        elif type(values) is np.ndarray and values.ndim == 1 and len(values) == n and _plain(values.dtype):
            by_dtype.setdefault(values.dtype, []).append(i)
        else:
            return None
    blocks += [(np.vstack([arrays[i] for i in at]), np.array(at)) for at in by_dtype.values()]
    return create_dataframe_from_blocks(
        blocks, pd.RangeIndex(n) if index is None else index, _labels(tuple(columns))
    )


@lru_cache(maxsize=512)
def _labeled(names: tuple[str, ...]) -> pd.Index:
    return pd.Index(names)


def _labels(names: tuple[str, ...]) -> pd.Index:
    """``pd.Index(names)``: an Arrow-backed index of text (~25 us to make, and its lookup table more on a frame's
    first column read), made once a set of column names; each frame gets its own view of it (its name its own)."""
    return _labeled(names).copy()


_DATETIMES = frozenset(np.dtype(f"datetime64[{unit}]") for unit in ("s", "ms", "us", "ns"))


def _plain(dtype: np.dtype) -> bool:
    """A numpy dtype a frame keeps as it is: booleans, integers, floats (not half), datetimes of pandas' units."""
    return (dtype.kind in "biu" or dtype.kind == "f" and dtype.itemsize >= 4) or dtype in _DATETIMES


def _as_df_gives(values: np.ndarray) -> Any:
    """One column of ``fetchnumpy`` (a masked array where it holds a null) as ``.df()`` gives it."""
    if isinstance(values, np.ma.MaskedArray):
        mask = np.ma.getmaskarray(values)
        data = values.data
        if not mask.any():
            values = data
        elif data.dtype.kind in "iu":
            return pd.arrays.IntegerArray(data, mask)
        elif data.dtype.kind == "b":
            return pd.arrays.BooleanArray(data, mask)
        elif data.dtype.kind == "f":
            return values.filled(np.nan)
        elif data.dtype.kind == "M":
            return values.filled(np.datetime64("NaT"))
        elif mask.all():  # text without any value: object, as .df()
            return np.full(len(data), None, dtype=object)
        else:
            values = data.copy()
            values[mask] = None
    if values.dtype == object and len(values):
        # the frame's str array straight from Arrow's strings: pd.array checks every value is one (~7 us a column)
        return pd.arrays.ArrowStringArray(
            pa.array(values, type=pa.large_string(), from_pandas=True), dtype=_TEXT
        )
    return values


def picked(frame: pd.DataFrame, mask) -> pd.DataFrame:
    """``frame[mask]`` (booleans by position), as a slice when the rows picked are one run: issue 14, a boolean pick
    of servqual_dimension_gaps' 25 columns cost ~1 ms of CPU, a slice of the same rows ~0.1 ms (same rows, labels).
    A boolean Series is read by position too, never aligned by its labels to the frame's index."""
    mask = np.asarray(mask, dtype=bool)
    at = np.flatnonzero(mask)
    if len(at) and at[-1] - at[0] + 1 == len(at):
        return frame.iloc[at[0] : at[-1] + 1]
    return frame.iloc[at]


def with_columns(frame: pd.DataFrame, columns: dict[str, Any]) -> pd.DataFrame:
    """``frame.assign(**columns)`` (arrays in the frame's row order, or scalars) in one step: issue 14, each column
    ``assign`` adds to a frame of text column labels is an insert of its own (~0.1 ms: the Arrow-backed labels
    copied), one concat of them all costs about two. A name the frame already has is replaced in place, as
    ``assign`` does; an empty frame goes through ``assign`` (the types it gives to empty columns), and so does a
    callable value (``assign`` calls it on the frame; a concat would store the function itself in each row)."""
    if frame.empty or any(name in frame.columns or callable(value) for name, value in columns.items()):
        return frame.assign(**columns)
    added = _frame_of(columns, frame.index)
    return pd.concat([frame, pd.DataFrame(columns, index=frame.index) if added is None else added], axis=1)


@dataclass(frozen=True)
class Rows:
    """A result of one or two rows (a headline, a summary) read as Python values with ``fetchall``: a query says
    so in its header, ``-- result: rows`` (``db.NamedQuery.rows``). Issue 14: converting such a result to a frame
    and picking its rows (``set_index``, ``.loc``) cost ~1.7 ms of CPU beside ~4.5 ms for the 5S headline's
    statement. NULL is None, a DATE a ``datetime.date``, integers ``int``, DOUBLE ``float`` (DuckDB's own)."""

    columns: tuple[str, ...]
    values: tuple[tuple[Any, ...], ...]

    def __len__(self) -> int:
        return len(self.values)

    def __getitem__(self, column: str) -> list[Any]:
        """One column's values, in row order."""
        at = self._at(column)
        return [row[at] for row in self.values]

    def __contains__(self, column: object) -> bool:
        """Whether the result has ``column``, as ``column in frame`` asks of a frame."""
        return column in self.columns

    def __iter__(self):
        """The column names, as iterating a frame gives (without this Python iterates by ``__getitem__(0)``)."""
        return iter(self.columns)

    def _at(self, column: str) -> int:
        if column not in self.columns:
            raise KeyError(column)
        return self.columns.index(column)

    def by(self, column: str) -> dict[Any, dict[str, Any]]:
        """Each row as a dict, keyed by its value of ``column`` (the 'current' and 'previous' period)."""
        at = self._at(column)
        return {row[at]: dict(zip(self.columns, row, strict=True)) for row in self.values}


def rows(result) -> Rows:
    """The result of an executed statement as ``Rows``."""
    return Rows(tuple(str(d[0]) for d in result.description), tuple(result.fetchall()))
