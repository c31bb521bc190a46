"""The one KPI figure type of every area, and its one formatter for values and changes in both languages.

Every area (complaints, satisfaction, 5S, scorecards) returns its headline figures as ``Figure`` objects;
pages draw them with ``portal.ui_tiles.figure_tiles`` (the words under each tile from ``TileText``), the
overview gathers them, ``kpi --json`` prints ``Figure.to_json``.

Status rule, the same on every page (SPEC §3): ``no_data`` when the data cannot support the figure
(``no_data_reason``, an i18n key), nothing rests on it (n = 0 and no value: ``NONE_IN_PERIOD``) or it has no value
(never 0, never coloured); ``low_confidence`` on fewer than ``low_confidence_n`` items (never pass or fail);
``meets`` / ``misses`` against ``target`` in the ``better`` direction; ``None`` without a target. A value is judged
as it is shown: rounded half up (``portal.rounding``) to its unit's decimals (``DECIMALS``), so that a reader never
sees "85.0%" marked as missing a target of 85 (84.96 shows 85.0 and meets it; 84.94 shows 84.9 and misses it).

A change is coloured green in the ``better`` direction (``better="neither"``: a count such as survey
responses that is neither good nor bad, never coloured), grey when it rounds to zero, when the figure is
low-confidence or has no data, or when a test found it not significant (``significant=False``).

What a change is against (``Comparison``, the same rule on every page, the overview, the brief and ``kpi
--json``): the previous period of equal length, which the data must cover. When the area's data in the reader's
scope begins after the previous period's first day (``covered_from``: one small query for complaints, a column of the headline statement for 5S and satisfaction), no change is
shown and the tile's help / the JSON say why. A period that ends today or later is in progress: its change is
flagged as such (grey, "so far"), and left out while not one whole day of it has passed (a few hours of today
against the whole of yesterday says nothing).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from portal.i18n import sentences, severity_targets, t
from portal.kpi_comparison import CHANGE_NO_PREVIOUS as CHANGE_NO_PREVIOUS
from portal.kpi_comparison import CHANGE_NOT_BEGUN as CHANGE_NOT_BEGUN
from portal.kpi_comparison import CHANGE_NOT_COVERED as CHANGE_NOT_COVERED
from portal.kpi_comparison import CHANGE_OTHER_UNITS as CHANGE_OTHER_UNITS
from portal.kpi_comparison import CHANGE_PARTLY_COVERED as CHANGE_PARTLY_COVERED
from portal.kpi_comparison import Comparison as Comparison
from portal.kpi_comparison import compared as compared
from portal.kpi_comparison import comparison_of as comparison_of
from portal.rounding import fixed, half_up

# run(name, params): a named query's rows with the user's scope bound (the page: ui.query; CLI, bench: runner)
Runner = Callable[[str, Mapping[str, Any]], Any]


def runner(con, scope, lang: str = "en") -> Runner:
    """A ``run(name, params)`` over a connection with one scope bound (the command line, the bench, tests);
    ``lang``: the reader's language, bound as ``$lang`` (store names) unless ``params`` give one."""
    from portal import db

    return lambda name, params: db.run_query(con, name, {"lang": lang, **(params or {})}, scope)


# count: whole numbers; hours / days: durations; pct: a share in percent (changes in percentage points);
# points: a 0-100 index or score (one decimal); nps: -100..100, signed whole numbers; gap: a SERVQUAL gap
NONE_IN_PERIOD = "kpi.reason.none_in_period"  # the reason of a figure with n = 0 and no value
UNITS = ("count", "hours", "days", "pct", "points", "nps", "gap")
# the decimals a value of each unit is shown with (``format_number``, ``column_format``; a table rounds to them)
DECIMALS = {"count": 0, "hours": 1, "days": 1, "pct": 1, "points": 1, "nps": 0, "gap": 2}
# a change is shown with these decimals (an NPS in whole points, its change to one decimal)
_CHANGE_DECIMALS = {**DECIMALS, "nps": 1}
BETTER = ("higher", "lower", "neither")


