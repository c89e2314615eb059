"""What leads do with articles: save versions, submit, approve, retire,
restore. Each operation checks the user's role, records itself in git and
returns a Change saying what moved, so that each screen refreshes only that
(the agents' index only when the approved branch moved).

Status flow: draft → review → approved → retired. The status lives in the
article's front matter on ``main``; the approved wording lives on the
``approved`` branch (see ``kbdesk.content.versions``).
"""

from __future__ import annotations

import datetime as dt

import re
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from kbdesk.authoring.lint import LintRules, has_errors, lint_text
from kbdesk.authoring.team import TEAM_FILE, PermissionDenied, Team, same_person
from kbdesk.authoring.textdiff import DiffOp, word_diff
from kbdesk.content import yaml_text
from kbdesk.content.article import Article, ArticleError, content_hash, decode_text, parse_article
from kbdesk.content.audience import Audience
from kbdesk.content.placeholders import load_placeholder_specs
from kbdesk.content.store import SETTINGS_DIR, ContentError, ContentStore, SaveConflict
from kbdesk.content.versions import (
    APPROVED_REF,
    KBDESK,
    Identity,
    Version,
    VersionError,
    VersionStore,
    blob_id,
    coded_message,
)
from kbdesk.messages import CodedError, english

_FRONT_RE = re.compile(r"\A(\ufeff?---[ \t]*\r?\n)(.*?)(\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z))", re.S)
_STATUS_LINE_RE = re.compile(r"^status[ \t]*:.*$", re.M)


class WorkflowError(CodedError):
    """An operation that cannot be done now; the code says why."""


@dataclass
class Change:
    path: str
    commit: str | None  # on main; None if nothing needed recording
    approved_changed: bool = False
    summary: str = ""  # in English; *code* (of kbdesk.messages) and *params* say it in any language
    code: str = ""
    params: dict = field(default_factory=dict)

    def said(self, code: str, **params) -> "Change":
        self.code, self.params = code, {k: str(v) for k, v in params.items()}
        self.summary = english(code, self.params)
        return self


@dataclass
class VersionInfo:
    number: int  # 1 = oldest
    version: Version
    status: str
    approved: bool  # this wording is (or was) on the approved branch
    current_approved: bool  # …and is what agents see now


@dataclass
class InReview:
    """An article waiting for approval, and whether the current lead may give it."""

    path: str
    id: str
    title: str
    submitted_by: str  # who sent it for review (the version that set status: review)
    submitted_at: str  # ISO time, '' if not recorded
    last_author: str  # who last changed its wording
    may_approve: bool
    why_not: str = ""  # a code of kbdesk.messages when not (two-person rule, not a lead, lint errors)
    why_params: dict = field(default_factory=dict)

    @property
    def reason(self) -> str:
        """Why not, in English ('' when the lead may approve it)."""
        return english(self.why_not, self.why_params) if self.why_not else ""

    def to_json(self) -> dict:
        return {"path": self.path, "id": self.id, "title": self.title, "submitted_by": self.submitted_by,
                "submitted_at": self.submitted_at, "last_author": self.last_author,
                "may_approve": self.may_approve, "why_not": self.why_not or None, "reason": self.reason or None}


def with_status(text: str, status: str) -> str:
    """*text* with its front matter's status set, touching nothing else."""
    m = _FRONT_RE.match(text)
    if not m:
        return f"---\nstatus: {status}\n---\n{text}"
    front = m.group(2)
    if _STATUS_LINE_RE.search(front):
        front = _STATUS_LINE_RE.sub(f"status: {status}", front, count=1)
    else:
        front = f"{front}\nstatus: {status}" if front.strip() else f"status: {status}"
    return text[: m.start(2)] + front + text[m.end(2):]


_UPDATED_LINE_RE = re.compile(r"^updated[ \t]*:.*$", re.M)


def _undated(text: str) -> str:
    return _UPDATED_LINE_RE.sub("", text, count=1)


def _wording(text: str) -> str:
    """The text without its status line: what authorship is judged on."""
    return _STATUS_LINE_RE.sub("", text, count=1)


