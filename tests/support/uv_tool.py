"""uv, as the packaging tests run it: the one beside this Python (`.[test]` brings it),
in an environment with nothing of the person's own configuration, and a cache kept
between runs so that the package index is reached only for what it cannot serve."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from support.realparts import require_real_part

CACHE = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "threadsmith-tests"


def uv() -> str:
    found = shutil.which("uv", path=str(Path(sys.executable).parent)) or shutil.which("uv")
    require_real_part(found is not None, "uv (pip install -e '.[test]' brings it)")
    assert found is not None
    return found


def uv_environment(home: Path) -> dict[str, str]:
    kept = ("PATH", "SSL_CERT_FILE", "SSL_CERT_DIR", "LANG", "SYSTEMROOT")
    return {
        **{name: os.environ[name] for name in kept if name in os.environ},
        "HOME": str(home),
        "UV_CACHE_DIR": str(CACHE / "uv"),
        "UV_SYSTEM_CERTS": "1",
        "UV_PYTHON_DOWNLOADS": "never",
        "UV_NO_CONFIG": "1",
    }