@dataclass(frozen=True)
class Figure:
    key: str  # stable id within its area, e.g. "sla_attainment"; label key: f"{area}.tile.{key}"
    unit: str
    value: float | None
    n: int
    area: str = ""
    previous_value: float | None = None
    previous_n: int = 0
    target: float | None = None
    better: str = "higher"  # higher | lower | neither: which direction meets the target and colours a change
    low_confidence_n: int = 30
    no_data_reason: str | None = None  # i18n key; set => status "no_data" whatever the value
    significant: bool | None = None  # the change's test; None: untested
    p_value: float | None = None
    targets_by: Mapping[str, float] | None = None  # several targets (e.g. resolution by severity)
    extra: Mapping[str, Any] = field(default_factory=dict)  # area-specific, e.g. a confidence interval
    label_key: str | None = None  # i18n key of the tile's label; default f"{area}.tile.{key}"
    comparison: Comparison | None = None  # what the change is against; None: the previous period, unchecked
    # why the figure has no previous value where the data covers the previous period (an i18n key, said with the
    # period's days); None: a figure counted as of now (open actions), which has no previous period at all
    no_previous: str | None = CHANGE_NO_PREVIOUS

    def __post_init__(self) -> None:
        if self.unit not in UNITS:
            raise ValueError(f"Figure {self.key}: unknown unit {self.unit!r}")
        if self.better not in BETTER:
            raise ValueError(f"Figure {self.key}: better must be one of {BETTER}")

    @property
    def label(self) -> str:
        """The i18n key of the figure's label."""
        return self.label_key or f"{self.area}.tile.{self.key}"

    @property
    def reason(self) -> str | None:
        """Why the figure has no data (an i18n key), or None: the reason given, else, when there is nothing at
        all to rest on (n = 0 and no value: an empty period, a store without surveys), ``NONE_IN_PERIOD``
        rather than a low-confidence "—" (a count of nothing is 0 and has its value). Worked out, not stored:
        a figure made from this one (``dataclasses.replace``, e.g. a duration in days) decides anew."""
        if self.no_data_reason is not None:
            return self.no_data_reason
        return NONE_IN_PERIOD if self.n == 0 and (self.value is None or _nan(self.value)) else None

    @property
    def has_data(self) -> bool:
        return self.reason is None and self.value is not None and not _nan(self.value)

    @property
    def compared(self) -> bool:
        """There is a previous value, and the comparison with it is not left out (``Comparison.left_out``)."""
        if self.previous_value is None or _nan(self.previous_value):
            return False
        return self.comparison is None or self.comparison.left_out is None

    @property
    def change(self) -> float | None:
        if not self.has_data or not self.compared:
            return None
        return float(self.value) - float(self.previous_value)

    @property
    def in_progress(self) -> bool:
        """The figure's period ends today or later: its change (if any) is of a period not yet over."""
        return self.comparison is not None and self.comparison.in_progress

    def change_note(self, lang: str = "en") -> str | None:
        """Why the figure shows no change, or that its change is of a period in progress (None: nothing to
        say). A figure with data whose change is left out says why: the comparison's reason, else why it has no
        previous value (``no_previous``). None without data (``reason`` says why), for a count as of now, and
        without a ``comparison_of`` (the previous period unchecked)."""
        if self.comparison is None or not self.has_data:
            return None
        missing = self.previous_value is None or _nan(self.previous_value)
        if missing and self.comparison.left_out is None:
            if self.no_previous is None:
                return None
            return self.comparison.said(self.no_previous, lang, label=t(self.label, lang))
        return self.comparison.note(lang)

    @property
    def low_confidence(self) -> bool:
        """Fewer than ``low_confidence_n`` items (none at all included), unless the data cannot support it."""
        return self.reason is None and self.n < self.low_confidence_n

    @property
    def status(self) -> str | None:
        if self.reason is not None:
            return "no_data"
        if self.low_confidence:
            return "low_confidence"
        if not self.has_data:
            return "no_data"
        if self.target is None or self.better == "neither":
            return None
        shown = half_up(self.value, DECIMALS[self.unit])  # judged as shown (module docstring)
        if self.better == "lower":
            return "meets" if shown <= self.target else "misses"
        return "meets" if shown >= self.target else "misses"

    @property
    def meets_target(self) -> bool | None:
        return {"meets": True, "misses": False}.get(self.status or "")

    def to_json(self, lang: str = "en") -> dict[str, Any]:
        """The figure for ``kpi --json``: null value with a reason where there is no data (the reason and the
        change note in ``lang``, the command's --lang)."""
        return {
            "key": self.key,
            "unit": self.unit,
            "value": self._number(self.value) if self.has_data else None,
            "n": int(self.n),
            "previous_value": self._number(self.previous_value),
            "previous_n": int(self.previous_n),
            "change": self._number(self.change),
            "target": _clean(self.target),
            "targets_by": dict(self.targets_by) if self.targets_by else None,
            "better": self.better,
            "status": self.status,
            "no_data_reason": t(self.reason, lang) if self.reason else None,
            "significant": self.significant,
            "p_value": _clean(self.p_value),
            # what the change is against: the first day of data in scope, a period in progress, or why none
            "previous_covered_from": _day(self.comparison.covered_from) if self.comparison else None,
            "in_progress": self.in_progress,
            "change_note": self.change_note(lang),
        }

    def _number(self, value):
        """A JSON number: whole for counts, else rounded to 4 decimals; None for none."""
        value = _clean(value)
        return int(value) if value is not None and self.unit == "count" and value.is_integer() else value


