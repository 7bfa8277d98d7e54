"""The rule catalogue: one module per rule. `run(doc, config)` applies them all.

Each rule module defines `ID` (stable), `SEVERITY` (its usual severity), `SUMMARY` (Indonesian) and
`SUMMARY_EN` (what it checks, one line), a docstring with a passing and a failing example, and
`check(doc, config) -> Iterable[Finding]`. The registry finds them by listing this package, so adding a rule
is adding a module.
"""

from .registry import all_rules, get_rule, run

__all__ = ["all_rules", "get_rule", "run"]
