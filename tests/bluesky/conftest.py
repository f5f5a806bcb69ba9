from support.pds import pds

__all__ = ["pds"]
