"""LinkedIn's data export ("Download your data": the zip, or its folder unpacked) read as a
profile: Profile, Positions, Education, Skills, Languages, Certifications, Projects,
Publications, Honors, Volunteering, Courses, the primary e-mail address and a phone number.

Each file is CSV with a header row; dates are written `Feb 2025` or `2025`, an empty end is
the present; descriptions become bullets where they are lists, on lines of their own or (as
LinkedIn writes them, its line breaks gone) one after another on one line (`• A. • B.`).
Consecutive positions at one company are its roles. The export's other files (connections,
messages, invitations…) are never read: only their names are seen. Every value keeps its
file, row and column.

Exports differ over the years and between members: files are found by their name whatever
its case, spaces and underscores (`Phone Numbers.csv` in 2018, `PhoneNumbers.csv` now), the
2018 columns are read beside today's (`Start Date` for `Started On`), and a file that holds
only its header, a sentence instead of rows (`No conversations found`), an empty last line or
no final line break is read for what it holds.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from pathlib import Path

from renderer.errors import FieldPath, InputError
from renderer.files import read_bytes
from renderer.inputs.foreign_text import split_bullets
from renderer.inputs.imported import Imported, Json
from renderer.profile.model import Position
from renderer.profile.sourced import Positions

MAX_FILE = 5 * 1024 * 1024  # one of the export's CSV files; a career is a few KiB of them
MAX_ZIP = 200 * 1024 * 1024  # the whole export (messages and connections included)
MAX_MEMBERS = 10_000

# The files read, by their name, and the columns each has (as LinkedIn writes them).
READ = (
    "Profile.csv", "Positions.csv", "Education.csv", "Skills.csv", "Languages.csv",
    "Certifications.csv", "Projects.csv", "Publications.csv", "Honors.csv",
    "Volunteering.csv", "Courses.csv", "Email Addresses.csv", "PhoneNumbers.csv",
    "Profile Summary.csv",
)  # fmt: skip


# A file's name as compared: LinkedIn's names change in case, spaces and underscores.
def _key(name: str) -> str:
    return "".join(c for c in name.lower() if c.isalnum())


_READ = {_key(name): name for name in READ}
_READ[_key("Phone Numbers.csv")] = "PhoneNumbers.csv"
_MARKS = {_key("Profile.csv"), _key("Positions.csv")}


def recognises(path: Path, head: bytes) -> bool:
    """A LinkedIn export: a zip or a folder holding Profile.csv or Positions.csv."""
    if path.is_dir():
        return any(_key(child.name) in _MARKS for child in path.iterdir() if child.is_file())
    if not head.startswith(b"PK"):
        return False
    try:
        with zipfile.ZipFile(path) as archive:
            names = {_key(Path(n).name) for n in archive.namelist()[:MAX_MEMBERS]}
    except (zipfile.BadZipFile, OSError):
        return False
    return bool(_MARKS & names)


def read_export(path: Path) -> tuple[Imported, Positions]:
    files, others = _files(path)
    reader = _Reader(files, Positions())
    reader.run()
    if others:
        shown = ", ".join(sorted(others)[:6]) + (" …" if len(others) > 6 else "")
        reader.out.note((), f"not read: {shown} (not part of a resume)")
    return reader.out, reader.positions


def _files(path: Path) -> tuple[dict[str, str], list[str]]:
    """The text of each file read, by name; the names of the others."""
    found: dict[str, str] = {}
    others: list[str] = []
    if path.is_dir():
        for child in sorted(path.iterdir()):
            if _key(child.name) in _READ and child.is_file():
                data = read_bytes(child, MAX_FILE, "LinkedIn file")
                found[_READ[_key(child.name)]] = _text(data, child)
            elif child.suffix.lower() == ".csv":
                others.append(child.name)
        return found, others
    read_bytes(path, MAX_ZIP, "LinkedIn export")  # refuses a FIFO, a device, a huge file
    try:
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist()[:MAX_MEMBERS]:
                name = Path(info.filename).name
                if _key(name) in _READ and not info.is_dir():
                    if info.file_size > MAX_FILE:
                        raise InputError(f"{info.filename} is too large for a resume's part", path)
                    with archive.open(info) as member:
                        text = _text(member.read(MAX_FILE + 1), path / info.filename)
                        found[_READ[_key(name)]] = text
                elif name.lower().endswith(".csv"):
                    others.append(name)
    except zipfile.BadZipFile as error:
        raise InputError(f"is not a zip archive that can be read ({error})", path) from None
    return found, others


def _text(data: bytes, path: Path) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")  # older exports, written on Windows


class _Reader:
    def __init__(self, files: dict[str, str], positions: Positions) -> None:
        self.files = files
        self.positions = positions
        self.out = Imported({})

    def rows(self, name: str) -> list[tuple[FieldPath, dict[str, str]]]:
        """A file's rows as {column: value}, each with its place (file, row); the lines and
        columns kept for messages."""
        text = self.files.get(name)
        if not text:
            return []
        lines = text.splitlines(keepends=True)
        start = next((i for i, line in enumerate(lines) if "," in line and '"' not in line[:1]), 0)
        reader = csv.DictReader(io.StringIO("".join(lines[start:])))
        found = []
        for number, row in enumerate(reader):
            place: FieldPath = (name, number)
            self.positions.values[place] = (start + reader.line_num, 1)
            clean = {
                (key or "").strip(): (value or "").strip()
                for key, value in row.items()
                if isinstance(value, str)
            }
            for old, new in _RENAMED.items():  # a 2018 export's column under today's name
                if clean.get(old) and not clean.get(new):
                    clean[new] = clean[old]
            for column, key in enumerate(reader.fieldnames or [], 1):
                self.positions.values[(*place, key.strip())] = (start + reader.line_num, column)
            if any(clean.values()):
                found.append((place, clean))
        return found

    def put(self, target: Json, key: str, value: str, at: FieldPath, source: FieldPath) -> None:
        if value:
            self.out.put(target, key, value, at, source)

    def take(
        self,
        target: Json,
        key: str,
        row: dict[str, str],
        column: str,
        at: FieldPath,
        place: FieldPath,
    ) -> None:
        """A row's column, if it holds something, as a profile value."""
        self.put(target, key, row.get(column, ""), at, (*place, column))

    def run(self) -> None:
        self.profile()
        self.contacts()
        self.positions_()
        self.education()
        self.simple()
        self.sections()

    def profile(self) -> None:
        data = self.out.data
        for place, row in self.rows("Profile.csv")[:1]:
            name = " ".join(p for p in (row.get("First Name"), row.get("Last Name")) if p)
            self.put(data, "name", name, (), (*place, "First Name"))
            self.take(data, "headline", row, "Headline", (), place)
            self.take(data, "location", row, "Geo Location", (), place)
            summary = row.get("Summary", "") or next(
                (r.get("Profile Summary", "") for _, r in self.rows("Profile Summary.csv")), ""
            )  # (the summary has its own file too: empty in every export seen)
            prose, bullets = split_bullets(_lined(summary))
            self.put(data, "summary", prose, (), (*place, "Summary"))
            if bullets:
                data["highlights"] = bullets
                self.out.origins[("highlights",)] = (*place, "Summary")
            links = _websites(row.get("Websites", "")) + [
                f"https://twitter.com/{handle}"
                for handle in _handles(row.get("Twitter Handles", ""))
            ]
            if links:
                data["links"] = [{"url": url} for url in links]
                self.out.origins[("links",)] = (*place, "Websites")
            for column in ("Address", "Birth Date", "Zip Code", "Maiden Name"):
                if row.get(column):
                    self.out.note(
                        (*place, column), f"not imported: {column} (a resume goes without it)"
                    )

    def contacts(self) -> None:
        emails = self.rows("Email Addresses.csv")
        primary = next((r for r in emails if r[1].get("Primary", "").lower() == "yes"), None)
        chosen = primary or (emails[0] if emails else None)
        if chosen:
            place, row = chosen
            self.put(
                self.out.data, "email", row.get("Email Address", ""), (), (*place, "Email Address")
            )
        phones = self.rows("PhoneNumbers.csv")
        if phones:
            place, row = phones[0]
            number = row.get("Number", "")
            extension = row.get("Extension", "")
            shown = f"{number} ext. {extension}" if extension else number
            self.put(self.out.data, "phone", shown, (), (*place, "Number"))

    def positions_(self) -> None:
        jobs: list[Json] = []
        for place, row in self.rows("Positions.csv"):
            at: FieldPath = ("experience", len(jobs))
            self.out.origins[at] = place
            role: Json = {}
            self.take(role, "title", row, "Title", at, place)
            self.take(role, "location", row, "Location", at, place)
            self.dates(role, row, "Started On", "Finished On", at, place)
            self.body(role, row.get("Description", ""), at, (*place, "Description"), "description")
            company = row.get("Company Name", "")
            last = jobs[-1] if jobs else None
            if last is not None and company and last.get("company") == company:
                _add_role(last, role)
                continue
            job: Json = {**role}
            self.put(job, "company", company, at, (*place, "Company Name"))
            jobs.append(job)
        if jobs:
            self.out.data["experience"] = jobs

    def education(self) -> None:
        schools: list[Json] = []
        for place, row in self.rows("Education.csv"):
            at: FieldPath = ("education", len(schools))
            self.out.origins[at] = place
            school: Json = {}
            self.take(school, "institution", row, "School Name", at, place)
            self.take(school, "degree", row, "Degree Name", at, place)
            self.dates(school, row, "Start Date", "End Date", at, place)
            notes = [
                line for column in ("Notes", "Activities") for line in _lines(row.get(column, ""))
            ]
            if notes:
                school["highlights"] = notes
                self.out.origins[(*at, "highlights")] = (*place, "Notes")
            if school.get("institution"):
                schools.append(school)
        if schools:
            self.out.data["education"] = schools

    def simple(self) -> None:
        skills = [row.get("Name", "") for _, row in self.rows("Skills.csv") if row.get("Name")]
        if skills:
            self.out.data["skills"] = [{"name": "Skills", "keywords": skills}]
            self.out.origins[("skills", 0)] = ("Skills.csv",)
        languages: list[Json] = []
        for place, row in self.rows("Languages.csv"):
            item = {"language": row.get("Name", "")}
            if row.get("Proficiency"):
                item["fluency"] = row["Proficiency"]
            self.out.origins[("languages", len(languages))] = place
            languages.append(item)
        if languages:
            self.out.data["languages"] = languages
        self.listed(
            "Certifications.csv",
            "certifications",
            {"Name": "name", "Authority": "issuer", "Url": "url", "Started On": "date"},
        )
        self.listed(
            "Publications.csv",
            "publications",
            {
                "Name": "title",
                "Publisher": "publisher",
                "Url": "url",
                "Published On": "date",
                "Description": "summary",
            },
        )
        self.listed(
            "Honors.csv",
            "awards",
            {"Title": "title", "Issued On": "date", "Description": "summary", "Issuer": "awarder"},
        )
        projects: list[Json] = []
        for place, row in self.rows("Projects.csv"):
            at: FieldPath = ("projects", len(projects))
            self.out.origins[at] = place
            project: Json = {}
            self.take(project, "name", row, "Title", at, place)
            self.take(project, "url", row, "Url", at, place)
            self.dates(project, row, "Started On", "Finished On", at, place)
            self.body(
                project, row.get("Description", ""), at, (*place, "Description"), "description"
            )
            projects.append(project)
        if projects:
            self.out.data["projects"] = projects

    def listed(self, name: str, target: str, columns: dict[str, str]) -> None:
        made: list[Json] = []
        for place, row in self.rows(name):
            at: FieldPath = (target, len(made))
            self.out.origins[at] = place
            item: Json = {}
            for column, key in columns.items():
                value = row.get(column, "")
                if key == "summary":
                    value = " ".join(value.split())  # one line: the profile's summary here
                self.put(item, key, value, at, (*place, column))
            made.append(item)
        if made:
            self.out.data[target] = made

    def sections(self) -> None:
        custom: list[Json] = []
        volunteering: list[Json] = []
        for place, row in self.rows("Volunteering.csv"):
            at: FieldPath = ("sections", 0, "entries", len(volunteering))
            self.out.origins[at] = place
            entry: Json = {}
            self.put(
                entry, "organisation", row.get("Company Name", ""), at, (*place, "Company Name")
            )
            self.take(entry, "title", row, "Role", at, place)
            self.dates(entry, row, "Started On", "Finished On", at, place)
            self.body(entry, row.get("Description", ""), at, (*place, "Description"), "description")
            volunteering.append(entry)
        if volunteering:
            custom.append({"heading": "Volunteering", "id": "volunteer", "entries": volunteering})
        courses: list[str] = []
        for place, row in self.rows("Courses.csv"):
            name, number = row.get("Name", ""), row.get("Number", "")
            self.out.origins[("sections", len(custom), "items", len(courses))] = place
            courses.append(f"{name} ({number})" if number else name)
        if courses:
            custom.append({"heading": "Courses", "id": "courses", "items": courses})
        if custom:
            self.out.data["sections"] = custom

    def dates(
        self, item: Json, row: dict[str, str], start: str, end: str, at: FieldPath, place: FieldPath
    ) -> None:
        began, ended = row.get(start, ""), row.get(end, "")
        self.put(item, "start", began, at, (*place, start))
        if ended:
            self.put(item, "end", ended, at, (*place, end))
        elif began:  # LinkedIn leaves the end empty for the present
            item["end"] = "present"

    def body(self, item: Json, text: str, at: FieldPath, source: FieldPath, field: str) -> None:
        """A description: its list lines the entry's bullets, a `Stack: …` line its
        technologies, the rest its description."""
        lines = _lined(text.replace("\r\n", "\n")).split("\n")
        stack = [line for line in lines if _STACK.match(line)]
        if stack and "technologies" in Position.model_fields and field == "description":
            item["technologies"] = [
                t.strip(" .") for t in _STACK.sub("", stack[0]).split(",") if t.strip(" .")
            ]
            lines.remove(stack[0])
        prose, bullets = split_bullets("\n".join(lines))
        self.put(item, field, prose, at, source)
        if bullets:
            item["highlights"] = bullets
            self.out.origins[(*at, "highlights")] = source


