"""Who may do what: the team's leads and approval rule, and the user's role.

This is workflow control, not protection: identities are claims (``--as``,
the preference, git's user.name), and anyone who can write the content folder
can change its files and history. Protection belongs to the team's git
server, which can refuse pushes to ``approved`` from anyone but the leads.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kbdesk.config import load_settings
from kbdesk.content.versions import Identity, default_identity
from kbdesk.content.yaml_text import read_mapping
from kbdesk.messages import CodedError

APPROVAL_RULES = ("one_lead", "two_person")
TEAM_FILE = ".kbdesk/team.yaml"


class PermissionDenied(CodedError):
    """The user's role does not allow this; the code says why."""


@dataclass
class Team:
    leads: list[Identity] = field(default_factory=list)
    approval: str = "one_lead"
    share_usage: bool = True  # desktops publish their daily usage counts through the team's repository

    @classmethod
    def load(cls, content_root: Path) -> "Team":
        path = Path(content_root) / TEAM_FILE
        data = read_mapping(path, "the team file")
        return cls() if data is None else cls.from_mapping(data, path)

    @classmethod
    def from_mapping(cls, data: dict, path: Path | str = TEAM_FILE) -> "Team":
        leads = []
        for entry in data.get("leads") or []:
            if isinstance(entry, dict) and (entry.get("name") or entry.get("email")):
                leads.append(Identity(str(entry.get("name", "")).strip(), str(entry.get("email", "")).strip()))
        approval = str(data.get("approval") or "one_lead")
        if approval not in APPROVAL_RULES:
            raise ValueError(f"{path}: approval must be one of {', '.join(APPROVAL_RULES)}, not {approval!r}")
        return cls(leads, approval, data.get("share_usage", True) is not False)

    def find(self, who: str) -> Identity | None:
        """The lead called *who* (a name or an e-mail), if any."""
        who = who.strip().lower()
        for lead in self.leads:
            if who and who in (lead.name.lower(), lead.email.lower()):
                return lead
        return None

    def is_lead(self, identity: Identity) -> bool:
        return any(same_person(identity, lead) for lead in self.leads)

    def require_lead(self, identity: Identity, action: str) -> None:
        if not self.is_lead(identity):
            raise PermissionDenied("agent-may-not", name=identity.name, action=action)


def same_person(a: Identity, b: Identity) -> bool:
    """The same person: the same e-mail (whatever its case), or the same name."""
    return bool((a.email and a.email.lower() == b.email.lower()) or (a.name and a.name == b.name))


def current_identity(as_who: str | None = None, team: Team | None = None) -> Identity:
    """``--as`` (a lead's name or e-mail, or 'Name <email>'), else the identity
    set in preferences, else git's configuration or the OS user."""
    if as_who:
        lead = team.find(as_who) if team else None
        if lead is not None:
            return lead
        if "<" in as_who and as_who.endswith(">"):
            name, email = as_who[:-1].split("<", 1)
            return Identity(name.strip(), email.strip())
        return Identity(as_who.strip(), as_who.strip() if "@" in as_who else "")
    configured = load_settings().get("identity") or {}
    if configured.get("name"):
        return Identity(str(configured["name"]), str(configured.get("email", "")))
    return default_identity()
