"""Number formats and dates as openpyxl reads them: the built-in formats by id, which formats show a date or a
duration, and Excel's serial numbers (1900 and 1904 epochs) and `t="d"` ISO texts turned into Python values.
Pure functions; the reader (`xlsxparts`, `xlsxsheet`) calls them per cell.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

BUILTIN_FORMATS = {
    0: "General", 1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00",
    5: '"$"#,##0_);("$"#,##0)', 6: '"$"#,##0_);[Red]("$"#,##0)',
    7: '"$"#,##0.00_);("$"#,##0.00)', 8: '"$"#,##0.00_);[Red]("$"#,##0.00)',
    9: "0%", 10: "0.00%", 11: "0.00E+00", 12: "# ?/?", 13: "# ??/??",
    14: "mm-dd-yy", 15: "d-mmm-yy", 16: "d-mmm", 17: "mmm-yy", 18: "h:mm AM/PM", 19: "h:mm:ss AM/PM",
    20: "h:mm", 21: "h:mm:ss", 22: "m/d/yy h:mm",
    37: "#,##0_);(#,##0)", 38: "#,##0_);[Red](#,##0)", 39: "#,##0.00_);(#,##0.00)",
    40: "#,##0.00_);[Red](#,##0.00)",
    41: r'_(* #,##0_);_(* \(#,##0\);_(* "-"_);_(@_)',
    42: r'_("$"* #,##0_);_("$"* \(#,##0\);_("$"* "-"_);_(@_)',
    43: r'_(* #,##0.00_);_(* \(#,##0.00\);_(* "-"??_);_(@_)',
    44: r'_("$"* #,##0.00_)_("$"* \(#,##0.00\)_("$"* "-"??_)_(@_)',
    45: "mm:ss", 46: "[h]:mm:ss", 47: "mmss.0", 48: "##0.0E+0", 49: "@",
}  # fmt: skip

_STRIP_FMT = re.compile(r'".*?"|\[(?!hh?\]|mm?\]|ss?\])[^\]]*\]')
_DATE_CHAR = re.compile(r"(?<![_\\])[dmhysDMHYS]")
_TIMEDELTA = re.compile(r"\[hh?\](:mm(:ss(\.0*)?)?)?|\[mm?\](:ss(\.0*)?)?|\[ss?\](\.0*)?", re.I)


def is_date_format(fmt: str | None) -> bool:
    """openpyxl's test: a d/m/h/y/s outside quotes and locale brackets in the first section."""
    if fmt is None:
        return False
    return _DATE_CHAR.search(_STRIP_FMT.sub("", fmt.split(";")[0])) is not None


def is_timedelta_format(fmt: str | None) -> bool:
    """A duration format (`[h]:mm:ss`, `[mm]:ss`, ...): its values read as timedelta."""
    return fmt is not None and _TIMEDELTA.search(fmt.split(";")[0]) is not None


WINDOWS_EPOCH = datetime(1899, 12, 30)
MAC_EPOCH = datetime(1904, 1, 1)

DateValue = datetime | time | timedelta


def from_excel(value: float, epoch: datetime = WINDOWS_EPOCH, as_timedelta: bool = False) -> DateValue:
    """An Excel serial number (days since `epoch`) as openpyxl's `from_excel` gives it: a timedelta when
    `as_timedelta`, a time for 0 <= value < 1, a datetime otherwise (Excel's phantom 1900-02-29 skipped).
    Raises OverflowError or ValueError for a number out of datetime's range."""
    if as_timedelta:
        td = timedelta(days=value)
        if td.microseconds:
            td = timedelta(seconds=td.total_seconds() // 1, microseconds=round(td.microseconds, -3))
        return td
    day, fraction = divmod(value, 1)
    diff = timedelta(milliseconds=round(fraction * 86400 * 1000))
    if 0 <= value < 1 and diff.days == 0:
        # openpyxl's days_to_time
        mins, seconds = divmod(diff.seconds, 60)
        hours, mins = divmod(mins, 60)
        return time(hours, mins, seconds, diff.microseconds)
    if 0 < value < 60 and epoch == WINDOWS_EPOCH:
        day += 1
    return epoch + timedelta(days=day) + diff


_ISO = re.compile(
    r"(?P<date>(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2}))?T?"
    r"(?P<time>(?P<hour>\d{2}):(?P<minute>\d{2})(:(?P<second>\d{2})(?P<microsecond>\.\d{1,3})?)?)?Z?"
)
_ISO_DURATION = re.compile(r"PT((?P<hours>\d+)H)?((?P<minutes>\d+)M)?((?P<seconds>\d+(\.\d{1,3})?)S)?")


def from_iso(text: str) -> date | DateValue | str:
    """A `t="d"` cell's ISO 8601 text as openpyxl's `from_ISO8601` gives it (date, time, datetime or
    timedelta); the text itself when it is none of those."""
    m = _ISO.match(text)
    if m and any(m.groups()):
        g = m.groupdict()
        n = {k: int(v) if v else 0 for k, v in g.items() if k not in ("date", "time", "microsecond")}
        micro = int(float(g["microsecond"]) * 1_000_000) if g["microsecond"] else 0
        try:
            if not g["date"]:
                return time(n["hour"], n["minute"], n["second"], micro)
            if not g["time"]:
                return date(n["year"], n["month"], n["day"])
            return datetime(n["year"], n["month"], n["day"], n["hour"], n["minute"], n["second"], micro)
        except ValueError:
            return text
    m = _ISO_DURATION.match(text)
    if m and any(m.groups()):
        parts = {k: float(v) for k, v in m.groupdict().items() if v and k in ("hours", "minutes", "seconds")}
        return timedelta(**parts)
    return text
