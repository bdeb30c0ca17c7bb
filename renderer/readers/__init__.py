"""Reading written files back as an applicant tracking system would, one module per kind of
file. Each format's declaration (`renderer/backends/`) points at its reader here."""
