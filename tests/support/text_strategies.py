"""Hypothesis strategies for essays full of what breaks naive splitters and counters."""

from __future__ import annotations

from hypothesis import strategies as st

# fmt: off
ascii_words = st.from_regex(r"[A-Za-z]{1,12}[.,;:!?]?", fullmatch=True)
special_words = st.sampled_from(
    [
        "Mr.", "Dr.", "e.g.", "i.e.", "U.K.", "3", "Sept.", "82.5%", "£1.2bn", "—", "vs.",
        "https://www.gov.uk/government/news/ofsted-visits", "www.naht.org.uk", "example.com/a?b=1",
        "@nahtnews", "@educationgovuk", "#EdChat", "#SENDcrisis", "“quoted”", "it’s", "(aside)",
        "👩‍🏫", "🇬🇧", "👍🏽", "1️⃣", "❤️", "📚", "👨‍👩‍👧‍👦",
        "教育は大切です。", "学校", "、", "한국어", "مدرسة", "בית־ספר", "école", "e\u0301cole",
        "Cymraeg", "naïve", "x" * 60,
    ]
)
# fmt: on
words = st.one_of(ascii_words, ascii_words, ascii_words, special_words)
paragraphs = st.lists(words, min_size=1, max_size=120).map(" ".join)
essays = st.lists(paragraphs, min_size=1, max_size=8).map("\n\n".join)

# Raw text for the counters: any characters that matter to them, no structure.
tricky_chars = st.sampled_from(
    [
        *"aZ09 .,:/@#_-\n",
        "é",
        "e\u0301",
        "ü",
        "ß",
        "ǅ",
        "\u200d",
        "\u200b",
        "\u202a",
        "\u200f",
        "\ufe0f",
        "\u20e3",
        "\U0001f3fd",
        "🇬",
        "🇧",
        "👩",
        "🏫",
        "❤",
        "😷",
        "教",
        "。",
        "한",
        "م",
        "ש",
        "\u0301",
        "\u0308",
        "\t",
        "\u00a0",
        "\u3000",
        "\U0001faf8",
        "𝕏",
        "\r",
    ]
)
unicode_soup = st.one_of(
    st.lists(tricky_chars, max_size=80).map("".join),
    st.text(max_size=60),
)

# Fragments that make twitter-text's URL rules work hard: protocols, TLDs (ASCII,
# IDN, ccTLD), punycode, t.co, ports, paths, queries and what may precede a URL.
url_fragments = st.sampled_from(
    [
        "https://", "http://", "www.", "example", ".com", ".co.uk", ".org", ".рф", ".みんな",
        ".jp", "xn--", "t.co/", "abc", "?q=1", "#x", ":8080", "/path", "(", ")", "@", "$",
        "#", "_", "-", ".", "/", " ", "\n", "ドメイン", "é", "\u200d", "\u202a", "'", '"',
        "’", "…", "😷", "👨‍👩‍👧", "1️⃣", "©", "a", "Z", "0",
    ]
)  # fmt: skip
url_soup = st.lists(url_fragments, max_size=30).map("".join)
