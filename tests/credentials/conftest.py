from support.memory_keyring import memory_keyring
from support.secret_service import secret_service

__all__ = ["memory_keyring", "secret_service"]
