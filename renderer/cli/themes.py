"""`resume themes`: the themes there are, and where each comes from."""

from __future__ import annotations

from renderer.cli.app import app


@app.command(short_help="List the themes and where they come from.")
def themes() -> None:
    """List the themes: name, description, and where each came from."""
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    from renderer.errors import InputError
    from renderer.theme.model import available, load_theme

    table = Table(show_edge=False, pad_edge=False)
    for column in ("theme", "description", "from"):
        table.add_column(column)
    for name, (_folder, origin) in sorted(available().items()):
        try:
            description = escape(load_theme(name).description)
        except InputError as error:
            description = f"[red]broken: {escape(error.problems[0].message)}[/]"
        table.add_row(name, description, escape(origin))
    Console(highlight=False).print(table)
