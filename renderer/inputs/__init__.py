"""Inputs: every kind of file a career arrives in, read into a profile with where each value
came from.

`reading.py` reads YAML and JSON keeping every value's line and column and turns pydantic's
complaints into problems that name them; each input format is one module (the profile's own
YAML or JSON, JSON Resume, RenderCV, …) in the registry this package holds. `foreign_text.py`
makes other tools' HTML and bullet lines the profile's own; `profile_yaml.py` writes an
imported profile back as YAML a person edits; `application.py` reads a job application.
"""
