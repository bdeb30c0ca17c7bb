"""`python -m renderer.cli`: the `resume` command."""

from renderer.cli import main

main()
