"""The README's and docs' examples are real: the commands, the profile, the theme and the
application load and run as written, and every test the bad-input table names exists."""

from __future__ import annotations

import re
import shutil

from renderer.compose.resume import compose
from renderer.inputs import load_profile
from renderer.theme.model import load_theme
from tests.conftest import ROOT, render_bytes

DOCS = ROOT / "docs"


def _yaml_block(doc: str) -> str:
    text = (DOCS / doc).read_text("utf-8")
    return re.search(r"```yaml\n(.*?)```", text, re.S).group(1)


def test_readme_profile_example_loads_and_renders(tmp_path):
    path = tmp_path / "ada.yaml"
    path.write_text(_yaml_block("profile.md"), "utf-8")
    profile = load_profile(path).profile
    assert profile.name == "Ada Example" and len(profile.experience[1].roles) == 2
    doc = compose(profile, load_theme("modern"))
    assert render_bytes("pdf", doc, load_theme("modern")).startswith(b"%PDF")


def test_readme_theme_example_loads(tmp_path):
    folder = tmp_path / "mine"
    shutil.copytree(ROOT / "themes" / "modern", folder)
    (folder / "theme.yaml").write_text(_yaml_block("themes.md"), "utf-8")
    load_theme.cache_clear()
    try:
        theme = load_theme(str(folder))
        assert theme.name == "mine" and theme.templates["heading"] == "{{ title | upper }}"
    finally:
        load_theme.cache_clear()


def test_every_test_the_bad_input_table_names_exists():
    """The table of bad inputs says which test backs each row: each must be a real test."""
    table = (DOCS / "bad-input.md").read_text("utf-8")
    source = "\n".join(p.read_text("utf-8") for p in (ROOT / "tests").glob("test_*.py"))
    defined = set(re.findall(r"^def (test_\w+)", source, re.M))
    named = re.findall(r"(?:`|, |::|…)(test_\w+)(…)?(?!\w|::|\.py)", table)
    assert len(named) > 40
    for name, cut in named:
        found = any(d.startswith(name) for d in defined) if cut else name in defined
        assert found, f"README names {name}{cut}, which no test defines"


def test_readme_application_example_loads(tmp_path):
    from renderer.inputs.application import load_application

    example = _yaml_block("applications.md")
    (tmp_path / "apps").mkdir()
    path = tmp_path / "apps" / "acme.yaml"
    path.write_text(example, "utf-8")
    loaded = load_application(path)
    assert loaded.application.company == "Northwind Cloud" and loaded.application.pages == 1
    assert loaded.application.cover_letter is not None


def test_readme_links_and_pictures_exist():
    for page in [ROOT / "README.md", *DOCS.glob("*.md")]:
        text = page.read_text("utf-8")
        for target in re.findall(r"\]\(([\w-]*[./][\w./-]*)\)", text):  # local links and pictures
            assert (page.parent / target).exists(), f"{page.name} links to {target}"


def test_readme_opens_with_the_two_commands_and_says_what_they_make():
    text = (ROOT / "README.md").read_text("utf-8")
    first, second = re.search(r"```sh\n(.*?)```", text, re.S).group(1).strip().splitlines()
    assert "resume render --theme all --check" in first and "--for applications" in first
    assert second == "bash .ci/setup && .venv/bin/python -m pytest"
    opening = text[: text.index("## ")]
    assert "output/<who>/<who>-<theme>.<format>" in opening and "warnings are expected" in opening


def test_readme_python_example_runs(tmp_path, monkeypatch):
    text = (ROOT / "README.md").read_text("utf-8")
    code = re.search(r"```python\n(.*?)```", text, re.S).group(1)
    monkeypatch.chdir(ROOT)
    code = code.replace('file.write("output")', f"file.write({str(tmp_path)!r})")
    exec(compile(code, "README.md", "exec"), {})
    assert (tmp_path / "rui-shao-modern.pdf").is_file()
    assert (tmp_path / "rui-shao-modern.docx").is_file()
