"""Hostile themes and files: nothing read from outside a theme, nothing injected, nothing lost,
no hang, no blow-up, and never an internal error. One section per class of issue #13."""

from __future__ import annotations

import io
import os
import shutil
import signal
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from typer.testing import CliRunner

from renderer import files
from renderer.cli import app
from renderer.compose.resume import compose
from renderer.errors import InputError, OutputError, RenderError
from renderer.inputs import load_profile
from renderer.theme.model import load_theme
from tests.conftest import ROOT, check_bytes, render_bytes, write_profile

runner = CliRunner()
RUI = ROOT / "profiles" / "rui-shao.yaml"


def resume(*args: str, cwd: Path | None = None, **env: str) -> subprocess.CompletedProcess:
    """The real command in a new process, as a person runs it."""
    return subprocess.run(
        [sys.executable, "-m", "renderer.cli", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
        env={**os.environ, **env},
    )


def no_internal_error(result: subprocess.CompletedProcess) -> None:
    text = result.stdout + result.stderr
    assert "internal error" not in text and "Traceback" not in text, text


@pytest.fixture
def theme_copy(tmp_path):
    folder = tmp_path / "mine"
    shutil.copytree(ROOT / "themes" / "classic", folder)
    (folder / "theme.yaml").write_text(
        (folder / "theme.yaml").read_text().replace("name: classic", "name: mine")
    )
    load_theme.cache_clear()
    yield folder
    load_theme.cache_clear()


def _theme_error(folder: Path) -> str:
    load_theme.cache_clear()
    with pytest.raises(InputError) as caught:
        load_theme(str(folder))
    return str(caught.value)


def _set(folder: Path, old: str, new: str) -> None:
    path = folder / "theme.yaml"
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


# --- 1. a theme reads only its own folder ---------------------------------------------------


@pytest.mark.parametrize("template", ["text.txt.j2", "markdown.md.j2"])
def test_an_output_template_symlinked_outside_the_theme_is_refused(theme_copy, tmp_path, template):
    secret = tmp_path / "secret.txt"
    secret.write_text("password=hunter2\n")
    (theme_copy / template).symlink_to(secret)
    assert "points outside its folder" in _theme_error(theme_copy)


def test_a_theme_file_and_fonts_symlinked_outside_are_refused(theme_copy, tmp_path):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    shutil.copy(theme_copy / "fonts" / "Caladea-Regular.ttf", outside / "R.ttf")
    (theme_copy / "fonts" / "Link.ttf").symlink_to(outside / "R.ttf")
    _set(theme_copy, "fonts/Caladea-Regular.ttf", "fonts/Link.ttf")
    assert "points outside the theme folder" in _theme_error(theme_copy)
    other = tmp_path / "other"
    shutil.copytree(theme_copy, other)
    (other / "theme.yaml").rename(outside / "theme.yaml")
    (other / "theme.yaml").symlink_to(outside / "theme.yaml")
    assert "points outside its folder" in _theme_error(other)


def test_an_output_template_inside_the_theme_is_used(theme_copy):
    (theme_copy / "text.txt.j2").write_text("{% for b in blocks %}{{ b.body }}\n{% endfor %}")
    chosen = load_theme(str(theme_copy))
    document = compose(load_profile(RUI).profile, chosen)
    assert render_bytes("txt", document, chosen).decode().startswith("Rui Shao\n")


# --- 2. no HTML through Markdown ------------------------------------------------------------

HOSTILE_LINKS = [
    "https://a.example/><script>alert(1)</script>",
    "https://a.example/<img src=x onerror=alert(1)>",
    "https://a.example/\\><b>bold</b>",
    'https://a.example/"onmouseover="alert(1)',
    "https://a.example/)<script>x</script>",
    "https://a.example/%3E<i>x</i>",
    "mailto:x@y.z?subject=<script>",
]


def _allowed_html(html: str) -> None:
    """Only the tags a Markdown rendering of a resume makes; never a script or a handler."""
    import re

    tags = set(re.findall(r"</?([a-zA-Z0-9]+)", html))
    assert tags <= {"h1", "h2", "h3", "h4", "p", "ul", "li", "a", "em", "strong", "br"}, tags
    assert "onerror" not in html.replace("onerror=alert", "") or "&lt;" in html
    for attributes in re.findall(r"<a ([^>]*)>", html):
        assert re.fullmatch(r'href="[^"<>]*"', attributes), attributes


@pytest.mark.parametrize("url", HOSTILE_LINKS)
def test_link_addresses_cannot_break_out_of_markdown(tmp_path, url):
    url = url.replace(" ", "%20")
    text = (
        f"name: Ann\nlinks: [{{url: {url!r}}}]\n"
        f"summary: 'See [the site]({url}) and <script>alert(2)</script>'\n"
    )
    path = write_profile(tmp_path, text)
    chosen = load_theme("classic")
    document = compose(load_profile(path).profile, chosen)
    markdown = render_bytes("md", document, chosen).decode()
    _allowed_html(MarkdownIt().render(markdown))  # the default allows raw HTML: none gets out
    report = check_bytes(tmp_path / "x.md", document, markdown.encode())
    assert report.ok, report.problems


def test_email_with_markup_characters_is_not_an_email(tmp_path):
    for email in ("a>b@x.com", "a<script>@x.com", 'a"b@x.com', "a@x.com>"):
        path = write_profile(tmp_path, f"name: Ann\nemail: '{email}'\n")
        with pytest.raises(InputError, match="is not an e-mail address"):
            load_profile(path)


# --- 3. only regular files are ever replaced ------------------------------------------------


def _specials(tmp_path: Path) -> dict[str, Path]:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    folder = tmp_path / "folder"
    folder.mkdir()
    link = tmp_path / "link"
    (tmp_path / "target").write_text("kept")
    link.symlink_to(tmp_path / "target")
    found = {"fifo": fifo, "folder": folder, "symlink": link}
    if os.geteuid() == 0:  # only root can make device nodes
        device = tmp_path / "null"
        os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
        found["device"] = device
    return found


def test_writes_refuse_anything_but_a_regular_file(tmp_path):
    for kind, path in _specials(tmp_path).items():
        before = path.lstat()
        with pytest.raises(OutputError, match="only a regular file is ever replaced"):
            files.write_atomic(path, b"x")
        after = path.lstat()
        assert (before.st_mode, before.st_ino) == (after.st_mode, after.st_ino), kind
    assert (tmp_path / "target").read_text() == "kept"
    assert not list(tmp_path.glob(".*.tmp"))


@pytest.mark.parametrize("command", [["schema", "-o"], ["new", "--force"]])
def test_schema_and_new_refuse_special_files(tmp_path, command):
    for kind, path in _specials(tmp_path).items():
        args = [*command, str(path)] if command[0] == "schema" else ["new", str(path), "--force"]
        result = runner.invoke(app, args)
        assert result.exit_code == 2, (kind, result.output)
        assert "folder" in result.output or "only a regular file" in result.output, kind
        assert path.exists() or path.is_symlink()
        assert not (path.is_file() and not path.is_symlink() and kind != "folder")


def test_write_errors_name_the_target_not_a_temp_file(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    with pytest.raises(OutputError) as caught:
        files.write_atomic(blocker / "out.pdf", b"x")
    assert str(caught.value).startswith(f"{blocker / 'out.pdf'}: cannot write")


# --- 4. no silent overwrite within a run ----------------------------------------------------


def test_two_profiles_with_the_same_name_stop_before_writing(tmp_path):
    first = write_profile(tmp_path, "name: Zoë Lee\nemail: a@b.co\n", "first.yaml")
    second = write_profile(tmp_path, "name: Zoe Lee\nemail: c@d.co\n", "second.yaml")
    other = write_profile(tmp_path, "name: Other One\nemail: e@f.co\n", "other.yaml")
    out = tmp_path / "out"
    result = runner.invoke(app, ["render", str(first), str(second), str(other), "-o", str(out)])
    assert result.exit_code == 2
    assert str(first) in result.output and str(second) in result.output
    assert not (out / "zoe-lee").exists()  # neither wrote: no question which one won
    assert (out / "other-one" / "other-one-classic.pdf").is_file()  # the rest still render


def test_the_same_profile_twice_renders_once(tmp_path):
    out = tmp_path / "out"
    result = runner.invoke(app, ["render", str(RUI), str(RUI), "-o", str(out), "-f", "txt"])
    assert result.exit_code == 0, result.output
    assert result.output.count("rui-shao-classic.txt") == 1


def test_a_folder_theme_named_like_a_builtin_is_refused_alongside_it(tmp_path):
    folder = tmp_path / "fake"
    shutil.copytree(ROOT / "themes" / "classic", folder)
    out = tmp_path / "out"
    result = runner.invoke(app, ["render", str(RUI), "-t", f"classic,{folder}", "-o", str(out)])
    assert result.exit_code == 2
    assert "would both write <who>-classic.<format>" in result.output
    assert not out.exists()


# --- 5, 6. linear parsing and layout (timings are in benchmarks/adversarial.py) -------------

ADVERSARIAL = {
    "brackets": "[" * 40_000,
    "stars": "*a " * 13_000,
    "double stars": "**a " * 10_000,
    "links": "[a](" * 10_000,
    "escapes": "\\[" * 20_000,
}


@pytest.mark.parametrize("name", ADVERSARIAL)
def test_adversarial_markup_loads_and_renders_literally(tmp_path, name):
    text = ADVERSARIAL[name]
    path = write_profile(tmp_path, f"name: Ann\nsummary: {_quoted(text)}\n")
    chosen = load_theme("compact")
    document = compose(load_profile(path).profile, chosen)
    for fmt in ("txt", "md", "docx"):
        data = render_bytes(fmt, document, chosen)
        assert check_bytes(tmp_path / f"x.{fmt}", document, data).ok


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def test_long_contact_fields_are_refused_quickly(tmp_path):
    cases = {
        "phone": ("1234567" + " " * 5000 + "a", "too long for a phone number"),
        "email": ("a" + "." * 5000 + "@b.c", "is not an e-mail address"),
    }
    for field, (value, message) in cases.items():
        path = write_profile(tmp_path, f"name: Ann\n{field}: {_quoted(value)}\n")
        with pytest.raises(InputError, match=f"{field}: .*{message}"):
            load_profile(path)


def test_a_phone_with_no_number_in_it_is_left_out_with_a_warning(tmp_path):
    path = write_profile(
        tmp_path,
        'name: Ann\nphone: "1" + 5000 spaces\n'.replace(
            '"1" + 5000 spaces', _quoted("1" + " " * 5000 + "a")
        ),
    )
    loaded = load_profile(path)
    assert loaded.profile.phone is None
    assert any("not a phone number; left out" in n.message and n.line == 2 for n in loaded.notes)


def test_a_very_long_paragraph_reaches_the_pdf_whole(tmp_path):
    sentence = "Lorem ipsum dolor sit amet, consectetur adipiscing elit. "
    path = write_profile(tmp_path, f"name: Ann\nsummary: {_quoted(sentence * 2000)}\n")
    chosen = load_theme("classic")
    document = compose(load_profile(path).profile, chosen)
    data = render_bytes("pdf", document, chosen)
    report = check_bytes(tmp_path / "x.pdf", document, data)
    assert report.ok and report.lines_found == report.lines_total, report.problems


def test_a_very_long_title_breaks_across_pages(tmp_path):
    title = "Engineer " * 4000
    path = write_profile(tmp_path, f"name: Ann\nexperience: [{{company: X, title: {title!r}}}]\n")
    chosen = load_theme("modern")
    document = compose(load_profile(path).profile, chosen)
    data = render_bytes("pdf", document, chosen)
    assert check_bytes(tmp_path / "x.pdf", document, data).ok


# --- 7. theme templates under a budget ------------------------------------------------------

TEMPLATE_BOMBS = {
    "nested loops": "{% for a in range(9999) %}{% for b in range(9999) %}x{% endfor %}{% endfor %}",
    "huge power": "{{ 10 ** (10 ** 8) }}",
    "huge string": '{{ "x" * 3000000000 }}',
    "huge list": "{{ ([0] * 1000000000) | length }}",
    "center": '{{ "x" | center(1000000000) }}',
    "percent format": '{{ "%999999999d" % 1 }}',
    "str.format": '{{ "{:>999999999}".format(1) }}',
    "ljust": '{{ "x".ljust(1000000000) }}',
    "lipsum": "{{ lipsum(1000000) }}",
    "doubling concat": "{% set a = 'xxxxxxxxxxxxxxxx' %}"
    + "".join("{% set a = a ~ a %}" for _ in range(30))
    + "{{ a | length }}",
    "namespace doubling": "{% set ns = namespace(s='x') %}{% for i in range(60) %}"
    "{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s | length }}",
    "recursive macro": "{% macro m(n) %}{{ m(n + 1) }}{% endmacro %}{{ m(0) }}",
    "replace blow-up": "{{ ('x' * 10000) | replace('', 'y' * 10000) }}",
    "join blow-up": "{{ range(9999) | map('string') | join('z' * 100000) }}",
    "indent blow-up": "{{ ('a\\n' * 50000) | indent(90000) }}",
    "expandtabs": "{{ ('\\t' * 50000).expandtabs(90000) }}",
    "to_bytes": "{{ (1).to_bytes(1000000000, 'big') | length }}",
    "range": "{{ range(10 ** 9) | list | length }}",
    "deep parentheses": "{{ " + "(" * 5000 + "1" + ")" * 5000 + " }}",
}


@pytest.mark.parametrize("bomb", TEMPLATE_BOMBS)
def test_slot_templates_that_would_hang_or_blow_up_fail_at_load(theme_copy, bomb):
    _set(theme_copy, "styles:", f"templates:\n  skill: {_quoted(TEMPLATE_BOMBS[bomb])}\nstyles:")
    message = _theme_error(theme_copy)
    assert "theme.yaml:" in message and "templates.skill" in message, message
    assert "template" in message


@pytest.mark.parametrize("bomb", ["nested loops", "huge string", "doubling concat", "center"])
def test_output_templates_that_would_blow_up_are_render_errors_naming_the_file(theme_copy, bomb):
    (theme_copy / "text.txt.j2").write_text(
        "{% for b in blocks %}{{ b.body }}\n{% endfor %}\n" + TEMPLATE_BOMBS[bomb]
    )
    chosen = load_theme(str(theme_copy))
    document = compose(load_profile(RUI).profile, chosen)
    with pytest.raises(RenderError) as caught:
        render_bytes("txt", document, chosen)
    assert caught.value.file.endswith("text.txt.j2") and caught.value.line == 3


def test_a_budget_is_proportional_to_the_input_so_large_resumes_still_render(tmp_path):
    big = "word " * 150_000
    path = write_profile(tmp_path, f"name: Ann\nsummary: {_quoted(big)}\n")
    chosen = load_theme("modern")
    document = compose(load_profile(path).profile, chosen)
    for fmt in ("txt", "md"):
        data = render_bytes(fmt, document, chosen)
        assert check_bytes(tmp_path / f"x.{fmt}", document, data).ok


# --- 8. profiles are read safely -----------------------------------------------------------


def test_fifos_devices_and_endless_files_are_refused_at_once(tmp_path):
    fifo = tmp_path / "p.yaml"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="is a FIFO"):
        load_profile(fifo)
    zero = tmp_path / "zero.yaml"
    zero.symlink_to("/dev/zero")
    with pytest.raises(InputError, match="is a character device"):
        load_profile(zero)
    folder = tmp_path / "folder.yaml"
    folder.mkdir()
    with pytest.raises(InputError, match="is a folder"):
        load_profile(folder)


def test_a_file_larger_than_it_claims_is_cut_at_the_limit(tmp_path, monkeypatch):
    path = write_profile(tmp_path, "name: Ann\nsummary: " + "x" * 5000 + "\n")
    with pytest.raises(InputError, match="may be at most"):
        files.read_bytes(path, 1000, "profile")


# --- 9, 12. check bounds its input and turns malformed files into findings ------------------


def _docx_with(tmp_path: Path, **parts: bytes) -> Path:
    good = render_bytes(
        "docx", compose(load_profile(RUI).profile, load_theme("classic")), load_theme("classic")
    )
    source = zipfile.ZipFile(io.BytesIO(good))
    path = tmp_path / "x.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            if name not in parts:
                target.writestr(name, source.read(name))
        for name, data in parts.items():
            target.writestr(name, data)
    return path


LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1 if i > 1 else "") + ";") * 10}">'.encode()
        for i in range(1, 10)
    )
    + b']><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    b"<w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"
)


