"""Helpers shared by rule modules: building findings, formatting values for messages."""

from __future__ import annotations

from types import ModuleType

from ..model import Cell, Finding, Indicator, Severity


def finding(
    rule: ModuleType,
    *,
    message_id: str,
    message_en: str,
    cell: Cell | None = None,
    sheet: str | None = None,
    row: int | None = None,
    coord: str | None = None,
    indicator: Indicator | None = None,
    severity: Severity | None = None,
    found: str | None = None,
    expected: str | None = None,
) -> Finding:
    """A Finding of `rule` (a rule module) placed on `cell`, or on sheet/row/coord, or on the indicator's row."""
    if cell is not None:
        sheet, row, coord = cell.sheet, cell.row, cell.coord
    elif indicator is not None:
        sheet = sheet or indicator.sheet
        row = row or indicator.row
    return Finding(
        rule=rule.ID,
        severity=severity or rule.SEVERITY,
        sheet=sheet,
        cell=coord,
        row=row,
        message_id=message_id,
        message_en=message_en,
        found=found,
        expected=expected,
        indikator=indicator.indikator if indicator is not None else None,
    )


def anchor(ind: Indicator, *roles: str) -> Cell | None:
    """The first of the indicator's cells by role, to place a finding on."""
    for role in roles:
        c = ind.cells.get(role)
        if c is not None:
            return c
    return None
