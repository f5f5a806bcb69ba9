from support.pds import pds
from support.secret_service import secret_service

__all__ = ["pds", "secret_service"]
