"""Numbers in sentences."""

from threadsmith.wording import counted


def test_one_is_singular_and_every_other_number_plural() -> None:
    assert counted(1, "post") == "1 post"
    assert counted(0, "post") == "0 posts"
    assert counted(2, "post") == "2 posts"
    assert counted(12_400, "post") == "12,400 posts"
