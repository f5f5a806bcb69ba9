"""threadsmith's own networks: one folder each, one `Network` subclass in each folder's
`__init__` (cheap to import: the code that talks to the network loads when first used).

They are found as any network is, through the `threadsmith.networks` entry point group
(pyproject.toml declares these three): a network shipped as a package of its own is
found the same way, and nothing in the app, the command line or the store changes.
"""