@pytest.mark.parametrize(
    "parts",
    [
        {"word/document.xml": LAUGHS},
        {"word/document.xml": b"\0" * (80 * 1024 * 1024)},  # a zip bomb: 80 MiB of zeros
        {"word/header1.xml": b"<w:hdr><unclosed>"},
        {"word/footer1.xml": b"not xml at all"},
        {"docProps/core.xml": b"<cp:coreProperties"},
    ],
    ids=["billion-laughs", "zip-bomb", "bad-header", "bad-footer", "bad-core"],
)
def test_malformed_docx_parts_are_findings(tmp_path, parts):
    path = _docx_with(tmp_path, **parts)
    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code == 1, result.output
    assert "check:" in result.output and "internal error" not in result.output


def test_unsupported_compression_and_encryption_are_findings(tmp_path):
    path = _docx_with(tmp_path)
    data = bytearray(path.read_bytes())
    # Mark every member as compressed with method 99 (AES) and encrypted (flag bit 0).
    header = data.find(b"PK\x01\x02")
    while header >= 0:
        data[header + 10 : header + 12] = (99).to_bytes(2, "little")
        data[header + 8] |= 1
        header = data.find(b"PK\x01\x02", header + 4)
    path.write_bytes(bytes(data))
    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code == 1 and "cannot be read as a DOCX" in result.output, result.output