def nothing_counted(fig: Figure) -> Figure:
    """A count tile (complaints, responses) with nothing to count (n = 0) says "no data: nothing to count", as the
    area's other tiles do, never "0" (SPEC §3; ``Figure.reason`` keeps a count's 0 as a value): the Overview's week,
    the Complaints page's volume of a period and selection without complaints. Nor is a change shown against a
    previous period with nothing to count (which, shown alone, says so): "+1" against it is no change of a figure
    (the no-previous note says why; a helper's audit, session 55: a store's week of one survey response read "+1"
    against a week that reads "no data")."""
    if fig.n == 0 and fig.no_data_reason is None:
        fig = replace(fig, no_data_reason=NONE_IN_PERIOD)
    if fig.previous_n == 0 and fig.previous_value is not None:
        fig = replace(fig, previous_value=None)
    return fig


def _nan(value) -> bool:
    try:
        return math.isnan(float(value))
    except (TypeError, ValueError):
        return False


def _day(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _clean(value, digits: int = 4):
    if value is None or _nan(value):
        return None
    return half_up(value, digits)


# ---------------------------------------------------------------- the one formatter


def signed(value: float, digits: int) -> str:
    """A signed number with ``digits`` decimals; one that rounds to zero has no sign (``0.0``, not ``-0.0``)."""
    text = fixed(value, digits, "+,")
    return text[1:] if float(text.replace(",", "")) == 0 else text


def format_number(unit: str, value: float | None, lang: str = "en") -> str:
    """A value of ``unit`` as shown in tiles and tables; ``—`` when there is none."""
    if value is None or _nan(value):
        return t("common.none", lang)
    if unit == "count":
        return fixed(value, 0, ",")
    if unit == "nps":
        return signed(value, 0)
    if unit in ("hours", "days", "pct"):
        return t(f"kpi.value.{unit}", lang, v=value)
    if unit == "gap":
        return signed(value, 2)
    return fixed(value, 1, ",")


def column_format(unit: str, lang: str = "en") -> str:
    """The printf format of a table column of ``unit`` (``st.column_config.NumberColumn``), with the decimals and
    unit that ``format_number`` gives a tile: "%.1f%%", "%,.1f h" / "%,.1f 小时", "%+d" ..."""
    if unit in ("hours", "days"):
        return t(f"kpi.column.{unit}", lang)
    if unit == "pct":
        return "%.1f%%"
    if unit == "nps":
        return "%+.0f"
    if unit == "gap":
        return "%+.2f"
    if unit == "count":
        return "%,.0f"
    return "%,.1f"


def format_value(fig: Figure, lang: str = "en") -> str:
    """The figure's value, or "no data" when the data cannot support it."""
    if fig.reason:
        return t("kpi.no_data", lang)
    return format_number(fig.unit, fig.value, lang)


def change_is_zero(fig: Figure) -> bool:
    """The change rounds to zero at the precision shown."""
    change = fig.change
    if change is None:
        return False
    return half_up(change, _CHANGE_DECIMALS[fig.unit]) == 0


def format_change(fig: Figure, lang: str = "en") -> str | None:
    """The change against the previous period (percentage points for shares); None without both values."""
    change = fig.change
    if change is None:
        return None
    digits = _CHANGE_DECIMALS[fig.unit]
    text = "0" if change_is_zero(fig) and digits == 0 else signed(change, digits)
    if fig.unit in ("hours", "days"):
        return t(f"kpi.change.{fig.unit}", lang, v=text)
    if fig.unit == "pct":
        return t("kpi.change.pp", lang, v=text)
    return text


def delta_style(fig: Figure) -> tuple[str, str]:
    """st.metric's (delta_color, delta_arrow): grey without arrow for a zero change; grey for a low-confidence
    or no-data figure and for a tested change that is not significant; else green in the better direction."""
    if change_is_zero(fig):
        return "off", "off"
    if fig.status in ("low_confidence", "no_data") or fig.significant is False or fig.better == "neither":
        return "off", "auto"
    if fig.in_progress:  # a period not yet over is drawn as such, never judged
        return "off", "auto"
    return ("inverse" if fig.better == "lower" else "normal"), "auto"


def format_target(fig: Figure, lang: str = "en") -> str:
    """The target in words: ``target ≤ 24.0 h``, ``target ≥ 85.0%``, ``target by severity: …``; ``no target``."""
    if fig.target is None:
        return severity_targets(fig.targets_by, lang) if fig.targets_by else t("kpi.target.none", lang)
    word = "kpi.target.at_most" if fig.better == "lower" else "kpi.target.at_least"
    return t(word, lang, value=format_number(fig.unit, fig.target, lang))


# ---------------------------------------------------------------- the one status vocabulary and colour rule
# Every page marks a figure, a tile or a table cell against its target with these: a symbol (so it reads
# without colour) and a colour (green meets, red misses, grey low confidence; no data is never coloured).
STATUS_SYMBOLS = {"meets": "✓", "misses": "✗", "low_confidence": "◌", "no_data": "—"}
STATUS_COLOURS = {"meets": "green", "misses": "red", "low_confidence": "gray"}
# a table cell's text (and for a miss, background) colour by status: a miss stands out, a pass is quiet
STATUS_CELL_STYLES = {
    "meets": "color: #177233",
    "misses": "color: #bd4043; background-color: rgba(255, 43, 43, 0.12)",
    "low_confidence": "color: #808495",
}


def status_of(
    value: float | None,
    n: int,
    target: float | None,
    better: str = "higher",
    low_confidence_n: int = 30,
    unit: str = "pct",
) -> str | None:
    """The status of one value against a target (a table cell): the same rule as ``Figure.status``."""
    n = 0 if n is None or _nan(n) else int(n)
    value = None if value is None or _nan(value) else float(value)
    return Figure(
        "cell", unit, value, n, target=target, better=better, low_confidence_n=low_confidence_n
    ).status


def status_colour(fig: Figure | str | None) -> str | None:
    """The colour of a status (or a figure's): green meets, red misses, grey low confidence; None otherwise."""
    status = fig if isinstance(fig, str) or fig is None else fig.status
    return STATUS_COLOURS.get(status or "")


def status_label(fig: Figure | str | None, lang: str = "en") -> str:
    """The status in words (with its symbol, so it reads without colour)."""
    status = fig if isinstance(fig, str) or fig is None else fig.status
    return t(f"kpi.status.{status}", lang) if status else ""


def status_line(fig: Figure, lang: str = "en", target: str | None = None) -> tuple[str, str | None] | None:
    """The status line under a tile, as (text, colour): ``✗ misses target (target ≥ 85.0%)`` in red,
    ``✓ meets target (…)`` in green, ``◌ low confidence (n < 30)`` in grey; None without a target or data.
    ``target``: the target in the area's words (default ``format_target``; "": a caption above says it); on low
    confidence it is named, not judged (``◌ low confidence (n < 30) · target ≥ 85``), as ``caption`` names it."""
    if fig.status == "low_confidence":
        line = f"{status_label(fig, lang)} (n < {fig.low_confidence_n})"
        if target is None and (fig.target is not None or fig.targets_by):
            target = format_target(fig, lang)
        return (f"{line} · {target}" if target else line), status_colour(fig)
    if fig.status in ("meets", "misses"):
        target = format_target(fig, lang) if target is None else target
        label = status_label(fig, lang)
        return (f"{label} ({target})" if target else label), status_colour(fig)
    return None


def cell_text(text: str, status: str | None) -> str:
    """A table cell's shown text with its status symbol in front (meets ✓, misses ✗, low confidence ◌)."""
    symbol = STATUS_SYMBOLS.get(status or "") if status != "no_data" else None
    return f"{symbol} {text}" if symbol else text


def no_data_text(fig: Figure, lang: str = "en") -> str | None:
    """No data and why ("no data: no complaint was resolved in this period (n = 0 resolved)"), None when the
    figure has data: the words under a tile (``caption``) and in a table's cell (the store view's) alike."""
    return t("kpi.caption.no_data", lang, reason=t(fig.reason, lang)) if fig.reason else None


def caption(fig: Figure, lang: str = "en") -> str:
    """The line under a tile: the n it rests on or why there is no data, low confidence, the target (judged when it
    can be); then what the area says of its n (``extra["n_note"]``: e.g. the 5S stores not judged)."""
    note = fig.extra.get("n_note")
    parts = [no_data_text(fig, lang) or t("kpi.caption.n", lang, n=fig.n)]
    if fig.low_confidence:
        parts.append(t("kpi.caption.low", lang, min_n=fig.low_confidence_n))
    if fig.status in ("meets", "misses"):
        parts.append(f"{status_label(fig, lang)} ({format_target(fig, lang)})")
    elif fig.status != "no_data" and (fig.target is not None or fig.targets_by):
        parts.append(format_target(fig, lang))  # shown, not judged (SPEC §3: never a pass or a fail on low n)
    return " · ".join(parts + ([t(note[0], lang, **note[1])] if note else []))


# ---------------------------------------------------------------- the words around a tile


@dataclass(frozen=True)
class TileText:
    """What a page writes around one figure's tile: its label, help, the delta's description and the lines
    under it as (text, colour or None). ``portal.ui_tiles.figure_tiles`` draws a figure with these."""

    label: str
    captions: tuple[tuple[str, str | None], ...] = ()
    help: str | None = None
    vs_previous: str | None = None
    delta_color: str | None = None  # "off": the change in grey whatever its direction (an untested change)


def vs_previous(fig: Figure, text: str | None, lang: str = "en") -> str | None:
    """The words beside a tile's change (``text``: "vs previous period"), marked "so far" when its period is in
    progress; None without a change."""
    if fig.change is None or text is None:
        return None
    return t("kpi.vs_previous_so_far", lang, text=text) if fig.in_progress else text


def with_change_note(fig: Figure, help_text: str | None, lang: str = "en") -> str | None:
    """A tile's help followed by ``Figure.change_note``: why it shows no change, or that its period is in
    progress (``i18n.sentences``: the help ended as a sentence where it is not)."""
    note = fig.change_note(lang)
    return sentences([help_text, note], lang) if note and help_text else (help_text or note or None)


def tile_text(fig: Figure, lang: str = "en") -> TileText:
    """The generic words of a tile: its label and ``caption`` coloured by status (the overview uses these)."""
    return TileText(
        label=t(fig.label, lang),
        captions=((caption(fig, lang), status_colour(fig)),),
        vs_previous=t("kpi.vs_previous", lang),
    )
