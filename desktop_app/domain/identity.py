"""Who is working: the person whose name goes into every change, procedure step and conflict decision.

On a database with accounts it is the signed-in account (name, unit, role, the area it is bound to); on a
database without accounts (before the first administrator is created) it is the operator's name and work
team typed on this machine. Everything that signs takes an ``Identity`` (``Database.identity``,
``session.info["identity"]``), never a loose string.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from desktop_app.domain.errors import DomainError

MAX_NAME = 40
MAX_UNIT = 60


@dataclass(frozen=True)
class Identity:
    name: str = ""
    unit: str = ""
    role: str = ""  # the signed-in account's role key (member, captain, …); "" when the database has no accounts
    account_id: str = ""
    area_code: str | None = None  # the area the account is bound to; None: the whole database

    @property
    def signed_in(self) -> bool:
        return bool(self.account_id)

    @property
    def known(self) -> bool:
        return bool(self.name.strip())

    @property
    def signature(self) -> str:
        """What is written into the change log and on a procedure step (the name; the unit is shown beside)."""
        return self.name.strip()

    def describe(self) -> str:
        """For the status bar: 王芳（和平村驻村工作队）."""
        if not self.known:
            return ""
        return f"{self.name}（{self.unit}）" if self.unit else self.name

    @classmethod
    def checked(cls, name: str, unit: str) -> Identity:
        """The identity typed by a person, or a clear refusal (both are required, neither may be too long)."""
        name, unit = " ".join(name.split()), " ".join(unit.split())
        if not name:
            raise DomainError("identity_name", "请填写操作人员姓名。", "Enter the operator's name.")
        if not unit:
            raise DomainError("identity_unit", "请填写所在工作队或单位。", "Enter the work team or unit.")
        if len(name) > MAX_NAME:
            raise DomainError(
                "identity_name", f"姓名过长（最多 {MAX_NAME} 字）。", f"The name is too long (at most {MAX_NAME})."
            )
        if len(unit) > MAX_UNIT:
            raise DomainError(
                "identity_unit",
                f"工作队或单位名称过长（最多 {MAX_UNIT} 字）。",
                f"The work team or unit is too long (at most {MAX_UNIT}).",
            )
        return cls(name, unit)


def identity_of(info: dict[str, Any]) -> Identity:
    """The identity a session was opened with (older callers only set ``operator``)."""
    found = info.get("identity")
    if isinstance(found, Identity):
        return found
    return Identity(str(info.get("operator", "") or ""))


def require_signature(info: dict[str, Any], what: str) -> str:
    """The signer of ``what``, or a refusal: a step or decision is never signed by nobody or by the OS login."""
    identity = identity_of(info)
    if not identity.known:
        raise DomainError(
            "no_operator",
            f"尚未登记操作人员，不能{what}。请在“文件 → 设置”中填写您的姓名和工作队。",
            f"No operator is recorded, so this cannot be done ({what}). Enter your name in File → Settings.",
        )
    return identity.signature
