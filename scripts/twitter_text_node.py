"""What scripts/gen_twitter_data.py asks the official twitter-text and twemoji-parser
npm packages (run by Node from tests/node): the parts of the URL pattern by name,
the emoji pattern, and which UTF-16 code units a JavaScript atom matches."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

NODE_DIR = Path(__file__).resolve().parent.parent / "tests" / "node"

PARTS = [
    "extractUrl",
    "validUrlPrecedingChars",
    "validDomain",
    "validSubdomain",
    "validDomainName",
    "validDomainChars",
    "validGTLD",
    "validCCTLD",
    "validPunycode",
    "validPortNumber",
    "validUrlPath",
    "validUrlQueryChars",
    "validUrlQueryEndingChars",
    "validAsciiDomain",
    "latinAccentChars",
    "validTcoUrl",
    "invalidUrlWithoutProtocolPrecedingChars",
]

# The parts named on stdin: their source and flags (a few are plain strings).
DUMP = """
const get = (path) => { const m = require(path); return m.default || m; };
const out = {parts: {}};
for (const name of JSON.parse(require("fs").readFileSync(0, "utf8"))) {
  const r = get("twitter-text/dist/regexp/" + name);
  out.parts[name] = typeof r === "string"
    ? {source: r, flags: ""} : {source: r.source, flags: r.flags};
}
const emoji = get("twemoji-parser/dist/lib/regex");
out.emoji = {source: emoji.source, flags: emoji.flags};
out.config = get("twitter-text/dist/configs").version3;
out.versions = {
  "twitter-text": require("twitter-text/package.json").version,
  "twemoji-parser": require("twemoji-parser/package.json").version,
};
process.stdout.write(JSON.stringify(out));
"""

# For each [atom, flags]: the UTF-16 code units JavaScript matches it with (as ranges).
UNITS_MATCHED = """
const all = Array.from({length: 0x10000}, (_, i) => String.fromCharCode(i)).join("");
const atoms = JSON.parse(require("fs").readFileSync(0, "utf8"));
process.stdout.write(JSON.stringify(atoms.map(([atom, flags]) => {
  const ranges = [];
  for (const m of all.matchAll(new RegExp(atom, "g" + flags))) {
    if (m[0].length !== 1) throw new Error("not one code unit: " + atom);
    const last = ranges[ranges.length - 1];
    if (last && last[1] === m.index - 1) last[1] = m.index; else ranges.push([m.index, m.index]);
  }
  return ranges;
})));
"""


def node(script: str, stdin: str = "") -> Any:
    run = subprocess.run(
        ["node", "-e", script],
        cwd=NODE_DIR,
        input=stdin,
        check=True,
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    return json.loads(run.stdout)