class Workflow:
    def __init__(self, store: ContentStore, identity: Identity, team: Team | None = None):
        self.store = store
        self.identity = identity
        self.team = team if team is not None else Team.load(store.root)
        self._versions: VersionStore | None = None

    # -- helpers ------------------------------------------------------------------

    @property
    def is_lead(self) -> bool:
        return self.team.is_lead(self.identity)

    def versions(self, create: bool = False, saving: str | None = None) -> VersionStore | None:
        """The folder's history; *create*: start it if there is none (the file
        the lead is *saving* becomes its own first version, by the lead)."""
        if self._versions is None:
            self._versions = VersionStore.open(self.store.root)
        if self._versions is None and create:
            # The files as they were are taken over, not written by this lead:
            # kbdesk is the author, the lead who started the history commits.
            self._versions = VersionStore.open_or_init(self.store.root, KBDESK, coded_message("commit-start"),
                                                       committer=self.identity,
                                                       leave_out=(saving,) if saving else ())
            # What was approved before the history began stays what agents see.
            seed_approved_branch(self.store, self._versions, self.identity)
        return self._versions

    def close(self) -> None:
        versions, self._versions = self._versions, None
        if versions is not None:
            versions.close()

    def article(self, article_id: str) -> Article:
        article = self.store.find(article_id)
        if article is None:
            raise WorkflowError("no-article", article=repr(article_id))
        return article

    def _require_lead(self, action: str, saving: str | None = None) -> VersionStore:
        self.team.require_lead(self.identity, action)
        problem = self.store.unwritable()
        if problem is not None:  # said before anything is tried, not after half of it
            raise problem
        return self.versions(create=True, saving=saving)

    def lint(self, text: str, path: str):
        specs = load_placeholder_specs(self.store.settings_dir / "placeholders.yaml")
        return lint_text(text, path, LintRules.load(self.store.root), specs, Audience.for_folder(self.store.settings_dir))

    def _with_status_change(self, versions: VersionStore, article: Article, status: str, message: str,
                            approved: str | None = "keep") -> Change:
        """One step: a commit on the branch setting the article's status, the
        approved branch moved with it (*approved* "set": to this wording,
        "remove": taken off, "keep": unchanged), and the file written, or none
        of it (:meth:`VersionStore.apply`). Call with the lock held."""
        disk = self.store.read_bytes(article.path)
        new = with_status(decode_text(disk), status).encode("utf-8")
        branch = versions.branch
        head = versions.head(branch)
        moves = [(branch, head, versions.make_commit(head, {article.path: new}, self.identity, message))]
        if approved != "keep":
            seed_approved_branch(self.store, versions, self.identity)  # (once: before a folder's first approval)
            parent = versions.head(APPROVED_REF)
            content = new if approved == "set" else None
            moves.append((APPROVED_REF, parent, versions.make_commit(parent, {article.path: content},
                                                                     self.identity, message)))
        versions.apply(moves, {article.path: (new, content_hash(disk))}, f"{message} ({article.path})")
        return Change(article.path, moves[0][2].decode(), approved_changed=approved != "keep")

    def _record_edit_on_disk(self, versions: VersionStore, article: Article, message: str | None = None) -> str | None:
        """The file as it is on disk (changed anywhere) as a version of its own,
        a draft if the wording changed; the commit, or None if nothing changed.
        Call with the lock held: what is decided on is what is committed."""
        disk = self.store.read_bytes(article.path)
        text = decode_text(disk)
        as_draft = self._dated_if_reworded(versions, article.path, self._as_draft_if_reworded(versions, article.path, text))
        data = disk if as_draft == text else as_draft.encode("utf-8")  # the file's own bytes where they stay
        return self._record(versions, article.path, data, content_hash(disk), message or f"Edit {article.title}")

    def record_disk_edit(self, versions: VersionStore, path: str, code: str) -> str | None:
        """The file *path* as it is on disk as a version (*code*: the commit
        message's, with the title); for a sync, before it merges. Call with
        the lock of *versions* held."""
        article = self.store.load(path)
        return self._record_edit_on_disk(versions, article, coded_message(code, title=article.title))

    def _uncommitted(self, versions: VersionStore, article: Article) -> bool:
        head = versions.head()
        return head is None or versions.blob_at(head, article.path) != _blob_of(self.store, article.path)

    # -- operations -----------------------------------------------------------------

    def _as_draft_if_reworded(self, versions: VersionStore, path: str, text: str) -> str:
        """New wording is never approved, retired or in review by being
        saved: it becomes a draft, whatever its status line says (an approval
        is always of the wording the approver has seen)."""
        try:
            status = parse_article(path, text.encode("utf-8")).status
        except ArticleError:
            return text
        head = versions.head()
        blob = versions.blob_at(head, path) if head else None
        if status not in ("approved", "retired", "review") or blob is None:
            return text
        before = versions.read_blob(blob).decode("utf-8-sig", "replace")
        return text if _wording(before) == _wording(text) else with_status(text, "draft")

    def _dated_if_reworded(self, versions: VersionStore, path: str, text: str) -> str:
        """New wording carries today's date in its ``updated:`` line (where
        the article has one): agents read 更新于 from it, the dashboard ages
        drafts by it."""
        m = _FRONT_RE.match(text)
        if not m or not _UPDATED_LINE_RE.search(m.group(2)):
            return text
        head = versions.head()
        blob = versions.blob_at(head, path) if head else None
        if blob is not None:
            before = versions.read_blob(blob).decode("utf-8-sig", "replace")
            if _undated(_wording(before)) == _undated(_wording(text)):
                return text
        front = _UPDATED_LINE_RE.sub(f"updated: {dt.date.today().isoformat()}", m.group(2), count=1)
        return text[: m.start(2)] + front + text[m.end(2):]

    def save_settings(self, path: str, message: str | None = None) -> Change:
        """Record a team file of ``.kbdesk/`` (the team and its approval rule,
        lint rules, placeholders, dictionary) as a version, like an article.
        Whether the user is a lead is judged by the team file as last
        recorded, so that nobody makes themselves a lead by editing it."""
        recorded = self.versions()
        head = recorded.head() if recorded is not None else None
        blob = recorded.blob_at(head, TEAM_FILE) if head is not None else None
        team = self.team
        if blob is not None:
            try:
                team = Team.from_mapping(yaml_text.load(recorded.read_blob(blob).decode("utf-8-sig")) or {})
            except (ValueError, AttributeError):
                pass  # an unreadable recorded team file: the one on disk decides
        team.require_lead(self.identity, "change the team's settings")
        parts = PurePosixPath(path).parts
        try:
            full = self.store.resolve(path)
        except ContentError as exc:
            raise WorkflowError("settings-path", reason=getattr(exc, "reason", str(exc))) from None
        if ".." in parts or full.parent != self.store.settings_dir.resolve() or not full.is_file():
            raise WorkflowError("no-settings-file", folder=SETTINGS_DIR, path=path)
        versions = self._require_lead("change the team's settings")
        commit = versions.commit_file(path, self.identity, message or coded_message("commit-settings", path=path))
        return Change(path, commit).said("change-saved" if commit else "change-nothing")

    def save(self, article_id: str, message: str | None = None) -> Change:
        """Record the article as it is on disk (edited anywhere) as a version."""
        if article_id.startswith(f"{SETTINGS_DIR}/"):
            return self.save_settings(article_id, message)
        self.team.require_lead(self.identity, "save versions")
        article = self.article(article_id)
        versions = self._require_lead("save versions", saving=article.path)
        with versions.lock():
            commit = self._record_edit_on_disk(versions, article, message)
        if commit is None and versions.created:
            # The repository was just started: its first commit holds this version.
            return Change(article.path, versions.head().decode()).said("change-saved-first")
        return Change(article.path, commit).said("change-saved" if commit else "change-nothing")

    def save_text(self, path: str, text: str, expected_hash: str | None, message: str | None = None) -> Change:
        """The editor's save: write atomically (refusing to overwrite a file
        changed on disk since it was opened), then record a version."""
        versions = self._require_lead("edit articles", saving=path)
        try:
            parse_article(path, text.encode("utf-8"))
        except ArticleError as exc:
            raise WorkflowError("not-saved", reason=exc.reason) from None
        was = parse_article(path, text.encode("utf-8")).status
        text = self._dated_if_reworded(versions, path, self._as_draft_if_reworded(versions, path, text))
        title = parse_article(path, text.encode("utf-8")).title
        with versions.lock():
            commit = self._record(versions, path, text.encode("utf-8"), expected_hash, message or f"Edit {title}")
        if was == "review" and "status: draft" in text and commit:
            return Change(path, commit).said("change-back-to-draft")
        return Change(path, commit).said("change-saved")

    def submit(self, article_id: str) -> Change:
        versions = self._require_lead("submit articles for review")
        article = self.article(article_id)
        if article.status == "review":
            raise WorkflowError("already-in-review", article=article.id)
        if article.status == "retired":
            raise WorkflowError("retired-restore-first", article=article.id)
        with versions.lock():
            if self._uncommitted(versions, article):
                self._record_edit_on_disk(versions, article)
            change = self._with_status_change(versions, article, "review", coded_message("commit-submit", title=article.title))
        change.said("change-submitted")
        return change

    def approval_preview(self, article_id: str) -> tuple[str, str, list[DiffOp], list]:
        """What approving would change for agents: (the wording they see now,
        '' if none; the wording to approve; the word diff; the lint findings)."""
        article = self.article(article_id)
        versions = self.versions()
        text = decode_text(self.store.read_bytes(article.path))
        blob = versions.approved_blob(article.path) if versions is not None else None
        now = decode_text(versions.read_blob(blob)) if blob else ""
        new = with_status(text, "approved")
        return now, new, word_diff(_wording(now), _wording(new)), self.lint(new, article.path)

    def check_approval(self, article_id: str) -> bytes:
        """Raise what :meth:`approve` would refuse with (not a lead, unsaved
        changes, not in review, lint errors, the two-person rule); else the
        file's bytes as checked."""
        versions = self._require_lead("approve articles")
        article = self.article(article_id)
        if self._uncommitted(versions, article):
            raise WorkflowError("unsaved-changes", path=article.path)
        if article.status != "review":
            raise WorkflowError("approve-not-in-review", article=article.id, status=article.status)
        checked = self.store.read_bytes(article.path)
        text = decode_text(checked)
        findings = self.lint(with_status(text, "approved"), article.path)
        if has_errors(findings):
            errors = "; ".join(f.message for f in findings if f.level == "error")
            raise WorkflowError("approve-lint-errors", errors=errors)
        if self.team.approval == "two_person":
            author = self.last_author(article.path)
            if author is not None and same_person(author, self.identity):
                raise PermissionDenied("approve-two-person", name=self.identity.name)
        return checked

    def approve(self, article_id: str) -> Change:
        checked = self.check_approval(article_id)
        versions = self.versions()
        article = self.article(article_id)
        with versions.lock():
            # The wording approved is the wording checked (lint, the two-person rule).
            if self._uncommitted(versions, article) or self.store.read_bytes(article.path) != checked:
                raise WorkflowError("approve-changed-meanwhile", path=article.path)
            before = versions.approved_blob(article.path)
            # The record says what replaced what: agents' wording before, by its blob.
            message = coded_message("commit-approve", title=article.title,
                                    previous=before[:8] if before else "-")
            change = self._with_status_change(versions, article, "approved", message, approved="set")
        change.said("change-approved")
        return change

    def retire(self, article_id: str) -> Change:
        versions = self._require_lead("retire articles")
        article = self.article(article_id)
        if article.status == "retired":
            raise WorkflowError("already-retired", article=article.id)
        with versions.lock():
            was_approved = versions.approved_blob(article.path) is not None
            change = self._with_status_change(versions, article, "retired", coded_message("commit-retire", title=article.title),
                                              approved="remove" if was_approved else "keep")
        change.said("change-retired")
        return change

    def restore(self, article_id: str, version_ref: str) -> Change:
        """Bring back an old version's wording as a new version (a draft: it
        needs approval again unless it is exactly what agents see now)."""
        versions = self._require_lead("restore versions")
        article = self.article(article_id)
        version = versions.resolve_version(article.path, version_ref)
        if version.blob is None:
            raise WorkflowError("version-lacks-file", version=version.short, path=article.path)
        text = versions.text_at(version)
        if blob_id(with_status(text, "approved").encode("utf-8")) != versions.approved_blob(article.path):
            text = with_status(text, "draft")
        # One locked step: what is on disk becomes a version first (a restore
        # loses nothing), and the restore replaces exactly that.
        with versions.lock():
            if self._uncommitted(versions, article):
                self._record_edit_on_disk(versions, article)
            recorded = versions.blob_at(versions.head(), article.path)
            current = self.store.read_bytes(article.path)
            if blob_id(current) != recorded:
                raise SaveConflict(article.path, decode_text(current))
            commit = self._record(versions, article.path, text.encode("utf-8"), content_hash(current),
                                  coded_message("commit-restore", title=article.title, version=version.short))
        return Change(article.path, commit).said("change-restored", version=version.short)

    def _record(self, versions: VersionStore, path: str, data: bytes, expected_hash: str | None,
                message: str) -> str | None:
        """The file gets *data* and the branch a commit of it, both or neither
        (a file changed on disk since *expected_hash* is a conflict). Call with
        the lock held."""
        try:
            current = self.store.read_bytes(path)
        except ArticleError:
            current = None
        if (None if current is None else content_hash(current)) != expected_hash:
            raise SaveConflict(path, None if current is None else decode_text(current))
        branch = versions.branch
        head = versions.head(branch)
        if head is not None and versions.blob_at(head, path) == blob_id(data):
            if current != data:
                versions.apply([], {path: (data, expected_hash)}, f"{message} ({path})")
            return None
        commit = versions.make_commit(head, {path: data}, self.identity, message)
        try:
            versions.apply([(branch, head, commit)], {path: (data, expected_hash)}, f"{message} ({path})")
        except VersionError as exc:
            if exc.code == "changed-on-disk":
                raise SaveConflict(path, None) from None
            raise
        return commit.decode()

    def import_files(self, files: dict[str, bytes], message: str, approved: list[str] = ()) -> Change:
        """Imported documents (and their images) as one commit of the lead's;
        *approved* of them also on the approved branch, as the team's existing
        approved wording (an import, not a change of wording: no two-person rule)."""
        versions = self._require_lead("import documents")
        with versions.lock():
            expected = {}
            for path in files:
                full = self.store.resolve(path)
                expected[path] = content_hash(full.read_bytes()) if full.is_file() else None
            branch = versions.branch
            head = versions.head(branch)
            moves = [(branch, head, versions.make_commit(head, files, self.identity, message))]
            if approved:
                seed_approved_branch(self.store, versions, self.identity)
                parent = versions.head(APPROVED_REF)
                moves.append((APPROVED_REF, parent, versions.make_commit(
                    parent, {p: files[p] for p in approved}, self.identity, message)))
            versions.apply(moves, {p: (data, expected[p]) for p, data in files.items()}, message)
        return Change("", moves[0][2].decode(), approved_changed=bool(approved), summary=message)

    def edited_since_import(self, path: str) -> bool:
        """Has a lead changed the article since it was last imported (in a
        version, or on disk)?"""
        versions = self.versions()
        if versions is None:
            return True
        history = versions.history(path)
        if not history or not history[0].message.startswith("Import "):
            return True
        return history[0].blob != _blob_of(self.store, path)

    # -- reading ------------------------------------------------------------------

    def history(self, article_id: str) -> list[VersionInfo]:
        article = self.article(article_id)
        versions = self.versions()
        if versions is None:
            return []
        history = versions.history(article.path)
        approved_blobs = {v.blob for v in versions.approvals(article.path) if v.blob}
        current = versions.approved_blob(article.path)
        infos = []
        for n, v in enumerate(reversed(history), 1):
            text = versions.text_at(v)
            try:
                status = parse_article(article.path, text.encode("utf-8")).status
            except ArticleError:
                status = "?"
            infos.append(VersionInfo(n, v, status, v.blob in approved_blobs, v.blob == current))
        return list(reversed(infos))

    def diff(self, article_id: str, old_ref: str | None = None, new_ref: str | None = None) -> tuple[str, str, list[DiffOp]]:
        """(old label, new label, word diff). Defaults: the last version
        against the file on disk; one version: that version against the file."""
        article = self.article(article_id)
        versions = self.versions()
        if versions is None or not versions.history(article.path):
            raise WorkflowError("no-versions-yet", path=article.path)

        def load(ref):
            v = versions.resolve_version(article.path, ref)
            return v.short, versions.text_at(v)

        disk = ("working copy", self.store.read_bytes(article.path).decode("utf-8-sig", "replace"))
        if old_ref is None:
            old = load(versions.history(article.path)[0].commit)
            new = disk
        else:
            old = load(old_ref)
            new = load(new_ref) if new_ref is not None else disk
        return old[0], new[0], word_diff(old[1], new[1])

    def review_queue(self) -> list[InReview]:
        """The articles in review, oldest submission first, each with who
        sent it and whether this lead may approve it now."""
        versions = self.versions()
        lead = self.team.is_lead(self.identity)
        queue = []
        for article in self.store.load_all().articles:
            if article.status != "review":
                continue
            submitted_by, submitted_at = "", ""
            for v in versions.history(article.path) if versions is not None else []:
                try:
                    status = parse_article(article.path, versions.text_at(v).encode("utf-8")).status
                except ArticleError:
                    break
                if status != "review":
                    break
                submitted_by, submitted_at = v.author.name, v.time.isoformat()  # the oldest of the run
            author = self.last_author(article.path) if versions is not None else None
            why_not, params = "", {}
            findings = self.lint(decode_text(self.store.read_bytes(article.path)), article.path)
            if not lead:
                why_not, params = "agent-may-not", {"name": self.identity.name, "action": "approve articles"}
            elif (self.team.approval == "two_person" and author is not None
                  and same_person(author, self.identity)):
                why_not, params = "approve-two-person", {"name": self.identity.name}
            elif has_errors(findings):
                why_not = "approve-lint-errors"
                params = {"errors": "; ".join(f.message for f in findings if f.level == "error")}
            queue.append(InReview(article.path, article.id, article.title, submitted_by, submitted_at,
                                  author.name if author else "", not why_not, why_not, params))
        queue.sort(key=lambda item: (item.submitted_at or "9", item.title))
        return queue

    def last_author(self, path: str) -> Identity | None:
        """Who last changed the wording (status changes do not count)."""
        versions = self.versions()
        history = versions.history(path) if versions else []
        for newer, older in zip(history, history[1:] + [None]):
            if older is None or _wording(versions.text_at(newer)) != _wording(versions.text_at(older)):
                return newer.author
        return None


def seed_approved_branch(store: ContentStore, versions: VersionStore, author: Identity) -> None:
    """Start the approved branch with every article whose status is approved,
    before the first approval of a folder (whatever its branch is called), so
    agents keep seeing what they saw."""
    with versions.lock():
        if versions.has_approved_branch:
            return
        approved = {a.path: store.read_bytes(a.path) for a in store.load_all().articles if a.status == "approved"}
        if not approved:
            return
        # Taken over as they were: kbdesk is the author, not the lead who
        # happened to start the history (who commits it).
        commit = versions.make_commit(None, approved, KBDESK, coded_message("commit-takeover"), committer=author)
        versions.move(APPROVED_REF, None, commit)


def _blob_of(store: ContentStore, path: str) -> str | None:
    full = store.resolve(path)
    return blob_id(full.read_bytes()) if full.exists() else None


__all__ = ["Change", "InReview", "PermissionDenied", "SaveConflict", "VersionError", "Workflow", "WorkflowError",
           "with_status"]
