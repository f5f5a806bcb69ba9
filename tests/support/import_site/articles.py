"""The articles the test pages carry, as data: each page wraps one in its platform's markup.

A block is one of:
    ("p", html)             a paragraph (inline HTML: <em>, <strong>, <a href>)
    ("h2", text)            a heading
    ("ul" | "ol", [html])   a list
    ("quote", html)         a block quote
    ("img", src, alt, caption)
Writing each article once, as data, lets the tests derive what the Markdown must hold
(every paragraph, in order) from the same source the page was made from.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Any

Block = tuple[Any, ...]


@dataclass(frozen=True)
class Article:
    title: str
    blocks: tuple[Block, ...]
    boilerplate: tuple[str, ...]  # phrases of the page around the article: none may survive
    subtitle: str = ""  # the line under the title some platforms have (Substack's)

    def texts(self) -> list[str]:
        """The article's text blocks in reading order, as plain text (title first)."""
        out = [self.title] + ([self.subtitle] if self.subtitle else [])
        for block in self.blocks:
            kind = block[0]
            if kind in ("ul", "ol"):
                out.extend(plain(item) for item in block[1])
            elif kind == "img":
                if block[3]:
                    out.append(plain(block[3]))
            else:
                out.append(plain(block[1]))
        return out

    def images(self) -> list[tuple[str, str]]:
        """(src, alt) of the article's images, in order."""
        return [(block[1], block[2]) for block in self.blocks if block[0] == "img"]

    def links(self) -> list[tuple[str, str]]:
        """(text, href) of the links inside the article's text."""
        found = []
        for block in self.blocks:
            parts = block[1] if block[0] in ("ul", "ol") else [block[1]]
            for part in parts if block[0] != "img" else []:
                for href, text in re.findall(r'<a href="([^"]+)">(.*?)</a>', part):
                    found.append((plain(text), href))
        return found


