"""Household income and the per-capita net income that the poverty line is compared with."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from desktop_app.domain.errors import DomainError


@dataclass(frozen=True)
class Income:
    """One year's income of the whole household in fen, by the categories of the household card."""

    wage: int = 0
    business: int = 0
    property: int = 0
    transfer: int = 0
    costs: int = 0

    def gross_total(self) -> int:
        return self.wage + self.business + self.property + self.transfer

    def net_total(self) -> int:
        """Production costs are subtracted once, from the total, as the national formula does."""
        return self.gross_total() - self.costs


def per_capita_net(income: Income, size: int) -> int:
    if size < 1:
        raise DomainError(
            "bad_household_size",
            f"家庭人口数应至少为1，实际为 {size}",
            f"household size must be at least 1, got {size}",
        )
    return int((Decimal(income.net_total()) / size).quantize(Decimal(1), rounding=ROUND_HALF_UP))