# Files whose rows map column for column onto a section's items.
_LISTED = (
    (
        "Certifications.csv",
        "certifications",
        {"Name": "name", "Authority": "issuer", "Url": "url", "Started On": "date"},
    ),
    (
        "Publications.csv",
        "publications",
        {"Name": "title", "Publisher": "publisher", "Url": "url", "Published On": "date"}
        | {"Description": "summary"},
    ),
    (
        "Honors.csv",
        "awards",
        {"Title": "title", "Issued On": "date", "Description": "summary", "Issuer": "awarder"},
    ),
)


def _add_role(job: Json, role: Json) -> None:
    """A second position in a row at one company: a role there (a promotion)."""
    if "roles" not in job:
        first = {k: job.pop(k) for k in list(job) if k in Position.model_fields}
        job["roles"] = [first]
    job["roles"].append(role)


def _websites(text: str) -> list[str]:
    """LinkedIn's `[PORTFOLIO:https://…,OTHER:https://…]` as addresses."""
    found = []
    for part in text.strip("[]").split(","):
        address = part.split(":", 1)[1] if part.split(":", 1)[0].isupper() and ":" in part else part
        address = address.strip()
        if address.startswith(("http://", "https://")):
            found.append(address)
    return found


# Columns of 2018's export, by the name they have now.
_RENAMED = {"Start Date": "Started On", "End Date": "Finished On", "Issue Date": "Issued On"}
_STACK = re.compile(
    r"^\s*(?:stack|tech stack|technologies|tools|tecnologías|technologien)\s*:\s*", re.I
)
# A list LinkedIn wrote on one line (its export drops line breaks): `• A. • B.`, `- a - b`.
_INLINE = re.compile(r"\s+([•●▪◦‣])\s+")


def _lined(text: str) -> str:
    """A description whose list is written on one line, with a line for each item."""
    found = []
    for line in text.split("\n"):
        mark = re.match(r"\s*([-*–])\s+\S", line)
        if _INLINE.search(line):  # `Intro. • A • B`: the marks are unmistakable
            line = _INLINE.sub(lambda m: f"\n{m.group(1)} ", line)
        elif mark and line.count(f" {mark.group(1)} ") >= 1:  # `- a - b`, opened by its mark
            line = line.replace(f" {mark.group(1)} ", f"\n{mark.group(1)} ")
        found.append(line)
    return "\n".join(found)


def _handles(text: str) -> list[str]:
    """LinkedIn's `[ana_b,anab2]` Twitter handles."""
    return [h.strip().lstrip("@") for h in text.strip("[]").split(",") if h.strip().lstrip("@")]


def _lines(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


__all__ = ["read_export", "recognises"]