def plain(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


WORDPRESS = Article(
    title="The real-terms cut nobody voted for",
    blocks=(
        (
            "p",
            "Every September I write to parents about the year ahead. This year the letter "
            "was the hardest I have written in twenty-two years of headship, because for the "
            "first time it had to say what we will <em>stop</em> doing.",
        ),
        (
            "p",
            "Our budget for 2026–27 is £3.1 million. On paper that is more than last year. In "
            "practice, once the pay award, energy bills and the rising cost of support for "
            "pupils with special needs are paid, it buys less than it did in 2019. The "
            '<a href="https://ifs.org.uk/education-spending">Institute for Fiscal Studies</a> '
            "has tracked the same gap across the country.",
        ),
        ("h2", "What the gap looks like in one school"),
        ("p", "These are the choices our governors signed off last week:"),
        (
            "ul",
            [
                "Two teaching assistant posts left empty when their holders retire.",
                "The after-school homework club closed from January.",
                "Music lessons charged at cost, which most families here cannot pay.",
            ],
        ),
        (
            "img",
            "/wp-content/uploads/2026/10/budget-chart.png",
            "Bar chart: per-pupil funding in real terms fell from £6,420 in 2019 to £6,180 in 2026",
            "Per-pupil funding at our school, in 2026 prices.",
        ),
        (
            "p",
            "None of this is a secret. It is in the minutes, and I would rather parents heard "
            "it from me than found out when the club door is locked.",
        ),
        ("h2", "What we are asking for"),
        (
            "quote",
            "A funding settlement that meets the cost of the pay award in full, so that "
            "schools are not forced to choose between fair pay and the support children need.",
        ),
        (
            "p",
            "That sentence is from the letter our heads’ association sent to the Secretary of "
            "State in July. It has not been answered. If you agree with it, <strong>write to "
            "your MP this week</strong>: the spending review is decided in November, and the "
            "letters that arrive before then are the ones that count.",
        ),
        (
            "ol",
            [
                "Find your MP on the parliament website.",
                "Tell them which school your children attend.",
                "Ask them to back a fully funded pay award.",
            ],
        ),
        ("p", "Thank you for reading, and for everything you already do for our school."),
    ),
    boilerplate=(
        "Skip to content",
        "Posted on",
        "Share this",
        "Like this",
        "Loading",
        "Posted in",
        "Previous post",
        "thoughts on",
        "Spot on",
        "Leave a Reply",
        "will not be published",
        "Post Comment",
        "Blog Stats",
        "148,512",
        "Follow Blog",
        "other subscribers",
        "Recent Posts",
        "Archives",
        "Blog at WordPress.com",
        "Privacy & Cookies",
        "Ofsted and the missing week",
        "Already have a WordPress.com account",
    ),
)


SUBSTACK = Article(
    title="Workload is a choice, and ours to unmake",
    subtitle="Three changes that would give every teacher back a day a week",
    blocks=(
        (
            "p",
            "Last spring I kept a diary of every hour I worked. Not the hours on my contract: "
            "the hours I actually spent on school work, at school and at the kitchen table.",
        ),
        (
            "p",
            "The total, averaged over twelve weeks, was 54 hours a week. The "
            '<a href="https://www.gov.uk/government/publications/working-lives-of-teachers">'
            "Working lives of teachers and leaders</a> survey puts the national average for "
            "full-time teachers at 51. I am not unusual. I am the norm.",
        ),
        ("h2", "Where the hours go"),
        ("p", "When I sorted the diary, three things took more time than lesson preparation:"),
        (
            "ul",
            [
                "Data drops: entering the same marks into three systems, six times a year.",
                "Marking policies written for inspectors rather than pupils.",
                "Emails sent after 6pm that expect a reply before the morning.",
            ],
        ),
        (
            "img",
            "/substack-post-media/public/images/hours-chart.png",
            "Stacked bar of a 54-hour week: 22 hours teaching, 9 preparing, 8 marking, "
            "7 data and admin, 8 meetings and email",
            "My diary, twelve weeks, averaged.",
        ),
        ("h2", "What would change it"),
        (
            "p",
            "None of these needs new money. Each needs a head and a governing body willing to "
            "say <em>no</em>, and a union that backs them when they do.",
        ),
        (
            "quote",
            "We measured what mattered to the inspectors and then wondered why nobody had "
            "time to teach.",
        ),
        (
            "p",
            "A deputy head said that to me at a conference in March, and I have not stopped "
            "thinking about it.",
        ),
        (
            "p",
            "If your school has cut one of these three, reply and tell me how. I will share "
            "the best answers, with permission, in the next issue.",
        ),
    ),
    boilerplate=(
        "Thanks for reading The Staffroom",
        "Subscribe for free",
        "Type your email",
        "Subscribe now",
        "Share this post",
        "Copy link",
        "Discussion about this post",
        "Restacks",
        "Ready for more?",
        "Substack is the home",
        "Start writing",
        "Get the app",
        "Collection notice",
        "Sign in",
    ),
)


MEDIUM = Article(
    title="A pay rise that schools must find themselves is not a pay rise",
    blocks=(
        (
            "p",
            "When the government announced a 4.5 per cent pay award for teachers in July, the "
            "headline was generous. The small print said that schools would have to find most "
            "of it from budgets that were already set.",
        ),
        (
            "p",
            "I am a business manager at a secondary academy in the north-east. Here is what "
            "that small print means in our spreadsheet.",
        ),
        ("h2", "The arithmetic"),
        (
            "p",
            "Our teachers’ pay bill is £4.2 million. A 4.5 per cent award adds £189,000. The "
            "extra grant announced alongside it gives us £71,000. The difference, "
            "<strong>£118,000</strong>, is roughly three teaching posts.",
        ),
        (
            "img",
            "/medium/v2/resize:fit:1400/1*pay-gap.png",
            "Spreadsheet extract showing the pay award cost of £189,000 against a grant of £71,000",
            "The gap, in our budget for 2026–27.",
        ),
        (
            "quote",
            "Schools will need to use their existing budgets to meet some of the cost.",
        ),
        (
            "p",
            "That sentence, from the Department’s own guidance, is the whole story. "
            "<em>Some</em> of the cost turns out to be most of it.",
        ),
        ("h2", "What it costs pupils"),
        (
            "ol",
            [
                "Larger classes in Year 9, from 28 to 32.",
                "No replacement when our second chemistry teacher leaves.",
                "A cut to the counselling service we added after the pandemic.",
            ],
        ),
        (
            "p",
            "Read the "
            '<a href="https://www.gov.uk/government/publications/school-teachers-pay">'
            "pay and conditions document</a> yourself, then ask your school what its gap is. "
            "Every school has one.",
        ),
    ),
    boilerplate=(
        "Open in app",
        "Sign up",
        "min read",
        "Listen",
        "Written by",
        "Followers",
        "More from Priya Shah",
        "Recommended from Medium",
        "Text to speech",
        "What are your thoughts",
        "Responses (4)",
        "See all from",
    ),
)


NEWS = Article(
    title="Heads warn of ‘impossible choices’ as budgets are set",
    blocks=(
        (
            "p",
            "<strong>School leaders in England say they face impossible choices this autumn, "
            "with nine in ten expecting to set a deficit budget or cut staff, according to a "
            "survey published today.</strong>",
        ),
        (
            "p",
            "The survey of 1,842 head teachers, deputies and business leaders was carried out "
            "between 8 and 22 September.",
        ),
        ("h2", "Key findings"),
        (
            "ul",
            [
                "89% expect to cut staff or set a deficit budget.",
                "61% have already reduced support for pupils with special needs.",
                "Four in ten have cut spending on mental health support.",
            ],
        ),
        ("p", "The association’s general secretary said:"),
        (
            "quote",
            "These are not efficiencies. They are cuts to the support children receive, made "
            "by people who came into this job to give children more, not less.",
        ),
        (
            "p",
            "The association is calling on the Chancellor to fund the pay award in full and to "
            'publish a <a href="https://union.example/news/funding-plan">long-term funding '
            "plan</a> for schools before the spending review.",
        ),
        (
            "img",
            "/media/2026/survey-chart.jpg",
            "Pie chart: 89 per cent of respondents expect to cut staff or set a deficit budget",
            "",
        ),
        (
            "p",
            "The full survey results are available to members and to the press on request.",
        ),
    ),
    boilerplate=(
        "We value your privacy",
        "Accept All Cookies",
        "Reject All",
        "Cookies Settings",
        "We use cookies",
        "Member login",
        "News and opinion",
        "Share this page",
        "Related news",
        "Pay award: what it means",
        "Sign up to our newsletter",
        "Registered office",
        "Accessibility statement",
        "Back to top",
    ),
)


IMAGES = Article(
    title="Three charts on class sizes",
    blocks=(
        (
            "p",
            "Class sizes in secondary schools are the largest they have been since records "
            "began. Three charts show how we got here.",
        ),
        (
            "img",
            "/img/class-sizes.png",
            "Line chart of average secondary class size, 2010 to 2026",
            "",
        ),
        ("p", "First, the number of pupils rose while the number of teachers did not."),
        ("img", "/img/teachers.jpg", "Teachers and pupils indexed to 2010", ""),
        ("p", "Second, the schools with the most disadvantaged pupils lost the most posts."),
        ("img", "/img/missing.png", "Posts lost by disadvantage quintile", ""),
        ("p", "Third, the gap is still widening, and this year's budgets will widen it again."),
        ("img", "/img/not-really.png", "A page pretending to be an image", ""),
        ("p", "Share these charts with your governors."),
    ),
    boilerplate=("Powered by Ghost", "Sign up for more like this"),
)


BY_NETWORK = {"wordpress": WORDPRESS, "substack": SUBSTACK, "medium": MEDIUM, "news": NEWS}