MALFORMED_PDFS = {
    "font not a dictionary": (b"/Font <<", b"/Font [1 2] /X <<"),
    "resources not a dictionary": (b"/Resources <<", b"/Resources 5 0 R /X <<"),
    "bad info": (b"/Info", b"/Info 999 0 R /Y"),
    "truncated": None,
}


@pytest.mark.parametrize("case", MALFORMED_PDFS)
def test_malformed_pdfs_are_findings(tmp_path, case):
    chosen = load_theme("classic")
    data = render_bytes("pdf", compose(load_profile(RUI).profile, chosen), chosen)
    swap = MALFORMED_PDFS[case]
    data = data[: len(data) // 3] if swap is None else data.replace(*swap)
    path = tmp_path / "x.pdf"
    path.write_bytes(data)
    result = resume("check", str(path), "--profile", str(RUI))
    no_internal_error(result)
    assert result.returncode in (0, 1)
    assert "pypdf" not in result.stderr.lower() or "check:" in result.stderr  # no pypdf logs


def test_check_refuses_huge_files_and_says_what_special_files_are(tmp_path):
    big = tmp_path / "big.txt"
    with big.open("wb") as stream:
        stream.truncate(100 * 1024 * 1024)  # sparse: no disk used
    fifo = tmp_path / "x.pdf"
    os.mkfifo(fifo)
    folder = tmp_path / "y.docx"
    folder.mkdir()
    result = runner.invoke(app, ["check", str(big), str(fifo), str(folder)])
    assert result.exit_code == 2
    assert "may be at most" in result.output
    assert "is a FIFO" in result.output and "is a folder" in result.output


# --- 10. -j is capped at the work and the cores -------------------------------------------


def test_jobs_are_capped_at_profiles_and_cpus(monkeypatch, tmp_path):
    from concurrent import futures

    from renderer.jobs import parallel as batch

    started: list[int] = []

    class Recorder(futures.ThreadPoolExecutor):
        def __init__(self, max_workers: int, **options: object) -> None:
            started.append(max_workers)
            super().__init__(max_workers)

    monkeypatch.setattr(batch, "ProcessPoolExecutor", Recorder)
    monkeypatch.setattr(batch, "cpus", lambda: 2)
    folder = tmp_path / "many"
    folder.mkdir()
    text = RUI.read_text("utf-8")
    for n in range(9):
        (folder / f"p{n}.yaml").write_text(text.replace("name: ", f"name: P{n} ", 1), "utf-8")
    monkeypatch.chdir(tmp_path)
    for profiles in ([str(RUI)], [str(folder / f"p{n}.yaml") for n in range(3)], [str(folder)]):
        assert runner.invoke(app, ["render", *profiles, "-j", "64", "-f", "txt"]).exit_code == 0
    # One profile, or three (the first rendered here, two left): no pool. Nine on two
    # cores: two workers.
    assert started == [2]


def test_a_pool_starts_only_when_each_worker_gets_enough_jobs(monkeypatch):
    from renderer.jobs import parallel as batch

    monkeypatch.setattr(batch, "cpus", lambda: 4)
    monkeypatch.setattr(batch, "free_cpus", lambda: 4)
    assert [batch.workers_for(n, 8) for n in (0, 1, 2, 3, 4, 6, 8, 100)] == [0, 0, 0, 0, 2, 3, 4, 4]
    assert batch.workers_for(100, 1) == 0 and batch.workers_for(100, 2) == 2
    # -j left to the default (0): one per free processor, when the batch is large enough.
    assert [batch.workers_for(n, 0) for n in (3, 4, 6, 100)] == [0, 2, 3, 4]
    monkeypatch.setattr(batch, "free_cpus", lambda: 1)  # the others busy: no pool
    assert batch.workers_for(100, 0) == 0 and batch.workers_for(100, 2) == 2
    monkeypatch.setattr(batch, "cpus", lambda: 64)
    monkeypatch.setattr(batch, "free_cpus", lambda: 64)
    assert batch.workers_for(1000, 0) == batch.AUTO_MAX  # not 64 workers of ~50 MiB each


# --- 11. deep nesting ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "experience: " + "[" * 500 + "]" * 500,
        "x: " + "[" * 100_000,
        "- " * 5000 + "x",
        '{"a":' * 3000,
    ],
    ids=["flow-500", "flow-100k", "block-5000", "json-3000"],
)
def test_deep_nesting_is_a_clear_error_and_the_batch_goes_on(tmp_path, text):
    suffix = ".json" if text.startswith("{") else ".yaml"
    deep = write_profile(tmp_path, text, "deep" + suffix)
    with pytest.raises(InputError, match="nested too deeply"):
        load_profile(deep)
    out = tmp_path / "out"
    result = resume("render", str(deep), str(RUI), "-o", str(out), "-f", "txt")
    no_internal_error(result)
    assert result.returncode == 2 and str(deep) in result.stderr
    assert (out / "rui-shao" / "rui-shao-classic.txt").is_file()


