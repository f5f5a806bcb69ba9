"""A long-lived Node process running one of tests/node's scripts: a JSON line in, a JSON
line out, so that thousands of questions cost one start."""

from __future__ import annotations

import json
import shutil
import subprocess
from types import TracebackType
from typing import Any, Self

from support.realparts import NODE_DIR


class NodeScript:
    """`script` (a file of tests/node) running under Node until closed."""

    def __init__(self, script: str) -> None:
        node = shutil.which("node")
        assert node is not None
        self._process = subprocess.Popen(
            [node, str(NODE_DIR / script)],
            cwd=NODE_DIR,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )

    def _ask(self, question: object) -> Any:
        """The script's answer to `question`, each as one line of JSON."""
        assert self._process.stdin is not None and self._process.stdout is not None
        self._process.stdin.write(json.dumps(question) + "\n")
        self._process.stdin.flush()
        return json.loads(self._process.stdout.readline())

    def close(self) -> None:
        for stream in (self._process.stdin, self._process.stdout):
            if stream is not None:
                stream.close()
        self._process.wait(timeout=10)

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()
