"""Themes are data: validated, sandboxed, found by name, folder or installed package."""

from __future__ import annotations

import importlib.metadata
import shutil
import sys

import pytest

from renderer.errors import InputError
from renderer.theme import model as themes
from renderer.theme.model import available, builtin_names, load_theme
from tests.conftest import ROOT, THEMES


@pytest.fixture
def copy_of_classic(tmp_path):
    folder = tmp_path / "mine"
    shutil.copytree(ROOT / "themes" / "classic", folder)
    yield folder
    load_theme.cache_clear()


def _error(folder) -> str:
    load_theme.cache_clear()
    with pytest.raises(InputError) as caught:
        load_theme(str(folder))
    return str(caught.value)


def _edit(folder, old: str, new: str) -> None:
    path = folder / "theme.yaml"
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


def test_six_builtin_themes_four_font_families_three_made_by_extending():
    assert builtin_names() == [
        "classic",
        "compact",
        "engineering",
        "executive",
        "harvard",
        "modern",
    ]
    loaded = {n: load_theme(n) for n in builtin_names()}
    assert {t.docx_font for t in loaded.values()} == {
        "Cambria",
        "Calibri",
        "Arial",
        "Times New Roman",
    }
    for name in ("classic", "compact", "modern", "harvard"):  # fonts of their own, and licence
        assert (loaded[name].folder / "fonts" / "LICENSE").is_file()
    assert not (loaded["engineering"].folder / "fonts").exists()  # classic's
    harvard = loaded["harvard"]
    assert harvard.fonts.fallback == loaded["classic"].fonts.fallback  # inherited
    assert harvard.entry_head == "organisation-over-title"
    assert loaded["engineering"].entry_head == "title-over-organisation"
    assert loaded["engineering"].styles.heading.small_caps
    # executive says only what differs from classic; the rest is classic's.
    executive, classic = loaded["executive"], loaded["classic"]
    assert not (executive.folder / "fonts").exists()
    assert executive.fonts == classic.fonts and executive.dates == classic.dates
    assert executive.header == "split" and classic.header == "stacked"
    assert executive.colours.accent != classic.colours.accent
    assert executive.colours.text == classic.colours.text  # a partial mapping merges
    assert executive.styles.name.size != classic.styles.name.size
    assert executive.styles.name.bold == classic.styles.name.bold  # a partial style merges
    assert executive.styles.bullet == classic.styles.bullet


@pytest.fixture
def child_of_classic(tmp_path):
    folder = tmp_path / "child"
    folder.mkdir()
    (folder / "theme.yaml").write_text(
        "extends: classic\nname: child\nstyles: {bullet: {size: 9}}\n"
        "templates: {heading: '{{ title | upper }}'}\n"
    )
    yield folder
    load_theme.cache_clear()


def test_a_theme_extends_another_and_overrides_parts(child_of_classic):
    child = load_theme(str(child_of_classic))
    classic = load_theme("classic")
    assert child.name == "child" and child.styles.bullet.size == 9
    assert child.styles.bullet.indent == classic.styles.bullet.indent
    assert child.template("heading") == "{{ title | upper }}"
    assert child.fonts.regular == classic.fonts.regular  # the parent's files, where they are


def test_a_child_may_bring_its_own_fonts(child_of_classic):
    (child_of_classic / "fonts").mkdir()
    shutil.copy(
        ROOT / "themes" / "modern" / "fonts" / "Carlito-Bold.ttf", child_of_classic / "fonts"
    )
    with (child_of_classic / "theme.yaml").open("a") as stream:
        stream.write("fonts: {bold: fonts/Carlito-Bold.ttf}\n")
    child = load_theme(str(child_of_classic))
    assert child.fonts.bold == str((child_of_classic / "fonts" / "Carlito-Bold.ttf").resolve())
    assert child.fonts.regular == load_theme("classic").fonts.regular


