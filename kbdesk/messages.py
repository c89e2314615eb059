"""The core's refusals and errors as codes with parameters.

The core says *what* happened (``approve-two-person``, with ``name``); the
window and the command line say it in the user's language: the English
text here is the source text of Qt's translation files (context
``Messages``), looked up by code, never by matching sentences.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from functools import lru_cache

from kbdesk.resources import resource_path

# code → English text; {names} are the parameters.
MESSAGES = {
    # a file that is no article (kbdesk.content.article, .store; kbdesk.search.sources)
    "file-empty": "empty file",
    "file-too-large": "file too large ({kb} KB; limit {limit} KB)",
    "utf16-invalid": "UTF-16 text with invalid bytes; save the file as UTF-8",
    "file-binary": "binary file, not Markdown text",
    "not-utf8": "not UTF-8 text (invalid byte at line {line}); save the file as UTF-8",
    "front-matter-unclosed": "front matter starts with '---' but has no closing '---' line",
    "front-matter-problem": "front matter {problem}",
    "front-matter-yaml": "front matter is not valid YAML at line {line}: {problem}",
    "front-matter-not-mapping": "front matter must be a mapping of 'key: value' lines",
    "file-not-found": "file not found",
    "file-unreadable": "cannot read: {reason}",
    "link-outside": "a link to a file outside the content folder; kbdesk reads only files inside it",
    "link-broken": "a broken link: the file it points to does not exist",
    "link-to-folder": "a link to a folder; kbdesk does not follow folder links",
    "folder-unreadable": "folder cannot be read: {reason}",
    "is-folder": "is a folder, not a file",
    "not-regular-file": "not a regular file (a pipe, socket or device), not an article",
    "not-approved": "not on the approved branch",
    # importing (kbdesk.importing)
    "import-old-doc": "an old Word file (.doc): save it as .docx first",
    "import-unknown-kind": "unknown kind of file ({suffix}): kbdesk imports {kinds}",
    "import-too-large": "too large to import ({mb} MB; limit {limit} MB)",
    "import-no-text": "no text in it",
    "import-docx-damaged": "not a Word document (.docx): damaged, or protected by a password",
    "import-docx-unreadable": "not a Word document (.docx) that can be read: {kind}",
    "import-pdf-password": "a PDF protected by a password",
    "import-pdf-unreadable": "not a PDF that can be read ({kind})",
    "import-pdf-scanned": "a scanned PDF: its pages are pictures, with no text in them "
                          "(import the original document, or have the PDF's text recognised first)",
    "import-sheet-no-header": "sheet {sheet}: no header with a question and an answer column "
                              "(问题/问/Q and 答案/回答/A)",
    "import-xlsx-damaged": "not an Excel workbook (.xlsx): damaged, or protected by a password",
    "import-xlsx-unreadable": "not an Excel workbook (.xlsx) that can be read: {kind}",
    "import-sheet-unreadable": "sheet {sheet} cannot be read ({kind})",
    "import-no-rows": "no rows with a question and an answer",
    "import-csv-unreadable": "not a CSV table that can be read: {reason}",
    "import-failed": "cannot be read ({kind}: {reason})",
    "encoding-binary": "binary data, not text",
    "encoding-unknown": "the encoding cannot be told (not UTF-8, GB18030 or Big5 text)",
    # kbdesk check (kbdesk.content.check)
    "check-link-outside": "link leaves the content folder: {target}",
    "check-link-broken": "broken link: {target}",
    "check-placeholder-malformed": "malformed placeholder at line {line}: {fragment}",
    "check-placeholder-unknown": "unknown placeholder {name} (not in .kbdesk/placeholders.yaml)",
    "check-two-defaults": "{name} has two defaults ({defaults})",
    "check-note-like": "line {line}: reads like a note for agents, in the customer's text: 「{text}」",
    "check-duplicate-id": "duplicate id {id} (also in {others})",
    # what a lead's command did (kbdesk.authoring.workflow.Change)
    "change-saved": "saved",
    "change-saved-first": "saved (first version)",
    "change-back-to-draft": "saved; its wording changed while in review, so it is a draft again: submit it again",
    "change-nothing": "no changes to save",
    "change-submitted": "submitted for review",
    "change-approved": "approved",
    "change-retired": "retired",
    "change-restored": "restored version {version}",
    "change-conflict-mine": "your wording is the new version (a draft); the conflict is resolved",
    "change-conflict-theirs": "the team's wording stays; the conflict is resolved",
    # what a version records (commit messages; kbdesk.content.versions.coded_message)
    "commit-submit": "Submit {title} for review",
    "commit-approve": "Approve {title} (agents saw {previous} before)",
    "commit-retire": "Retire {title}",
    "commit-restore": "Restore {title} to version {version}",
    "commit-settings": "Change the team's settings ({path})",
    "commit-merge": "Merge the team's changes ({count} files)",
    "commit-review-again": "In review again: approved wording that was not sent ({count} articles)",
    "commit-share-settings": "Share the team's settings with agents' desktops",
    "commit-before-sync": "Edit {title} (kept before a sync)",
    "commit-conflict-mine": "Edit {title}: my wording after a conflict in a sync",
    "commit-import": "Import {n} documents",
    "commit-import-approved": "Import {n} documents as approved by {name}",
    "commit-sample": "Import the sample knowledge base",
    "commit-start": "Start the knowledge base: the articles as they were",
    "commit-takeover": "Take over the articles approved before versioning began",
    # the search index (kbdesk.search)
    "rebuild-no-index": "no index yet",
    "rebuild-requested": "rebuild requested",
    "rebuild-format": "index format changed",
    "rebuild-analysis": "text analysis changed",
    "rebuild-dictionary": "domain dictionary changed",
    "rebuild-root": "content folder moved",
    "rebuild-source": "index of another source",
    "rebuild-folder-missing": "index folder missing",
    "rebuild-unreadable": "index unreadable",
    "index-unwritable": "the index folder {folder} cannot be written ({reason}); use --index-dir or "
                        "$KBDESK_INDEX_DIR for another one",
    "index-damaged": "the search index is damaged ({reason}); it will be rebuilt",
    # front matter that is usable, but not as meant (kbdesk.content.article)
    "meta-not-date": "'{key}' is not a date (YYYY-MM-DD): {value}",
    "meta-tags-not-list": "'tags' should be a list, not {value}",
    "meta-unknown-kind": "unknown kind {kind} (expected one of {kinds})",
    "meta-unknown-status": "unknown status {status} (expected one of {statuses})",
    # what the history repaired on the way (kbdesk.content.versions notices)
    "notice-recovery-failed": "an interrupted operation could not be finished: {reason}",
    "notice-finished": "finished the interrupted {what}",
    "notice-journal-unreadable": "removed an unreadable record of an interrupted operation",
    "notice-undone": "could not finish the interrupted {what}: it was undone",
    "notice-stale-lock": "removed {path}, which a git or kbdesk that stopped had left behind",
    "notice-git-index-busy": "git is using its index (index.lock): kbdesk's commit is recorded; "
                             "`git status` may show it as a change until git is done",
    "notice-git-index-stale": "git's index was not updated ({reason}); `git status` may show kbdesk's last "
                              "change as staged",
    # the content folder (kbdesk.content.store)
    "content-missing": "content folder does not exist: {path}",
    "content-not-folder": "content path is not a folder: {path}",
    "folder-read-only": "{folder} is read-only for you, so nothing can be saved: "
                        "ask for write access to it, or work on a copy",
    "save-conflict": "{path} was changed on disk since it was opened; nothing was saved: "
                     "reload it or merge the changes, then save again",
    "folder-unwritable": "{folder} cannot be written ({reason}), so nothing can be saved",
    # workflow (kbdesk.authoring.workflow)
    "no-article": "no article with id or path {article}",
    "no-settings-file": "no such settings file in {folder}/: {path}",
    "settings-path": "{reason}",
    "not-saved": "not saved: {reason}",
    "already-in-review": "{article} is already in review",
    "retired-restore-first": "{article} is retired; restore a version first",
    "unsaved-changes": "{path} has changes that are not saved as a version; save it first",
    "approve-not-in-review": "{article} is {status}; only articles in review can be approved",
    "approve-lint-errors": "lint errors block approval: {errors}",
    "approve-two-person": "two-person rule: {name} wrote the last change, another lead must approve it",
    "approve-changed-meanwhile": "{path} changed meanwhile; look at it again before approving",
    "already-retired": "{article} is already retired",
    "version-lacks-file": "version {version} has no {path}",
    "no-versions-yet": "{path} has no saved versions yet",
    # roles (kbdesk.authoring.team)
    "agent-may-not": "{name} is an agent here; only leads listed in .kbdesk/team.yaml may {action}",
    # history (kbdesk.content.versions)
    "version-out-of-range": "{path} has versions 1 to {count}, not {n}",
    "version-ambiguous": "no single version of {path} matches {ref}",
    "history-busy": "another kbdesk is recording a version of this knowledge base; try again in a moment",
    "git-lock": "git is writing this repository right now (a .lock file in .git); try again in a moment",
    "branch-moved": "the branch moved meanwhile (another lead saved or approved); try again",
    "approved-moved": "the approved branch moved meanwhile (another lead saved or approved); try again",
    "changed-on-disk": "{path} changed on disk meanwhile; nothing was recorded",
    "cannot-write": "{path} cannot be written ({reason}); nothing was recorded",
    "cannot-record": "the version cannot be written into .git ({reason}); nothing was saved",
    "disk-full": "the disk of {folder} is full ({free_kb} KB free); nothing was saved: make room on it and save again",
    # sync with the team's repository (kbdesk.sync)
    "sync-url-empty": "no URL given",
    "sync-url-scheme": "{url} is not a git URL kbdesk can use (ssh://, https://, http://, git://, user@host:path "
                       "or a folder)",
    "sync-no-history": "{folder} has no history yet: a lead saves a version first, or clone the team's repository",
    "sync-no-remote": "no team repository is set: kbdesk remote URL sets it",
    "sync-auth": "{url} refused the login: check the user name and password (kbdesk login) or the SSH key",
    "sync-no-repository": "there is no git repository at {url}",
    "sync-offline": "{url} cannot be reached (offline, or the server is down); nothing changed here",
    "sync-cut": "the connection to {url} was cut in the middle; nothing changed here: sync again",
    "sync-server-said": "the server of {url} said: {reason}",
    "sync-not-kbdesk": "{url} is a git repository but not a kbdesk knowledge base (no approved branch, "
                       "no .kbdesk folder)",
    "sync-rewritten": "the team's {branch} branch was rewritten on the server (force-pushed): nothing here "
                      "changed; ask the lead who did it, or clone the knowledge base again into a new folder",
    "sync-approved-diverged": "this desktop's approved wording and the team's have nothing in common; "
                              "clone the knowledge base again into a new folder",
    "sync-unrelated": "{url} holds a different knowledge base from this folder (no common history); clone it "
                      "into a new folder instead",
    "sync-busy": "{url} kept changing while kbdesk merged (other leads are syncing); try again in a moment",
    "sync-push-refused": "{url} refused the {branch} branch: {reason}",
    "sync-nothing-approved": "the team's repository has no approved wording yet",
    "sync-keyring-unavailable": "no system keyring to keep the password in ({reason})",
    "no-conflict": "{article} has no conflict",
    "notice-usage-not-shared": "this desktop's usage counts were not shared this time ({reason})",
    "notice-edit-in-retired": "{path}: one lead retired it while another changed it; the change is in the file, "
                              "the article stays retired (restore a version to bring it back)",
    "clone-not-empty": "{folder} is not empty: clone into a new or empty folder",
    "clone-empty": "{url} is empty: a lead first sends a knowledge base there (kbdesk remote URL, then kbdesk sync)",
}


def english(code: str, params: dict) -> str:
    return MESSAGES[code].format(**params)


class Notice(str):
    """A warning the user reads: the English text, carrying its
    :attr:`code` and :attr:`params` for any other language."""

    code: str
    params: dict

    def __new__(cls, code: str, **params):
        params = {k: str(v) for k, v in params.items()}
        notice = super().__new__(cls, english(code, params))
        notice.code, notice.params = code, params
        return notice

    def __reduce__(self):
        return (_notice, (self.code, self.params))


def _notice(code: str, params: dict) -> Notice:
    return Notice(code, **params)


class CodedError(Exception):
    """An error the user reads: :attr:`code` and :attr:`params`; ``str()`` is
    the English text. Given words that are no code, those are the text
    (:attr:`code` None): what another library said, passed on."""

    def __init__(self, code: str, **params):
        if code in MESSAGES:
            self.code = code
            self.params = {k: str(v) for k, v in params.items()}
            super().__init__(english(code, self.params))
        else:
            self.code, self.params = None, {}
            super().__init__(code)


@lru_cache(maxsize=1)
def _chinese() -> dict[tuple[str, str], str]:
    """(context, English) → Chinese, from Qt's translation file (for the
    command line, which runs without Qt)."""
    path = resource_path("translations", "kbdesk_zh_CN.ts")
    table: dict[tuple[str, str], str] = {}
    if path is None:
        return table
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError):
        return table
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source, translation = message.findtext("source"), message.find("translation")
            if source and translation is not None and translation.text and translation.get("type") != "unfinished":
                table[name, source] = translation.text
    return table


def translated(context: str, text: str, language: str) -> str:
    """*text* in *language* ('zh_CN' or 'en') as Qt's translation file has it."""
    if language == "zh_CN":
        return _chinese().get((context, text), text)
    return text


