"""Subcommands beyond `split`: each module adds its parsers with `add_arguments`.

They import nothing heavy at module level: the CLI imports them to build its
parser, and `thread split` must stay quick.
"""
