"""The Python API as a program calls it: `import resume_renderer; resume_renderer.render(...)`
(`renderer`, where the code lives, exposes the same names)."""

from __future__ import annotations

import subprocess
import sys

import pytest

import resume_renderer as renderer
from renderer.errors import InputError
from tests.conftest import ROOT, THEMES

RUI = ROOT / "profiles" / "rui-shao.yaml"


def _deep(levels: int) -> list:
    value: list = ["x"]
    for _ in range(levels):
        value = [value]
    return value


def test_render_from_a_path_returns_named_files_in_memory(tmp_path):
    files = renderer.render(RUI, theme="modern", formats=("pdf", "docx", "txt"), check=True)
    assert [f.name for f in files] == [
        "rui-shao-modern.pdf",
        "rui-shao-modern.docx",
        "rui-shao-modern.txt",
    ]
    pdf, docx, txt = files
    assert pdf.data.startswith(b"%PDF-") and pdf.pages == 2  # Skills and Languages on page 2
    assert docx.data.startswith(b"PK")
    assert "Rui Shao" in txt.data.decode("utf-8")
    assert all(f.check is not None and f.check.ok for f in files)
    assert any("no e-mail or phone" in w for w in pdf.warnings)
    written = pdf.write(tmp_path / "new")
    assert written == tmp_path / "new" / "rui-shao-modern.pdf"
    assert written.read_bytes() == pdf.data


def test_render_from_a_dict_and_a_json_resume_dict():
    profile = {"name": "Ada Lovelace", "email": "ada@example.org", "skills": []}
    (text,) = renderer.render(profile, formats=["txt"])
    assert text.name == "ada-lovelace-classic.txt" and b"ada@example.org" in text.data
    json_resume = {"basics": {"name": "Ada Lovelace", "image": "ada.png"}}
    (md,) = renderer.render(json_resume, formats=["md"])
    assert md.data.startswith(b"# Ada Lovelace")
    assert any("basics.image" in w for w in md.warnings)


def test_render_options_match_the_cli():
    kaiyang = ROOT / "profiles" / "kaiyang.yaml"
    (tagged,) = renderer.render(kaiyang, formats=["txt"], exclude_tags=["research"])
    (whole,) = renderer.render(kaiyang, formats=["txt"])
    assert len(tagged.data) < len(whole.data)
    (german,) = renderer.render(RUI, formats=["txt"], locale="de")
    assert "Berufserfahrung" in german.data.decode("utf-8")
    (a4,) = renderer.render(RUI, page_size="a4", pages=1, formats=["pdf"])
    assert a4.name == "rui-shao-classic-a4.pdf" and a4.pages == 1


def test_default_formats_are_those_attached_to_an_application():
    assert [f.format for f in renderer.render(RUI)] == ["pdf", "docx"]
    # Formats and tags may be written as the CLI takes them: one string, comma-separated.
    assert [f.format for f in renderer.render(RUI, formats="txt,md")] == ["txt", "md"]


def test_load_takes_a_model_back():
    profile = renderer.load(RUI)
    assert renderer.load(profile) is profile
    assert renderer.to_json_resume(profile)["basics"]["name"] == "Rui Shao"
    assert renderer.themes() == THEMES
    assert renderer.formats() == ["pdf", "docx", "html", "txt", "md"]


@pytest.mark.parametrize(
    ("call", "says"),
    [
        (lambda: renderer.render({"name": "A", "emial": "a@b.org"}), "did you mean 'email'"),
        (lambda: renderer.render(RUI, formats=["pdf", "rtf"]), "unknown format 'rtf'"),
        (lambda: renderer.render(RUI, theme="nope"), "nope"),
        (lambda: renderer.render(RUI, tags=["sre"]), "tag 'sre'"),
        (lambda: renderer.render(RUI, locale="xx"), "xx"),
        (lambda: renderer.render(ROOT / "missing.yaml"), "missing.yaml"),
        (lambda: renderer.render(RUI, locale=5), "locale is a code"),
        (lambda: renderer.render(RUI, tags=[1]), "tags are words"),
        (lambda: renderer.render(RUI, pages=0), "pages is a whole number"),
        (lambda: renderer.render(RUI, pages=True), "pages is a whole number"),
        (lambda: renderer.render({"name": "A\ud800"}), "half of a character"),
        (lambda: renderer.load({"name": "A", "highlights": _deep(3000)}), "nested too deeply"),
    ],
)
def test_bad_input_raises_input_error_with_problems(call, says):
    with pytest.raises(renderer.InputError) as raised:
        call()
    assert raised.value is not None and isinstance(raised.value, InputError)
    assert says in str(raised.value) and raised.value.problems


def test_problems_in_a_dict_name_the_field():
    with pytest.raises(renderer.InputError) as raised:
        renderer.load({"name": "A", "experience": [{"company": "X", "start": "June"}]})
    (problem,) = raised.value.problems
    assert problem.path == ("experience", 0, "start")


def test_importing_the_package_stays_light_and_versioned():
    heavy = "('pydantic', 'reportlab', 'jinja2')"
    code = f"import sys, resume_renderer; print(sorted(m for m in {heavy} if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "[]", result.stderr
    from importlib.metadata import version

    assert renderer.__version__ == version("resume-renderer")  # what pip installed


def test_one_public_import_name():
    """Programs import resume_renderer, which is renderer.api's __all__ and nothing else; the
    code's own package exports no API of its own to drift from it."""
    import renderer as inner
    from renderer import api

    assert sorted(renderer.__all__) == sorted({*api.__all__, "__version__"})
    for name in api.__all__:
        assert getattr(renderer, name) is getattr(api, name)
    assert not any(hasattr(inner, name) for name in ("render", "load", "themes"))
    assert renderer.__version__ == inner.__version__


def test_many_threads_give_the_serial_bytes():
    """A web service calls render() from many threads at once: every file must be the one a
    serial render gives, every theme and format, with no person's text in another's file."""
    from concurrent.futures import ThreadPoolExecutor

    profiles = sorted((ROOT / "profiles").glob("*.yaml"))
    jobs = [(p, t, f) for p in profiles for t in THEMES for f in renderer.formats()]

    def files(job):
        profile, theme, fmt = job
        return [(o.name, o.data) for o in renderer.render(profile, theme=theme, formats=fmt)]

    serial = [files(job) for job in jobs]
    with ThreadPoolExecutor(16) as pool:
        together = list(pool.map(files, jobs * 2))
    assert together == serial * 2
