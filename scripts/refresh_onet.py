"""Refresh the vendored O*NET vocabulary that `resume match` recognises technologies by.

    python scripts/refresh_onet.py                      # download the current O*NET database
    python scripts/refresh_onet.py --source db_29_2_text.zip   # or an unpacked folder

Reads O*NET's 'Technology Skills.txt' (the software people use at work, for every occupation)
and its job titles ('Occupation Data.txt', 'Sample of Reported Titles.txt'), and writes

    renderer/ats/data/onet-technology.tsv   one product per line, then its other names
    renderer/ats/data/onet-title-words.txt  the words job titles end in (Nurse, Accountant)

O*NET names products with their vendor ("Atlassian JIRA", "The MathWorks MATLAB"); adverts
usually drop it, so each product also gets the names left after dropping leading words, when
what is left is not an everyday English word ("JIRA", "MATLAB"; never "Word" or "Excel", which
the project's own table, terms.yaml, handles). That judgement uses a word list such as
/usr/share/dict/words (Debian: apt install wamerican); it is only needed to refresh.

O*NET is by the U.S. Department of Labor, Employment and Training Administration (USDOL/ETA),
licensed under CC BY 4.0 (https://www.onetcenter.org/license_db.html); the files written here
say so in their first lines.
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import sys
import urllib.request
import zipfile
from collections import Counter
from pathlib import Path

URL = "https://www.onetcenter.org/dl_files/database/db_29_2_text.zip"
DATA = Path(__file__).resolve().parent.parent / "renderer" / "ats" / "data"
_GENERIC_SOFTWARE = re.compile(r"\s+(software|system software|systems? software)$", re.I)


def read_tables(source: str) -> dict[str, str]:
    """The O*NET text files needed, by name, from a folder, a zip file or a URL of one."""
    names = ("Technology Skills.txt", "Occupation Data.txt", "Sample of Reported Titles.txt")
    if Path(source).is_dir():
        return {name: (Path(source) / name).read_text("utf-8") for name in names}
    if re.match(r"https?://", source):
        with urllib.request.urlopen(source, timeout=120) as response:  # noqa: S310
            blob = response.read()
    else:
        blob = Path(source).read_bytes()
    with zipfile.ZipFile(io.BytesIO(blob)) as archive:
        members = {Path(member).name: member for member in archive.namelist()}
        version = next((m for m in archive.namelist() if m.endswith("Read Me.txt")), None)
        tables = {name: archive.read(members[name]).decode("utf-8") for name in names}
        if version:
            tables["Read Me.txt"] = archive.read(version).decode("utf-8")
        return tables


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text), delimiter="\t"))


def everyday_words(path: Path) -> frozenset[str]:
    """Lower-case entries of a word list: words English uses as words, not only as names."""
    return frozenset(w for w in path.read_text("utf-8", "replace").split() if w.islower())


def _everyday(word: str, everyday: frozenset[str]) -> bool:
    lower = word.lower()
    return lower in everyday or (lower.endswith("s") and lower[:-1] in everyday)


def distinctive(name: str, everyday: frozenset[str]) -> bool:
    """A name that means the product when written alone: not an everyday word or phrase."""
    words = [w.strip("!?.,:;") for w in name.split()]
    if len(name) < 2 or not all(words):
        return False
    if all(_everyday(w, everyday) or not re.search(r"[A-Za-z]", w) for w in words):
        return False
    return not (len(words) == 1 and len(name) < 3 and not name.isupper())


def product_names(example: str, everyday: frozenset[str]) -> list[str]:
    """A product and its other names: the vendor dropped ('Atlassian JIRA' -> 'JIRA'), and a
    spelled-out name split from the acronym O*NET appends ('Enterprise resource planning ERP
    software' -> 'Enterprise resource planning', 'ERP')."""
    names = [example]
    written = re.fullmatch(r"(.+?)\s*\(([A-Za-z0-9]{2,8})\)", example)
    if written:  # 'Human resource information system (HRIS)'
        return [written.group(1), written.group(2)]
    generic = _GENERIC_SOFTWARE.search(example)
    core = example[: generic.start()] if generic else example
    if generic and len(core.split()) >= 2:
        names.append(core)
    words = core.split()
    acronym = words[-1] if len(words) >= 3 and re.fullmatch(r"[A-Z]{2,6}", words[-1]) else ""
    if acronym and "".join(w[0] for w in words[-1 - len(acronym) : -1]).upper() == acronym:
        names += [" ".join(words[:-1]), acronym]
    if not generic:
        for start in range(1, len(words)):
            rest = " ".join(words[start:])
            # A name starts at a word that is not everyday English: 'AWS CloudFormation', not
            # 'Web Services AWS CloudFormation'
            first = words[start]
            if (
                first[:1].isalpha()
                and first.lower() not in everyday
                and distinctive(rest, everyday)
            ):
                names.append(rest)
    return list(dict.fromkeys(n for n in names if distinctive(n, everyday) or " " in n))


def vendors(examples: list[str], everyday: frozenset[str]) -> set[str]:
    """Makers that name several products ('Oracle Database', 'Oracle Hyperion'; 'Talend Open
    Studio', 'Talend Data Fabric'): adverts ask for them by the maker's name alone."""
    first = Counter(e.split()[0] for e in examples if len(e.split()) > 1)
    return {
        word
        for word, count in first.items()
        if count >= 2 and word.isalpha() and word[:1].isupper() and not _everyday(word, everyday)
    }  # not 'The', 'National', 'Oracle' (everyday words: terms.yaml names the brands among them)


def _marked(name: str, everyday: frozenset[str]) -> str:
    """A name that is also an everyday word gets a leading '~': it is recognised only when
    written as here (Docker yes; Sage, Salt, Unity only with their capital letter)."""
    return f"~{name}" if " " not in name and name.lower() in everyday else name


def title_words(tables: dict[str, str]) -> list[str]:
    """The last words of job titles that at least three titles share: Engineer, Nurse."""
    titles = [r["Title"] for r in rows(tables["Occupation Data.txt"])]
    titles += [r["Reported Job Title"] for r in rows(tables["Sample of Reported Titles.txt"])]
    last = Counter()
    for title in titles:
        plain = re.sub(r"\([^)]*\)", "", title).replace(",", " ").split()
        if plain and plain[-1][:1].isupper() and plain[-1].isalpha():
            last[plain[-1]] += 1
    return sorted(word for word, count in last.items() if count >= 3)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", default=URL, help="O*NET text database: URL, zip or folder")
    parser.add_argument("--words", default="/usr/share/dict/words", type=Path)
    args = parser.parse_args(argv)
    if not args.words.exists():
        print(f"no word list at {args.words}: apt install wamerican, or --words", file=sys.stderr)
        return 2
    tables = read_tables(args.source)
    release = re.search(r"O\*NET [\d.]+ Database", tables.get("Read Me.txt", "")) or None
    version = release.group(0) if release else "the O*NET Database"
    everyday = everyday_words(args.words)
    notice = (
        f"# From {version} (Technology Skills), by the U.S. Department of Labor, Employment and\n"
        "# Training Administration (USDOL/ETA), used under CC BY 4.0\n"
        "# (https://www.onetcenter.org/license_db.html). USDOL/ETA has not approved, endorsed\n"
        "# or tested these modifications. Made by scripts/refresh_onet.py; do not edit.\n"
    )
    examples = sorted({r["Example"].strip() for r in rows(tables["Technology Skills.txt"])})
    lines = ["\t".join(_marked(n, everyday) for n in product_names(e, everyday)) for e in examples]
    lines += sorted(vendors(examples, everyday) - set(examples))
    (DATA / "onet-technology.tsv").write_text(notice + "\n".join(lines) + "\n", "utf-8")
    titles = notice.replace("Technology Skills", "Occupation Data, Sample of Reported Titles")
    words = " ".join(title_words(tables))
    (DATA / "onet-title-words.txt").write_text(titles + words + "\n", "utf-8")
    print(f"{len(lines)} products, {len(words.split())} title words from {version}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