# --- 13. broken theme files are errors at load, naming the line -----------------------------


@pytest.mark.parametrize(
    "content,expected",
    [
        (b"", "is empty"),
        (b"this is not a font\n" * 10, "is not a TrueType or OpenType font"),
        (b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "is not a TrueType or OpenType font"),
        (b"OTTO" + b"\0" * 64, "its table directory is cut short"),
        (b"ttcf\0\1\0\0\0\0\0\0", "face count"),
        ("truncated", "is cut short"),
    ],
)
def test_fonts_that_are_not_fonts_fail_at_load_with_the_line(theme_copy, content, expected):
    font = theme_copy / "fonts" / "Caladea-Bold.ttf"
    if content == "truncated":
        content = font.read_bytes()[:5000]
    font.write_bytes(content)
    message = _theme_error(theme_copy)
    assert expected in message and "fonts.bold" in message
    assert f"theme.yaml:{_line(theme_copy, 'bold: fonts/')}:" in message


def _line(folder: Path, needle: str) -> int:
    text = (folder / "theme.yaml").read_text()
    return text[: text.index(needle)].count("\n") + 1


@pytest.mark.parametrize(
    "margins", ["[0, 400, 0, 400]", "[-5, 54, 46, 54]", "[1e9, 54, 46, 54]", "[46, 54]"]
)
def test_absurd_margins_fail_at_load(theme_copy, margins):
    _set(theme_copy, "margins: [40, 90, 40, 90]", f"margins: {margins}")
    assert "page.margins" in _theme_error(theme_copy)


