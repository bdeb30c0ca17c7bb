"""Composing: a profile and a theme (and a locale) become a Document, what will be on the
page, in order, styled by role and not by format.

`document.py` is the Document (the one input of every format); `resume.py` composes a
resume, one composer per shape of section; `letter.py` a cover letter in the same theme.
"""
