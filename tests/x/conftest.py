from support.memory_keyring import memory_keyring

__all__ = ["memory_keyring"]
