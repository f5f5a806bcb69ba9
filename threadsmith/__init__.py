"""threadsmith: write the argument once, publish it as a thread that fits exactly.

This module imports nothing heavy: `thread split` must start fast.
"""

__version__ = "0.1.0"
