"""Themes: the look of a resume, as data.

`model.py` is the theme.yaml model with its discovery (built-in, a folder, an entry point) and
`extends`; `slots.py` words the pieces of a section through the theme's Jinja2 templates and
renders the text formats' output templates (`templates/`); `slotforms.py` renders the built-in
slots without Jinja2; `sandbox.py` runs a theme's templates, which we did not write, bounded;
`fontcache.py` keeps fonts stripped of hinting. A theme never runs code.
"""
