"""A whole Bluesky thread in one repository commit, as the official app writes one.

Every post of a run, its threadgate and postgates go in one `applyWrites` call (the PDS
takes up to `MAX_WRITES` writes a call; a longer thread goes in as few calls as that
allows, each whole). A reply names its parent by a strong ref, the parent's record CID,
before anything is sent: each record's CID is computed here exactly as the PDS computes
it (the record as sent, in DAG-CBOR, hashed with sha256, as a CIDv1), so the run can
journal every record key and CID before the request, and a commit either lands whole
or not at all.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import libipld
from atproto import models
from atproto_client.models.utils import get_model_as_dict

from threadsmith.journal import PostRef

MAX_WRITES = 200  # what a PDS takes in one applyWrites call (it refuses more)
# a CIDv1 (0x01) of a DAG-CBOR block (0x71), its multihash sha2-256 (0x12) of 32 bytes
_CID_PREFIX = b"\x01\x71\x12\x20"
_TID_ALPHABET = "234567abcdefghijklmnopqrstuvwxyz"
_tid_lock = threading.Lock()
_last_tid = 0


def new_tid() -> str:
    """A record key in the atproto TID format, strictly increasing in this process."""
    global _last_tid  # noqa: PLW0603 - one clock for the whole process is the point
    with _tid_lock:
        micros = max(time.time_ns() // 1000, _last_tid + 1)
        _last_tid = micros
    value = (micros << 10) | (id(_tid_lock) & 0x3FF)  # 53-bit time, 10-bit clock id
    return "".join(_TID_ALPHABET[(value >> shift) & 31] for shift in range(60, -1, -5))


@dataclass(frozen=True, slots=True)
class Planned:
    """One post made ready for a commit: its number in the run and its writes (the post's
    record first, then its gates), its record's CID computed."""

    number: int
    writes: tuple[Any, ...]
    cid: str


def record_cid(record: Any) -> str:
    """The CID a PDS gives `record` (an SDK model of a record), in its base32 form."""
    block = libipld.encode_dag_cbor(_ipld(get_model_as_dict(record)))
    return libipld.encode_cid(_CID_PREFIX + hashlib.sha256(block).digest())


def _ipld(value: Any) -> Any:
    """A record as JSON (`{"$link": …}` for a CID) in the IPLD data model the PDS hashes:
    a link as the CID's bytes, which libipld writes as a CID (tag 42). Posts carry no
    `$bytes` fields; a record that did would get a CID the PDS disagrees with, which
    `send_thread` reports."""
    if isinstance(value, Mapping):
        if set(value) == {"$link"}:
            _, raw = libipld.decode_multibase(str(value["$link"]))
            return raw
        return {str(key): _ipld(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_ipld(item) for item in value]
    return value


def writes_needed(*, first: bool, threadgate: bool, postgate: bool) -> int:
    """The writes one post takes in a commit: its record, a threadgate on the thread's
    first post when replies are limited, a postgate when quotes are."""
    return 1 + int(first and threadgate) + int(postgate)


def range_said(first: int, last: int) -> str:
    """ "post 3", or "posts 3–12"."""
    return f"post {first}" if first == last else f"posts {first}–{last}"


def no_upload(number: int, nth: int) -> None:
    """No one to tell of an image's upload (a post sent alone)."""


def reply_ref(root: PostRef | None, parent: PostRef | None) -> Any:
    if parent is None:
        return None
    top = root or parent
    return models.AppBskyFeedPost.ReplyRef(
        root=models.ComAtprotoRepoStrongRef.Main(uri=top.uri, cid=top.cid),
        parent=models.ComAtprotoRepoStrongRef.Main(uri=parent.uri, cid=parent.cid),
    )