@pytest.mark.parametrize(
    "extends,message",
    [
        ("nosuch", "extends: 'nosuch': unknown theme 'nosuch'"),
        (".", "themes extend each other in a loop"),
        ("[classic]", "extends names a theme or a folder"),
    ],
)
def test_bad_parents_are_errors_naming_the_line(child_of_classic, extends, message):
    text = (child_of_classic / "theme.yaml").read_text()
    (child_of_classic / "theme.yaml").write_text(
        text.replace("extends: classic", f"extends: {extends}")
    )
    error = _error(child_of_classic)
    assert message in error and "theme.yaml:1:" in error


def test_theme_from_a_folder(copy_of_classic):
    loaded = load_theme(str(copy_of_classic))
    assert loaded.name == "classic" and loaded.origin.startswith("folder")


def test_unknown_theme_lists_the_known_ones():
    with pytest.raises(InputError) as caught:
        load_theme("fancy")
    assert "known themes: classic, compact, engineering, executive, harvard, modern" in str(
        caught.value
    )


def test_broken_yaml(copy_of_classic):
    (copy_of_classic / "theme.yaml").write_text("name: x\nstyles: [\n")
    assert "theme.yaml:3:1: not valid YAML" in _error(copy_of_classic)


def test_bad_value_names_line_and_field(copy_of_classic):
    _edit(copy_of_classic, 'accent: "#1F3A5F"', 'accent: "navy"')
    line = _line_of(copy_of_classic, 'accent: "navy"')
    message = _error(copy_of_classic)
    assert f"theme.yaml:{line}:11 colours.accent:" in message and "pattern" in message


def test_missing_font_file(copy_of_classic):
    (copy_of_classic / "fonts" / "Caladea-Bold.ttf").unlink()
    assert "fonts.bold: font file 'fonts/Caladea-Bold.ttf' does not exist" in _error(
        copy_of_classic
    )


def test_font_outside_the_theme_folder(copy_of_classic):
    _edit(copy_of_classic, "fonts/Caladea-Bold.ttf", "../../../../etc/passwd")
    assert "points outside the theme folder" in _error(copy_of_classic)


def test_template_syntax_error(copy_of_classic):
    (copy_of_classic / "theme.yaml").open("a").write('templates:\n  skill: "{% for %}"\n')
    line = _line_of(copy_of_classic, 'skill: "{% for %}"')
    message = _error(copy_of_classic)
    assert (
        "templates.skill: template syntax error" in message and f"theme.yaml:{line}:10" in message
    )