@pytest.mark.parametrize("field", ["docx_font", "bullet", "dates.present", "headings.skills"])
def test_control_characters_in_theme_strings_fail_at_load(theme_copy, field):
    value = '"a\\u0007b"' if field != "bullet" else '"\\u0007"'
    if "." in field:
        parent, key = field.split(".")
        _set(theme_copy, "styles:", f"{parent}:\n  {key}: {value}\nstyles:")
    elif field == "docx_font":
        _set(theme_copy, "docx_font: Cambria", f"docx_font: {value}")
    else:
        _set(theme_copy, "styles:", f"bullet: {value}\nstyles:")
    assert "control character" in _theme_error(theme_copy)


def test_odd_font_file_names_render(theme_copy, tmp_path):
    odd = 'Cala "dea" <b>&.ttf'
    shutil.copy(theme_copy / "fonts" / "Caladea-Regular.ttf", theme_copy / "fonts" / odd)
    _set(theme_copy, "fonts/Caladea-Regular.ttf", f"'fonts/{odd}'")
    chosen = load_theme(str(theme_copy))
    document = compose(load_profile(RUI).profile, chosen)
    data = render_bytes("pdf", document, chosen)
    assert check_bytes(tmp_path / "x.pdf", document, data).ok


def test_a_font_that_breaks_reportlab_is_a_render_error_naming_it(theme_copy, tmp_path):
    font = theme_copy / "fonts" / "Caladea-Italic.ttf"
    data = bytearray(font.read_bytes())
    data[2000:40000] = b"\xff" * 38000  # the table directory is intact, the tables are not
    font.write_bytes(bytes(data))
    out = tmp_path / "out"
    result = resume("render", str(RUI), "-t", str(theme_copy), "-o", str(out))
    no_internal_error(result)
    assert result.returncode == 1, result.stderr


# --- 14. awkward places and terminals ------------------------------------------------------


def test_new_and_schema_onto_a_folder_or_a_read_only_place(tmp_path):
    assert "is a folder" in runner.invoke(app, ["new", str(tmp_path)]).output
    result = runner.invoke(app, ["schema", "-o", str(tmp_path)])
    assert result.exit_code == 2 and "folder" in result.output
    result = runner.invoke(app, ["schema", "-o", "/proc/version"])  # it exists: refused
    assert result.exit_code == 2 and "--force" in result.output
    result = runner.invoke(app, ["schema", "-o", "/proc/version", "--force"])
    assert result.exit_code in (1, 2) and "cannot write" in result.output


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_a_terminal_that_cannot_show_unicode(tmp_path, encoding):
    env = {"PYTHONIOENCODING": encoding, "LANG": "C", "LC_ALL": "C"}
    schema = resume("schema", **env)
    no_internal_error(schema)
    import json

    assert json.loads(schema.stdout)["title"] == "Resume profile"
    for args in (["validate", str(ROOT / "profiles")], ["themes"], ["render", str(RUI)]):
        result = resume(*args, "-o", str(tmp_path)) if args[0] == "render" else resume(*args, **env)
        no_internal_error(result)
        assert result.returncode == 0, result.stderr


# --- 15. messages ---------------------------------------------------------------------------


def test_a_missing_glyph_names_the_profile_file_and_line(tmp_path):
    path = write_profile(tmp_path, "name: Ann\nemail: a@b.co\nhighlights:\n  - Shipped 🫠\n")
    result = runner.invoke(app, ["render", str(path), "-o", str(tmp_path / "out"), "-f", "pdf"])
    assert result.exit_code == 1
    assert f"{path}:4:5 highlights[0]: character '🫠'" in result.output


