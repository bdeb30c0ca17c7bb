"""The README's examples are real: its profile and theme load as written."""

from __future__ import annotations

import re
import shutil

from renderer.compose import compose
from renderer.loader import load_profile
from renderer.theme import load_theme
from tests.conftest import ROOT, render_bytes


def _yaml_block(after: str) -> str:
    text = (ROOT / "README.md").read_text("utf-8")
    section = text[text.index(after) :]
    return re.search(r"```yaml\n(.*?)```", section, re.S).group(1)


def test_readme_profile_example_loads_and_renders(tmp_path):
    path = tmp_path / "ada.yaml"
    path.write_text(_yaml_block("## The profile"), "utf-8")
    profile = load_profile(path).profile
    assert profile.name == "Ada Example" and len(profile.experience[1].roles) == 2
    doc = compose(profile, load_theme("modern"))
    assert render_bytes("pdf", doc, load_theme("modern")).startswith(b"%PDF")


def test_readme_theme_example_loads(tmp_path):
    folder = tmp_path / "mine"
    shutil.copytree(ROOT / "themes" / "modern", folder)
    (folder / "theme.yaml").write_text(_yaml_block("## Themes"), "utf-8")
    load_theme.cache_clear()
    try:
        theme = load_theme(str(folder))
        assert theme.name == "mine" and theme.templates["heading"] == "{{ title | upper }}"
    finally:
        load_theme.cache_clear()


def test_every_test_the_bad_input_table_names_exists():
    """The table of bad inputs says which test backs each row: each must be a real test."""
    readme = (ROOT / "README.md").read_text("utf-8")
    table = readme[readme.index("## Bad input and hostile content") :]
    table = table[: table.index("\n## ")]
    source = "\n".join(p.read_text("utf-8") for p in (ROOT / "tests").glob("test_*.py"))
    defined = set(re.findall(r"^def (test_\w+)", source, re.M))
    named = re.findall(r"(?:`|, |::|…)(test_\w+)(…)?(?!\w|::|\.py)", table)
    assert len(named) > 40
    for name, cut in named:
        found = any(d.startswith(name) for d in defined) if cut else name in defined
        assert found, f"README names {name}{cut}, which no test defines"


def test_readme_application_example_loads(tmp_path):
    from renderer.application import load_application

    text = (ROOT / "README.md").read_text("utf-8")
    section = text[text.index("## Applying for a job") :]
    example = re.findall(r"```yaml\n(.*?)```", section, re.S)[0]
    (tmp_path / "apps").mkdir()
    path = tmp_path / "apps" / "acme.yaml"
    path.write_text(example, "utf-8")
    loaded = load_application(path)
    assert loaded.application.company == "Northwind Cloud" and loaded.application.pages == 1
    assert loaded.application.cover_letter is not None
