"""The editor's explanations of the core's refusals, in the lead's language.
"""

from __future__ import annotations

from kbdesk.ui.common.i18n import translate


def explain(exc: Exception) -> str:
    """A translated explanation of a workflow error, with the core's message."""
    message = str(exc)
    known = [
        ("two-person rule", translate("Editor", "Two-person rule: you wrote the last change to this wording, so "
                                                "another lead must approve it.")),
        ("lint errors block approval", translate("Editor", "Errors found by the checks block approval. Fix the "
                                                           "errors in the check panel, save, and try again.")),
        ("not saved as a version", translate("Editor", "The file has changes that are not saved as a version yet. "
                                                       "Save it first.")),
        ("only articles in review", translate("Editor", "Only articles in review can be approved: submit it for "
                                                        "review first.")),
        ("already in review", translate("Editor", "This article is already in review.")),
        ("already retired", translate("Editor", "This article is already retired.")),
        ("restore a version first", translate("Editor", "This article is retired: restore a version first.")),
        ("is an agent here", translate("Editor", "Only the leads listed in .kbdesk/team.yaml may do this.")),
        ("not saved:", translate("Editor", "Not saved: the front matter cannot be read. Fix it in the source.")),
        ("moved meanwhile", translate("Editor", "Another lead approved something at the same moment. Try again.")),
    ]
    for needle, text in known:
        if needle in message:
            return f"{text}\n\n{message}"
    return message
