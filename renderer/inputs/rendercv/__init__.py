"""RenderCV (github.com/rendercv/rendercv): its YAML input, versions 1 and 2, read as a
profile. `reader.py` reads the `cv` header, the language and what has no place here;
`entries.py` the sections and their entries, by RenderCV's entry types; `fields.py` holds
the tables (entry types, field names, section names, languages); `text.py` takes out what
LaTeX and Typst left in the values and reads RenderCV's free dates.
"""

from renderer.inputs.rendercv.reader import import_rendercv, looks_like_rendercv

__all__ = ["import_rendercv", "looks_like_rendercv"]
