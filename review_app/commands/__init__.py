"""One module per subcommand; each has `register(subparsers)` that sets `func` on its parser.

`func(args) -> int` returns the exit code. Modules are listed in `review_app.cli.COMMANDS`.
"""
