"""The conformance suite every network must pass (see test_conformance.py)."""
