"""The profile: what a career is, with no layout and no I/O.

`model.py` holds the pydantic models (every field documented, which also makes the JSON
Schema editors complete from); `values.py` reads values as people write them (dates, phones,
links); `markup.py` the inline markup a text may carry; `sections.py` the catalogue of
sections (each kind once: heading, shape, slots); `sourced.py` a profile with where each of
its values came from; `advice.py` the warnings that do not block a render; `schema.py` the
JSON Schema and the commented profile `resume new` writes. Nothing here reads a file.
"""
