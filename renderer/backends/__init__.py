"""One module per output format, each with `render(document, theme, page_size) -> bytes`."""
