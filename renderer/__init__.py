"""resume-renderer: a career written once as a profile, rendered as ATS-friendly resumes.

The package is laid out in the order data flows (docs/design.md draws it):

    inputs/ -> profile/ -> compose/ -> formats/<format>/ -> ats/
    (files)    (model)     (Document)  (writer, reader)     (check, fields, keywords)

with `locale/` (words) and `theme/` (look) beside compose, `jobs/` (what commands do with
the pipeline), `cli/` (the `resume` command) and `api.py` (the Python API) on top, and
`errors.py` and `files.py` under everything. Imports only run down this list.

Programs import the API as `resume_renderer` (the distribution's name; `renderer` is too
generic a name to claim in someone else's program): `import resume_renderer`.
"""

__version__ = "0.2.0"  # the package's version (pyproject.toml reads it from here)
