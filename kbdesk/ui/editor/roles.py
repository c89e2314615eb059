"""Who may edit: the team file read once per window, and the reason an agent
sees when editing is off.
"""

from __future__ import annotations

from kbdesk.authoring.team import Team
from kbdesk.content.store import ContentStore
from kbdesk.content.versions import Identity
from kbdesk.ui.common.i18n import translate


def load_team(store: ContentStore) -> tuple[Team, str]:
    """The team, and why it could not be read ('' if it could)."""
    try:
        return Team.load(store.root), ""
    except ValueError as exc:
        return Team(), str(exc)


def agent_reason(identity: Identity, team: Team, team_error: str = "") -> str:
    """Why *identity* may not edit ('' for a lead)."""
    if team.is_lead(identity):
        return ""
    if team_error:
        return translate("Editor", "The team file .kbdesk/team.yaml cannot be read, so nobody counts as a lead: "
                                   "{error}").replace("{error}", team_error)
    if not team.leads:
        return translate("Editor", "This content folder lists no leads (.kbdesk/team.yaml), so it is read-only.")
    return translate("Editor", "You are signed in as {name} <{email}>, an agent here: only the leads listed in "
                               ".kbdesk/team.yaml may edit, approve, restore or retire.").replace(
        "{name}", identity.name).replace("{email}", identity.email or "-")