def _line_of(folder, text: str) -> int:
    lines = (folder / "theme.yaml").read_text("utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if text in line)


def test_template_naming_an_undefined_field(copy_of_classic):
    (copy_of_classic / "theme.yaml").open("a").write('templates:\n  skill: "{{ nme }}"\n')
    message = _error(copy_of_classic)
    assert "'nme' is undefined (this slot is given: name, keywords, comma, colon)" in message


def test_templates_cannot_reach_python_internals(copy_of_classic):
    (copy_of_classic / "theme.yaml").open("a").write(
        'templates:\n  skill: "{{ name.__class__.__mro__[1].__subclasses__() }}"\n'
    )
    assert "unsafe" in _error(copy_of_classic)


def test_unknown_slot(copy_of_classic):
    (copy_of_classic / "theme.yaml").open("a").write('templates:\n  sidebar: "x"\n')
    assert "unknown slot 'sidebar'; slots are heading, link" in _error(copy_of_classic)


def test_installed_theme_package_is_found_without_running_its_code(tmp_path, monkeypatch):
    package = tmp_path / "site" / "resume_theme_ocean"
    shutil.copytree(ROOT / "themes" / "modern", package)
    _edit(package, "name: modern", "name: ocean")
    canary = tmp_path / "imported"
    (package / "__init__.py").write_text(f"open({str(canary)!r}, 'w').close()\n")
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    entry = importlib.metadata.EntryPoint(
        name="ocean", value="resume_theme_ocean", group=themes.ENTRY_POINT_GROUP
    )
    real = importlib.metadata.entry_points

    def entry_points(**kwargs):
        if kwargs.get("group") == themes.ENTRY_POINT_GROUP:
            return [entry]
        return real(**kwargs)

    monkeypatch.setattr(importlib.metadata, "entry_points", entry_points)
    found = available()
    assert found["ocean"][0] == package
    load_theme.cache_clear()
    assert load_theme("ocean").name == "ocean"
    assert not canary.exists(), "finding a theme must not import (run) its package"
    assert "resume_theme_ocean" not in sys.modules
    load_theme.cache_clear()


def test_template_writing_a_refused_link(copy_of_classic):
    (copy_of_classic / "theme.yaml").open("a").write(
        'templates:\n  heading: "[{{ title }}](javascript:alert(1))"\n'
    )
    message = _error(copy_of_classic)
    assert "templates.heading: template makes bad markup" in message
    assert "javascript: links are refused" in message


@pytest.mark.parametrize("name", THEMES)
def test_separator_glyphs_have_room(name):
    """A glyph whose advance is narrower than its ink overlaps what follows: Caladea Italic's
    middle dot had an advance of 4 units ("Full-time ·Remote") until its copy here was mended.
    Every character a theme puts between words must take the room it draws in."""
    from fontTools.ttLib import TTFont

    theme = load_theme(name)
    characters = set(theme.separator + theme.entry_separator + theme.dates.separator)
    characters |= set(theme.bullet + "·|—–•")
    characters -= {" "}
    fonts = theme.fonts
    for face in (fonts.regular, fonts.bold, fonts.italic, fonts.bold_italic):
        font = TTFont(theme.font_path(face))
        cmap, glyphs, metrics = font.getBestCmap(), font["glyf"], font["hmtx"]
        for character in characters:
            if ord(character) not in cmap:
                continue  # drawn by a fallback font
            glyph = cmap[ord(character)]
            advance, _ = metrics[glyph]
            ink = glyphs[glyph]
            if ink.numberOfContours:
                assert ink.xMax <= advance * 1.2 + 20, (face, character, advance, ink.xMax)


def test_spaces_in_lines_are_lines_of_the_themes_own_body_text(tmp_path):
    """`3/4 line` is three quarters of the paragraph's size times its line height, the
    paragraph of the theme as extended, not of the parent that wrote the space."""
    folder = tmp_path / "big"
    folder.mkdir()
    (folder / "theme.yaml").write_text(
        "extends: classic\nname: big\n"
        "styles: {paragraph: {size: 12, leading: 1.5}, entry: {space_before: 0.5 lines}}\n"
    )
    try:
        theme = load_theme(str(folder))
    finally:
        load_theme.cache_clear()
    assert theme.styles.entry.space_before == 9.0  # 1/2 of 12 x 1.5
    assert theme.styles.heading.space_before == 13.5  # classic's 3/4 line, of this body line
    assert theme.styles.name.space_before == 0


@pytest.mark.parametrize("written", ["half a line", "1/0 line", "-1 line", "3 pt"])
def test_a_space_that_is_neither_points_nor_lines_says_how_to_write_one(copy_of_classic, written):
    _edit(copy_of_classic, "space_before: 3/8 line", f"space_before: {written}")
    line = _line_of(copy_of_classic, f"space_before: {written}")
    message = _error(copy_of_classic)
    assert f"theme.yaml:{line}:" in message and "styles.entry.space_before" in message
    assert "write points (6) or lines of body text" in message


@pytest.mark.parametrize("name", THEMES)
def test_every_theme_spaces_its_blocks_in_one_rhythm(name):
    """Vertical space is a few multiples of an eighth of the body line: a page has one
    rhythm, not a space per block chosen by eye (10, 4, 5, 3 and 1.5 points before)."""
    theme = load_theme(name)
    line = theme.styles.paragraph.size * theme.styles.paragraph.leading
    spaces = {
        round(getattr(style, side) / line * 8, 2)
        for _, style in theme.styles
        for side in ("space_before", "space_after")
    }
    assert all(eighths == round(eighths) for eighths in spaces), sorted(spaces)
    assert len(spaces - {0}) <= 5, sorted(spaces)
    styles = theme.styles
    # the hierarchy a reader sees: more before a section than an entry, more between
    # paragraphs than between a paragraph's lines' bullets
    assert styles.heading.space_before > styles.entry.space_before > styles.bullet.space_after
    assert styles.paragraph.space_after > styles.bullet.space_after
