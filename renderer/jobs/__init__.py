"""Jobs: what a command does with the pipeline.

`render.py` renders one profile in its themes and formats (file names, clashes, checks, one
job per profile, picklable for process pools); `parallel.py` runs many; `fit.py` fits a resume
to a number of pages; `applications.py` makes an application's tailored resume, cover letter
and keyword report; `preview.py` sets every theme side by side; `watch.py` renders again on
every change.
"""
