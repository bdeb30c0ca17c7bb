"""Bad input: every kind gets the project's own error naming file, line, column and field."""

from __future__ import annotations

import pytest

from renderer.errors import InputError
from renderer.inputs import load_profile
from renderer.inputs.reading import MAX_BYTES
from tests.conftest import ROOT, write_profile

RUI = (ROOT / "profiles" / "rui-shao.yaml").read_text("utf-8")


def _error(path) -> str:
    with pytest.raises(InputError) as caught:
        load_profile(path)
    return str(caught.value)


def _line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def test_misspelt_key_names_line_and_suggests(tmp_path):
    text = RUI.replace("company: Intel", "compnay: Intel")
    message = _error(write_profile(tmp_path, text))
    line = _line_of(text, "compnay")
    assert f"p.yaml:{line}:5 experience[1].compnay: unknown field 'compnay'" in message
    assert "did you mean 'company'?" in message
    assert "missing" not in message  # the hint covers it; no second, confusing error


def test_bad_month(tmp_path):
    text = RUI.replace("start: 2022\n", "start: 2025-13\n")
    message = _error(write_profile(tmp_path, text))
    line = _line_of(text, "start: 2025-13")
    assert f"p.yaml:{line}:12 experience[1].start: '2025-13' is not a valid month" in message


def test_broken_yaml(tmp_path):
    message = _error(write_profile(tmp_path, "name: Ann\nskills: [a, b\n"))
    assert message.startswith(f"{tmp_path / 'p.yaml'}:3:1: not valid YAML")


def test_wrong_type(tmp_path):
    message = _error(write_profile(tmp_path, "name: Ann\nexperience: 5\n"))
    assert "p.yaml:2:13 experience: Input should be a valid list" in message


def test_list_where_a_mapping_belongs(tmp_path):
    message = _error(write_profile(tmp_path, "- name: Ann\n"))
    assert "p.yaml:1:1: a profile is a mapping of fields" in message
    message = _error(write_profile(tmp_path, "name: Ann\nexperience:\n  - [Intel]\n"))
    assert "p.yaml:3:5 experience[0]:" in message


def test_empty_and_comment_only_files(tmp_path):
    assert "file is empty" in _error(write_profile(tmp_path, ""))
    assert "file is empty" in _error(write_profile(tmp_path, "# nothing yet\n\n"))


