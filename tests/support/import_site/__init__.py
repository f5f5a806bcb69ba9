"""A web site and Word documents in the shape of campaigners' real ones, for the import tests."""
