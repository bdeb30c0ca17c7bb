"""What an applicant tracking system makes of a written file.

`check.py` reads a file back with each of its format's readers and proves every line of the
Document came back, in order, character for character; `fields.py` parses the read lines as a
simple screening parser would (title, organisation, dates, bullets per entry); `keywords.py`
compares a job advert's terms with what the resume shows.
"""