def test_binary_file(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    assert "is a binary file" in _error(path)


def test_latin1_bytes(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_bytes("name: Zoë\n".encode("latin-1"))
    assert "p.yaml:1:9: byte 0xEB is not UTF-8" in _error(path)


def test_unknown_section(tmp_path):
    message = _error(write_profile(tmp_path, "name: Ann\nhobbies: [chess]\n"))
    assert "p.yaml:2:1 hobbies: unknown field 'hobbies'" in message
    assert "allowed here:" in message


def test_missing_required_field(tmp_path):
    message = _error(write_profile(tmp_path, "name: Ann\neducation:\n  - degree: BSc\n"))
    assert "p.yaml:3:5 education[0].institution: required field 'institution' is missing" in message
    message = _error(write_profile(tmp_path, "name: Ann\nexperience:\n  - location: Oslo\n"))
    assert "p.yaml:3:5 experience[0]: a job needs a company or a title" in message


def test_control_character(tmp_path):
    message = _error(write_profile(tmp_path, 'name: "Ann\\u0007"\n'))
    assert "p.yaml:1:7 name: control character U+0007" in message


def test_duplicate_key(tmp_path):
    message = _error(write_profile(tmp_path, "name: Ann\nname: Bob\n"))
    assert "p.yaml:2:1: key 'name' is given twice" in message


def test_too_large(tmp_path):
    path = write_profile(tmp_path, "name: Ann\nsummary: " + "x" * MAX_BYTES + "\n")
    assert "a profile may be at most 1 MiB" in _error(path)


def test_alias_bomb(tmp_path):
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for prev, name in zip("abcdefg", "bcdefgh", strict=True):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    assert "alias bomb" in _error(write_profile(tmp_path, "\n".join(lines) + "\n"))


def test_missing_file(tmp_path):
    assert "no such file" in _error(tmp_path / "nobody.yaml")


def test_json_syntax_and_fields(tmp_path):
    message = _error(write_profile(tmp_path, '{"name": "Ann" "x"}', "p.json"))
    assert "p.json:1:16: not valid JSON" in message
    text = '{\n  "name": "Ann",\n  "experience": [{"company": "X", "end": "soon"}]\n}\n'
    message = _error(write_profile(tmp_path, text, "p.json"))
    assert "p.json:3:42 experience[0].end: 'soon' is not a date" in message


def test_refused_link_schemes(tmp_path):
    text = "name: Ann\nlinks:\n  - label: x\n    url: javascript:alert(1)\n"
    assert "javascript: links are refused" in _error(write_profile(tmp_path, text))
    text = "name: Ann\nhighlights: ['see [this](file:///etc/passwd)']\n"
    message = _error(write_profile(tmp_path, text))
    assert "p.yaml:2:14 highlights[0]" in message and "file: links are refused" in message


def test_roles_and_inline_role_fields_conflict(tmp_path):
    text = "experience:\n  - company: X\n    title: A\n    roles: [{title: B}]\n"
    assert "give either roles or title" in _error(write_profile(tmp_path, text))


def test_json_profiles_load_like_yaml(tmp_path):
    path = write_profile(tmp_path, '{"name": "Ann", "experience": [{"company": "X"}]}', "p.json")
    assert load_profile(path).profile.experience[0].company == "X"


def test_keys_yaml_cannot_construct(tmp_path):
    """`=` is YAML's 'value' key tag, which the safe loader cannot build (found by hypothesis)."""
    message = _error(write_profile(tmp_path, "=: x\n"))
    assert "p.yaml:1:1: cannot read key" in message


def test_a_bullet_without_a_space_after_its_dash_is_explained(tmp_path):
    path = write_profile(
        tmp_path, "name: A B\nexperience:\n  - company: X\n    highlights:\n      -Cut costs\n"
    )
    with pytest.raises(InputError) as raised:
        load_profile(path)
    (problem,) = raised.value.problems
    assert problem.line == 5 and 'start each item with "- "' in problem.message


def test_a_bad_start_is_not_told_to_be_present(tmp_path):
    path = write_profile(
        tmp_path, "name: A B\nexperience:\n  - company: X\n    start: June\n    end: someday\n"
    )
    with pytest.raises(InputError) as raised:
        load_profile(path)
    start, end = raised.value.problems
    assert start.message.endswith("write 2025 or 2025-02")  # a start cannot be the present
    assert end.message.endswith("write 2025, 2025-02 or present")


def test_json_with_trailing_commas_and_comments_is_read_with_a_warning_at_each(tmp_path):
    from renderer.profile.advice import lint

    path = tmp_path / "resume.json"
    path.write_text(
        '{\n  "basics": {"name": "Ann", // me\n  "email": "a@b.co",},\n'
        '  "work": [{"name": "Acme", "url": "https://a.co/x,y", "startDate": "2019-01",},],\n}\n',
        encoding="utf-8",
    )
    loaded = load_profile(path)
    assert loaded.profile.name == "Ann" and loaded.profile.experience[0].url == "https://a.co/x,y"
    said = {(w.line, w.column, w.message.split(",")[0]) for w in lint(loaded)}
    assert (2, 29, "a comment") in said
    assert (3, 20, "a comma before '}'") in said
    assert (4, 80, "a comma before ']'") in said


def test_json_broken_otherwise_names_the_fault_where_it_is(tmp_path):
    path = tmp_path / "resume.json"
    path.write_text('{"basics": {"name": "Ann" "email": 1},}', encoding="utf-8")
    with pytest.raises(InputError, match=r"resume.json:1:27: not valid JSON: a comma is missing"):
        load_profile(path)


def test_json_with_a_comma_missing_at_a_line_end_or_a_stray_line_after_it_is_read(tmp_path):
    from renderer.profile.advice import lint

    path = tmp_path / "resume.json"
    path.write_text(
        '{\n  "basics": {"name": "Ann"},\n  "skills": [{"name": "Web", "keywords": [\n'
        '    "CSS"\n    "HTML"\n  ]}]\n}\n- [ ]\n',
        encoding="utf-8",
    )
    loaded = load_profile(path)
    assert loaded.profile.skills[0].keywords == ["CSS", "HTML"]
    said = {(w.line, w.message.split(":")[0]) for w in lint(loaded)}
    assert (5, "a comma is missing before this value") in said
    assert (8, "left out") in said