# A status in a message is a word of the front matter; in another language, its label.
STATUS_WORDS = {"draft": "Draft", "review": "In review", "approved": "Approved", "retired": "Retired"}


def param_text(key: str, value: str, translate) -> str:
    """A parameter as a message shows it: a status through *translate*
    (context, English → the language's), left as it is where that gives English."""
    if key == "status" and value in STATUS_WORDS:
        label = translate("Status", STATUS_WORDS[value])
        return value if label == STATUS_WORDS[value] else label
    return value


def text_of(code: str | None, params: dict, fallback: str, language: str) -> str:
    """The text of *code* in *language*, else *fallback* (words without a code)."""
    if code not in MESSAGES:
        return fallback
    text = translated("Messages", MESSAGES[code], language)
    for key, value in params.items():
        text = text.replace("{" + key + "}", param_text(key, value, lambda c, t: translated(c, t, language)))
    return text


def localized(exc: BaseException, language: str) -> str:
    """An error in *language*: by its code where it has one."""
    code = getattr(exc, "code", None)
    if not isinstance(code, str) or code not in MESSAGES:
        return str(exc)
    text = text_of(code, exc.params, str(exc), language)
    path = getattr(exc, "path", None)  # a file's problem names the file
    return f"{path}: {text}" if isinstance(path, str) else text