def test_ctrl_c_prints_one_line_and_leaves_no_temp_files(tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(40):
        (folder / f"p{i}.yaml").write_text(
            RUI.read_text().replace("name: Rui Shao", f"name: Person {i}")
        )
    out = tmp_path / "out"
    process = subprocess.Popen(
        [sys.executable, "-m", "renderer.cli", "render", str(folder), "-o", str(out), "-j", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    import time

    deadline = time.time() + 60
    while not list(out.rglob("*.pdf")) and time.time() < deadline:
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130
    assert stderr.strip() == "interrupted; no file was left half-written", stderr
    assert not list(out.rglob("*.tmp"))


def test_a_utf16_profile_with_a_bom_is_read(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_bytes("name: Zoë\nemail: z@x.co\n".encode("utf-16"))
    assert load_profile(path).profile.name == "Zoë"
    path.write_bytes("name: Zoë\n".encode("utf-16-le"))  # no BOM: say what it looks like
    with pytest.raises(InputError, match="UTF-16 without a byte-order mark"):
        load_profile(path)


# --- 16. --check does not fail good renders -------------------------------------------------


def test_check_passes_soft_hyphens_escapes_and_long_urls(tmp_path):
    url = "https://example.com/" + "a" * 250 + "/" + "b" * 40
    text = (
        "name: Ann Lee\nemail: ann@example.com\n"
        f"links: [{{url: '{url}'}}]\n"
        'summary: "Co\\u00adoperation, inter\\u00adnational, zero\\u200bwidth, no\\u00a0break"\n'
        "highlights:\n"
        "  - 'A \\[ bracket, a \\\\[ backslash and bracket, C:\\Users\\[x]'\n"
        "  - 'under_score `tick` <html> & \\* star | pipe # hash'\n"
    )
    path = write_profile(tmp_path, text)
    result = runner.invoke(app, ["render", str(path), "-t", "all", "--check", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output


# --- 17. one failing format does not stop the others ---------------------------------------


def test_a_pdf_that_cannot_be_drawn_leaves_the_other_formats_written(tmp_path):
    path = write_profile(tmp_path, "name: Ann\nhighlights: ['Shipped 🫠 on time']\n")
    out = tmp_path / "out"
    result = runner.invoke(app, ["render", str(path), "-o", str(out)])
    assert result.exit_code == 1
    assert "ann-classic.pdf not written" in result.output
    assert "warning:" in result.output  # no e-mail or phone: still said
    written = sorted(p.name for p in (out / "ann").iterdir())
    assert written == ["ann-classic.docx", "ann-classic.html", "ann-classic.md", "ann-classic.txt"]


# --- 18. YAML traps --------------------------------------------------------------------------


def test_a_comment_that_swallows_text_is_warned(tmp_path):
    path = write_profile(
        tmp_path,
        "name: Ann  # a comment set off as comments are\n"
        'highlights:\n  - Maintained jobs in C# #legacy\n  - "Quoted # stays"\n',
    )
    result = runner.invoke(app, ["validate", str(path)])
    assert "p.yaml:3:27 highlights[0]: YAML reads '#legacy' here as a comment" in result.output
    assert result.output.count("as a comment") == 1


@pytest.mark.parametrize(
    "bullet", ["*bold* start", "!tag text", "%percent", "@handle", "`code`", "[x] done"]
)
def test_yaml_syntax_in_a_bullet_suggests_quotes(tmp_path, bullet):
    path = write_profile(tmp_path, f"name: Ann\nhighlights:\n  - {bullet} and more\n")
    try:
        loaded = load_profile(path)
        if bullet.startswith("*"):  # read as the text it is (RenderCV writes such values)
            assert loaded.profile.highlights[0].text == f"{bullet} and more"
            assert "quote such values" in loaded.positions.dropped[0][2]
            return
    except InputError as error:
        assert "put it in quotes" in str(error) or "put the text in quotes" in str(error), error
    else:  # YAML took it as something else, which the model then refused: still a hint
        pytest.fail(f"{bullet!r} loaded")


def test_an_anchor_that_swallows_text_is_warned(tmp_path):
    path = write_profile(tmp_path, "name: Ann\nphone: '12345'\nhighlights:\n  - &co text\n")
    result = runner.invoke(app, ["validate", str(path)])
    assert (
        "p.yaml:4:5 highlights[0]: YAML reads the '&…' at the start as an anchor" in result.output
    )


def test_a_colon_in_a_bullet_suggests_quotes(tmp_path):
    path = write_profile(tmp_path, "name: Ann\nhighlights:\n  - Led the team: shipped X\n")
    with pytest.raises(InputError) as caught:
        load_profile(path)
    assert len(caught.value.problems) == 1
    assert 'put it in quotes: "Led the team: shipped X"' in str(caught.value)


# --- found by the hostile battery -----------------------------------------------------------


@pytest.mark.parametrize(
    "template",
    [
        "{% include '/etc/passwd' %}",
        "{% import '/etc/passwd' as x %}{{ x }}",
        "{% extends 'base.html' %}",
        "{{ 1 / 0 }}",
        "{{ 'a' + 1 }}",
        "{{ name | wordwrap(0) }}",
    ],
)
def test_templates_that_reach_for_files_or_raise_are_theme_errors(theme_copy, template):
    _set(theme_copy, "styles:", f"templates:\n  skill: {_quoted(template)}\nstyles:")
    message = _theme_error(theme_copy)
    assert "templates.skill: template" in message and "internal" not in message


def test_output_templates_that_raise_name_their_file(theme_copy, tmp_path):
    (theme_copy / "markdown.md.j2").write_text("ok\n{% include 'x' %}\n")
    result = resume("render", str(RUI), "-t", str(theme_copy), "-o", str(tmp_path), "-f", "md")
    no_internal_error(result)
    assert result.returncode == 1 and "markdown.md.j2:2" in result.stderr


def test_a_nul_in_a_font_path_is_a_theme_error(theme_copy):
    _set(theme_copy, "fonts/Caladea-Bold.ttf", '"fonts/Cala\\0dea.ttf"')
    assert "fonts.bold" in _theme_error(theme_copy)


def test_yaml_numbers_keep_their_text_and_booleans_suggest_quotes(tmp_path):
    text = (
        "name: Ann\nphone: 0201234567\n"
        "highlights: [3.10, 0x1F, 010, '12:30 sharp', 12:30, 1_000]\n"
        "languages: [{language: Norwegian, fluency: no}]\n"
    )
    with pytest.raises(InputError) as caught:
        load_profile(write_profile(tmp_path, text))
    assert "languages[0].fluency: YAML reads 'no' as False" in str(caught.value)
    assert 'put it in quotes: "no"' in str(caught.value)
    profile = load_profile(write_profile(tmp_path, text.replace("fluency: no", "fluency: B2")))
    bullets = [h.text for h in profile.profile.highlights]
    assert bullets == ["3.10", "0x1F", "010", "12:30 sharp", "12:30", "1_000"]
    assert profile.profile.phone == "0201234567"  # not read as an octal number


@pytest.mark.parametrize("value", ["~", "null", "yes", "true"])
def test_a_bullet_yaml_reads_as_null_or_true_suggests_quotes(tmp_path, value):
    with pytest.raises(InputError, match=f"YAML reads '{value}' as"):
        load_profile(write_profile(tmp_path, f"name: Ann\nhighlights: [{value}]\n"))


def test_tab_indentation_gets_one_clear_message_and_a_tab_in_a_line_is_a_space(tmp_path):
    with pytest.raises(InputError, match="indents with spaces, not tabs"):
        load_profile(write_profile(tmp_path, "name: Ann\nhighlights:\n\t- x\n"))
    loaded = load_profile(write_profile(tmp_path, 'name: Ann\nhighlights: ["a\\tb"]\n'))
    assert [h.text for h in loaded.profile.highlights] == ["a b"]


@pytest.mark.parametrize(
    "text,message",
    [
        ('{"name": "A", "x": NaN}', "NaN is not a JSON value"),
        ('{"name": "A", "n": ' + "9" * 5000 + "}", "not valid JSON"),
    ],
)
def test_json_that_python_reads_but_json_forbids(tmp_path, text, message):
    with pytest.raises(InputError, match=message):
        load_profile(write_profile(tmp_path, text, "p.json"))


def test_files_of_nuls_and_symlink_loops(tmp_path):
    zeros = tmp_path / "zeros.yaml"
    zeros.write_bytes(b"\0" * 4096)
    with pytest.raises(InputError) as caught:
        load_profile(zeros)
    assert "binary file" in str(caught.value) and "UTF-16" not in str(caught.value)
    loop = tmp_path / "loop.yaml"
    loop.symlink_to(loop)
    result = resume("render", str(loop), "-o", str(tmp_path / "out"))
    no_internal_error(result)
    assert result.returncode == 2 and "loop.yaml" in result.stderr


def test_a_docx_of_nested_paragraphs_is_read_in_linear_time(tmp_path):
    nested = "<w:p><w:r><w:t>x</w:t></w:r>" * 20_000 + "</w:p>" * 20_000
    body = (
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body>{nested}</w:body></w:document>"
    ).encode()
    path = _docx_with(tmp_path, **{"word/document.xml": body})
    result = runner.invoke(app, ["check", str(path)])
    assert "internal error" not in result.output  # and it returns (it used to run for hours)


def test_a_large_text_file_against_a_profile_is_checked_in_bounded_time(tmp_path):
    junk = tmp_path / "x.txt"
    junk.write_text(("lorem ipsum " * 100_000 + "\n") * 10)  # 12 MB, nothing of the resume
    result = runner.invoke(app, ["check", str(junk), "--profile", str(RUI)])
    assert result.exit_code == 1 and "not found in order" in result.output


def test_a_theme_listing_a_section_twice_is_an_error(theme_copy):
    _set(theme_copy, "styles:", "sections: [summary, experience, summary]\nstyles:")
    assert "section 'summary' is listed twice" in _theme_error(theme_copy)


def test_urls_with_a_lone_parenthesis_stay_links(tmp_path):
    path = write_profile(
        tmp_path,
        "name: Ann\nemail: a@b.co\n"
        'links: [{url: "https://example.com/a(b"}]\n'
        'projects: [{name: P, url: "https://example.com/p)q"}]\n',
    )
    out = tmp_path / "out"
    result = runner.invoke(app, ["render", str(path), "-o", str(out), "--check"])
    assert result.exit_code == 0, result.output
    text = (out / "ann" / "ann-classic.txt").read_text()
    assert "example.com/a(b" in text and "](" not in text


def test_bidi_marks_and_a_replacement_character_in_the_profile_pass_check(tmp_path):
    path = write_profile(
        tmp_path, 'name: Ann\nemail: a@b.co\nsummary: "A\\u200eB\\u200f C\\u2067D\\u2069 \\ufffd"\n'
    )
    result = runner.invoke(app, ["render", str(path), "-o", str(tmp_path / "o"), "--check"])
    assert result.exit_code == 0, result.output


def test_many_long_tags_give_a_short_distinct_file_name(tmp_path):
    tags = [f"tag{'x' * 35}{n}" for n in range(8)]
    bullets = "".join(f"  - {{text: b{n}, tags: [{tag}]}}\n" for n, tag in enumerate(tags))
    path = write_profile(tmp_path, f"name: Ann\nemail: a@b.co\nhighlights:\n{bullets}")
    out = tmp_path / "out"
    result = runner.invoke(
        app, ["render", str(path), "-o", str(out), "-f", "txt", "--tags", ",".join(tags)]
    )
    assert result.exit_code == 0, result.output
    (written,) = (out / "ann").iterdir()
    assert len(written.name) <= 130


def test_a_theme_named_like_another_at_a_page_size_is_refused_alongside_it(tmp_path):
    """classic at --page-size a4 writes <who>-classic-a4.pdf; so does a theme named
    classic-a4 at its own size."""
    folder = tmp_path / "classic-a4"
    shutil.copytree(ROOT / "themes" / "classic", folder)
    text = (folder / "theme.yaml").read_text().replace("name: classic", "name: classic-a4")
    (folder / "theme.yaml").write_text(text.replace("size: letter", "size: a4"))
    out = tmp_path / "out"
    args = ["render", str(RUI), "-t", f"classic,{folder}", "-p", "a4", "-o", str(out)]
    result = runner.invoke(app, args)
    assert result.exit_code == 2 and "would both write <who>-classic-a4" in result.output
    assert not out.exists()


@pytest.mark.parametrize(
    "font_name", ['Cambria"; } @import url(https://x.io/a.css); a {', "Arial</style><script>"]
)
def test_a_font_name_cannot_break_out_of_the_html_stylesheet(theme_copy, font_name):
    _set(theme_copy, "docx_font: Cambria", f"docx_font: {_quoted(font_name)}")
    assert "docx_font" in _theme_error(theme_copy)


def test_the_html_stylesheet_escapes_what_the_theme_gives_it(theme_copy, tmp_path):
    _set(theme_copy, "styles:", 'bullet: "\'"\nstyles:')
    chosen = load_theme(str(theme_copy))
    page = render_bytes("html", compose(load_profile(RUI).profile, chosen), chosen).decode()
    style = page[page.index("<style>") : page.index("</style>")]
    assert 'list-style:"\\27   "' in style and "url(" not in style


def test_a_themes_own_page_with_a_script_is_refused(theme_copy, tmp_path):
    page = (ROOT / "renderer" / "theme" / "templates" / "page.html.j2").read_text()
    (theme_copy / "page.html.j2").write_text(page.replace("</main>", "<script>x()</script></main>"))
    result = resume("render", str(RUI), "-t", str(theme_copy), "-o", str(tmp_path), "-f", "html")
    no_internal_error(result)
    assert result.returncode == 1 and "script" in result.stderr and "page.html.j2" in result.stderr


@pytest.mark.parametrize("month", ["%b%n%Y", "%b%t%Y"])
def test_date_formats_that_make_more_than_one_line_fail_at_load(theme_copy, month):
    _set(theme_copy, "styles:", f"dates: {{month: {_quoted(month)}}}\nstyles:")
    assert "dates.month" in _theme_error(theme_copy)


def test_a_font_that_forbids_embedding_is_refused(theme_copy):
    font = theme_copy / "fonts" / "Caladea-Bold.ttf"
    data = bytearray(font.read_bytes())
    count = int.from_bytes(data[4:6], "big")
    for i in range(count):
        entry = data[12 + 16 * i : 28 + 16 * i]
        if entry[:4] == b"OS/2":
            offset = int.from_bytes(entry[8:12], "big")
            data[offset + 8 : offset + 10] = (0x0002).to_bytes(2, "big")  # restricted licence
    font.write_bytes(bytes(data))
    assert "does not allow embedding" in _theme_error(theme_copy)


@pytest.mark.parametrize("table", [b"glyf", b"hmtx", b"loca"])
def test_fonts_with_damaged_tables_are_render_errors_naming_the_fonts(theme_copy, tmp_path, table):
    font = theme_copy / "fonts" / "Caladea-Regular.ttf"
    data = bytearray(font.read_bytes())
    count = int.from_bytes(data[4:6], "big")
    for i in range(count):
        entry = data[12 + 16 * i : 28 + 16 * i]
        if entry[:4] == table:
            offset, length = int.from_bytes(entry[8:12], "big"), int.from_bytes(entry[12:16], "big")
            data[offset : offset + length] = bytes(range(256)) * (length // 256) + bytes(
                length % 256
            )
    font.write_bytes(bytes(data))
    result = resume("render", str(RUI), "-t", str(theme_copy), "-o", str(tmp_path), "-f", "pdf")
    no_internal_error(result)
    assert result.returncode in (0, 1)  # some damage reportlab survives; none is a crash


def test_new_writes_json_when_asked_for_json(tmp_path):
    path = tmp_path / "me.json"
    assert runner.invoke(app, ["new", str(path)]).exit_code == 0
    assert load_profile(path).profile.name == "Your Name"


def test_check_reads_hostile_html_markdown_and_docx_in_bounded_work(tmp_path):
    """Files that once took minutes to read back (timings: benchmarks/adversarial.py): HTML
    of unclosed tags and comments, Markdown of '[](<' repeated, and a DOCX of a million
    empty paragraphs, which is refused before a tree of them is built."""
    import io
    import zipfile

    from renderer import formats as backends
    from renderer.ats.check import check

    html = b"<html><body><p>Ann</p>" + b'<a href="' * 10_000 + b"<!--" * 25_000
    assert check(backends.get("html"), html, None, "x.html").lines_total == 0
    markdown = b"[](<" * 100_000
    assert check(backends.get("md"), markdown, None, "x.md").ok
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"<w:document><w:body>" + b"<w:p/>" * 1_000_000)
    report = check(backends.get("docx"), buffer.getvalue(), None, "x.docx")
    assert any("more than 200,000 elements" in p for p in report.problems), report.problems
