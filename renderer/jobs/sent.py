"""What was sent: an application's files frozen the day they went out, never rendered again.

`resume sent applications/acme.yaml` copies the files rendered for the application
(output/<who>/acme/) into a folder beside the application file, applications/acme.sent/,
with a manifest of each file's SHA-256, and marks the application sent on that day. Months
later, after the profile has changed, that folder still holds the exact files the recruiter
got; rendering the application again writes to a new folder and says so.

Freezing is atomic and safe against two runs at once: the files are copied into a private
folder first, which is then renamed into place in one step; a second run finds the folder
there and stops, naming the day it was sent.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from renderer.files import write_atomic

MANIFEST = "sent.json"
REPORTS = ("-Keywords.md",)  # files for the person, not the employer: never 'sent'


class NotSent(Exception):
    """Why an application's files cannot be kept as sent (already sent; nothing rendered)."""


@dataclass(frozen=True)
class SentFile:
    name: str
    sha256: str
    size: int


@dataclass(frozen=True)
class Sent:
    folder: Path
    day: dt.date
    files: tuple[SentFile, ...]

    def changed(self) -> list[str]:
        """Files of the folder that are missing or no longer what was sent."""
        problems = []
        for file in self.files:
            path = self.folder / file.name
            if not path.is_file():
                problems.append(f"{file.name} is missing")
            elif _sha256(path) != file.sha256:
                problems.append(f"{file.name} changed since it was sent")
        return problems


def sent_folder(application: Path) -> Path:
    """Where an application's sent files are kept: beside it, named after it."""
    return application.with_name(application.stem + ".sent")


def read_sent(application: Path) -> Sent | None:
    """The application's sent files, if it was sent; None if not."""
    manifest = sent_folder(application) / MANIFEST
    if not manifest.is_file():
        return None
    data = json.loads(manifest.read_text("utf-8"))
    files = tuple(SentFile(f["name"], f["sha256"], f["bytes"]) for f in data["files"])
    return Sent(manifest.parent, dt.date.fromisoformat(data["sent"]), files)


def freeze(application: Path, rendered: Path, day: dt.date, about: dict[str, str]) -> Sent:
    """Keep the files rendered for the application (in `rendered`) as sent on `day`."""
    folder = sent_folder(application)
    already = read_sent(application)
    if already is not None:
        raise NotSent(f"{application.name} was sent on {already.day} (its files: {folder})")
    found = sorted(p for p in rendered.iterdir() if p.is_file()) if rendered.is_dir() else []
    files = [p for p in found if not p.name.endswith(REPORTS)]
    if not files:
        raise NotSent(
            f"nothing rendered for {application.name} in {rendered}: "
            f"render it first (resume render --for {application}), then send those files"
        )
    private = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
    try:
        kept = []
        for path in files:
            shutil.copy2(path, private / path.name)
            kept.append(SentFile(path.name, _sha256(private / path.name), path.stat().st_size))
        manifest = {
            "sent": day.isoformat(),
            **about,
            "files": [{"name": f.name, "sha256": f.sha256, "bytes": f.size} for f in kept],
        }
        (private / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", "utf-8")
        try:
            os.rename(private, folder)  # one step; fails if another run got there first
        except OSError:
            other = read_sent(application)
            when = f"on {other.day}" if other else "already"
            raise NotSent(f"{application.name} was sent {when} (its files: {folder})") from None
    finally:
        shutil.rmtree(private, ignore_errors=True)
    mark_sent(application, day)
    return Sent(folder, day, tuple(kept))


def mark_sent(application: Path, day: dt.date) -> None:
    """Set `status: sent` and `sent: DAY` in the application file, keeping the rest of it as
    written (its comments, its order): only those two lines change or are added."""
    text = application.read_text("utf-8")
    if application.suffix == ".json":
        data = json.loads(text)
        data.update(status="sent", sent=day.isoformat())
        write_atomic(application, (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode())
        return
    added = ""
    for key, value in (("status", "sent"), ("sent", day.isoformat())):
        pattern = re.compile(rf"^{key}:[^\n]*$", re.M)
        if pattern.search(text):
            text = pattern.sub(f"{key}: {value}", text, count=1)
        else:
            added += f"{key}: {value}\n"
    role = re.search(r"^role:[^\n]*\n", text, re.M)  # new lines go under the role
    at = role.end() if role else len(text)
    text = text[:at] + added + text[at:]
    write_atomic(application, text.encode("utf-8"))


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()
