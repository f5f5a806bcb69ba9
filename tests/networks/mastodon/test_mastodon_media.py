"""Images on Mastodon: alt text as the description, the wait for processing, and the
instance's media limits checked before anything is uploaded."""

from __future__ import annotations

from pathlib import Path

import pytest

from support.fake_mastodon import FakeMastodon
from support.images import png
from support.mastodon_run import OffsetClock, make_publisher
from threadsmith.errors import InputError, ServiceError
from threadsmith.journal import Outgoing
from threadsmith.threading.models import Media


def image(tmp_path: Path, name: str, data: bytes | None = None) -> str:
    """A real PNG at `name` (its content, not its name, makes it one), or `data`."""
    path = tmp_path / name
    if data is None:
        png(path)
    else:
        path.write_bytes(data)
    return str(path)


def test_images_go_up_with_alt_text_and_the_status_waits_until_processed(
    fake_mastodon: FakeMastodon, tmp_path: Path
) -> None:
    waits: list[str] = []
    clock = OffsetClock()
    publisher = make_publisher(
        fake_mastodon, on_wait=waits.append, sleep=clock.sleep, clock=clock.now
    )
    media = (Media(image(tmp_path, "chart.png"), "A bar chart of pay"),
             Media(image(tmp_path, "photo.png"), "Teachers marching"))  # fmt: skip
    publisher.send(Outgoing(1, "Look 1/", media), key="k", root=None, parent=None)
    stored = fake_mastodon.statuses[0]
    assert [fake_mastodon.media[m].description for m in stored.media_ids] == [
        "A bar chart of pay", "Teachers marching",
    ]  # fmt: skip
    sent = [fake_mastodon.media[m].data for m in stored.media_ids]
    assert sent == [Path(media[0].path).read_bytes(), Path(media[1].path).read_bytes()]
    assert any("processing chart.png" in line for line in waits)
    assert 0 < sum(clock.slept) < 10  # two polls each, with a growing pause


def test_media_that_is_never_processed_stops_after_a_bounded_wait(
    fake_mastodon: FakeMastodon, tmp_path: Path
) -> None:
    fake_mastodon.media_polls = 10_000
    clock = OffsetClock()
    publisher = make_publisher(fake_mastodon, media_wait=30, sleep=clock.sleep, clock=clock.now)
    with pytest.raises(ServiceError, match=r"still processing chart\.png after 30 s"):
        publisher.send(Outgoing(1, "x", (Media(image(tmp_path, "chart.png"), "alt"),)),
                       key="k", root=None, parent=None)  # fmt: skip
    assert fake_mastodon.statuses == []
    assert 30 <= sum(clock.slept) <= 34 and max(clock.slept) == 4.0


@pytest.mark.parametrize(
    ("name", "size", "message"),
    [
        ("notes.pdf", 8, r"notes\.pdf: not an image \(not a PNG"),
        (
            "huge.png",
            144_000,
            r"huge\.png: 144,000 bytes; this instance takes images up to 100,000",
        ),
    ],
    ids=["not-an-image", "too-big"],
)
def test_an_image_the_instance_refuses_is_refused_before_any_upload(
    fake_mastodon: FakeMastodon, tmp_path: Path, name: str, size: int, message: str
) -> None:
    fake_mastodon.image_size_limit = 100_000
    publisher = make_publisher(fake_mastodon)
    good = Media(image(tmp_path, "good.png"), "fine")
    with pytest.raises(InputError, match=message):
        publisher.send(Outgoing(1, "x", (good, Media(image(tmp_path, name, b"%" * size), "alt"))),
                       key="k", root=None, parent=None)  # fmt: skip
    assert fake_mastodon.media == {} and fake_mastodon.statuses == []


def test_alt_text_over_the_instance_limit_is_refused(
    fake_mastodon: FakeMastodon, tmp_path: Path
) -> None:
    publisher = make_publisher(fake_mastodon)
    with pytest.raises(InputError, match="is 1,501 characters; this instance takes 1,500"):
        publisher.send(Outgoing(1, "x", (Media(image(tmp_path, "a.png"), "a" * 1501),)),
                       key="k", root=None, parent=None)  # fmt: skip
