"""Test pages in the shape of real platforms' markup, each wrapping one article of articles.py.

The markup around the article follows what each platform serves (class names,
nesting, widgets): a WordPress.com theme with Jetpack's share, like, related-posts,
subscription and cookie widgets and a comment form; a Substack post with its
subscribe blocks and buttons; a Medium story with its utility-class soup and
member prompts; a union's news page behind a OneTrust cookie banner; and a
small Ghost blog whose images are partly missing.
"""

from __future__ import annotations

from support.import_site.articles import IMAGES, MEDIUM, NEWS, SUBSTACK, WORDPRESS, Article
from support.import_site.page_parts import HEAD, article_html, block_html

WORDPRESS_BLOCKS = {
    "p": "<p>{body}</p>",
    "h2": '<h2 class="wp-block-heading">{body}</h2>',
    "ul": '<ul class="wp-block-list">{items}</ul>',
    "ol": '<ol class="wp-block-list">{items}</ol>',
    "li": "<li>{body}</li>",
    "quote": '<blockquote class="wp-block-quote is-layout-flow"><p>{body}</p></blockquote>',
    "img": '<figure class="wp-block-image size-large"><img loading="lazy" decoding="async" '
    'width="1024" height="576" src="{src}?w=1024" alt="{alt}" class="wp-image-4512" '
    'srcset="{src}?w=1024 1024w, {src}?w=300 300w" sizes="(max-width: 1024px) 100vw, 1024px">'
    "{caption}</figure>",
    "caption": '<figcaption class="wp-element-caption">{caption}</figcaption>',
}


def wordpress_page(article: Article = WORDPRESS) -> str:
    return (
        HEAD.format(title=article.title, site="Heads Up")
        + f"""<body class="post-template-default single single-post postid-4510 single-format-standard wp-embed-responsive">
<div id="page" class="site">
<a class="skip-link screen-reader-text" href="#content">Skip to content</a>
<header id="masthead" class="site-header" role="banner">
  <div class="site-branding">
    <p class="site-title"><a href="/" rel="home">Heads Up</a></p>
    <p class="site-description">Notes from a primary head in the Midlands</p>
  </div>
  <nav id="site-navigation" class="main-navigation" aria-label="Primary menu">
    <button class="menu-toggle" aria-controls="primary-menu" aria-expanded="false">Menu</button>
    <ul id="primary-menu" class="menu"><li class="menu-item"><a href="/">Home</a></li>
    <li class="menu-item"><a href="/about/">About me</a></li>
    <li class="menu-item"><a href="/contact/">Contact</a></li></ul>
  </nav>
</header>
<div id="content" class="site-content">
<div id="primary" class="content-area"><main id="main" class="site-main">
<article id="post-4510" class="post-4510 post type-post status-publish format-standard hentry category-funding tag-budgets">
  <header class="entry-header">
    <h1 class="entry-title">{article.title}</h1>
    <div class="entry-meta"><span class="posted-on">Posted on <a href="/2026/10/03/cut/" rel="bookmark"><time class="entry-date published" datetime="2026-10-03T09:00:00+01:00">3 October 2026</time></a></span>
    <span class="byline"> by <span class="author vcard"><a class="url fn n" href="/author/jbloggs/">Jo Bloggs</a></span></span></div>
  </header>
  <div class="entry-content">
{article_html(article, WORDPRESS_BLOCKS)}
<div class="sharedaddy sd-sharing-enabled"><div class="robots-nocontent sd-block sd-social sd-social-icon-text sd-sharing">
<h3 class="sd-title">Share this:</h3><div class="sd-content"><ul>
<li class="share-twitter"><a rel="nofollow noopener noreferrer" class="share-twitter sd-button share-icon" href="/2026/10/03/cut/?share=twitter" target="_blank" title="Click to share on Twitter"><span>Twitter</span></a></li>
<li class="share-facebook"><a rel="nofollow noopener noreferrer" class="share-facebook sd-button share-icon" href="/2026/10/03/cut/?share=facebook" target="_blank" title="Click to share on Facebook"><span>Facebook</span></a></li>
<li class="share-end"></li></ul></div></div></div>
<div id="jp-post-flair" class="sharedaddy sd-like-enabled sd-sharing-enabled">
<div class="sharedaddy sd-block sd-like jetpack-likes-widget-wrapper jetpack-likes-widget-unloaded" id="like-post-wrapper-4510" data-name="like-post-frame">
<h3 class="sd-title">Like this:</h3><div class="likes-widget-placeholder post-likes-widget-placeholder" style="height: 55px;"><span class="button"><span>Like</span></span> <span class="loading">Loading...</span></div>
<span class="sd-text-color"></span><a class="sd-link-color"></a></div>
<div id="jp-relatedposts" class="jp-relatedposts">
<h3 class="jp-relatedposts-headline"><em>Related</em></h3>
<div class="jp-relatedposts-items jp-relatedposts-items-visual">
<div class="jp-relatedposts-post"><h4 class="jp-relatedposts-post-title"><a class="jp-relatedposts-post-a" href="/2026/09/12/ofsted/" title="Ofsted and the missing week">Ofsted and the missing week</a></h4>
<p class="jp-relatedposts-post-excerpt">In "Inspection"</p></div></div></div></div>
  </div><!-- .entry-content -->
  <footer class="entry-footer"><span class="cat-links">Posted in <a href="/category/funding/" rel="category tag">Funding</a></span> <span class="tags-links">Tagged <a href="/tag/budgets/" rel="tag">budgets</a></span></footer>
</article>
<nav class="navigation post-navigation" aria-label="Posts"><h2 class="screen-reader-text">Post navigation</h2>
<div class="nav-links"><div class="nav-previous"><a href="/2026/09/12/ofsted/" rel="prev"><span class="meta-nav">Previous post</span> <span class="post-title">Ofsted and the missing week</span></a></div></div></nav>
<div id="comments" class="comments-area">
  <h2 class="comments-title">3 thoughts on &ldquo;{article.title}&rdquo;</h2>
  <ol class="comment-list">
    <li id="comment-881" class="comment even thread-even depth-1"><article id="div-comment-881" class="comment-body">
      <footer class="comment-meta"><div class="comment-author vcard"><b class="fn">Sam Okafor</b> <span class="says">says:</span></div>
      <div class="comment-metadata"><a href="#comment-881"><time datetime="2026-10-04T10:02:11+01:00">4 October 2026 at 10:02 am</time></a></div></footer>
      <div class="comment-content"><p>Spot on. Our school cut its music service last year and the children noticed first.</p></div>
      <div class="reply"><a rel="nofollow" class="comment-reply-link" href="#comment-881">Reply</a></div>
    </article></li>
  </ol>
  <div id="respond" class="comment-respond">
    <h3 id="reply-title" class="comment-reply-title">Leave a Reply <small><a rel="nofollow" id="cancel-comment-reply-link" href="#respond" style="display:none;">Cancel reply</a></small></h3>
    <form action="/wp-comments-post.php" method="post" id="commentform" class="comment-form" novalidate>
      <p class="comment-notes"><span id="email-notes">Your email address will not be published.</span> Required fields are marked <span class="required">*</span></p>
      <p class="comment-form-comment"><label for="comment">Comment <span class="required">*</span></label> <textarea id="comment" name="comment" cols="45" rows="8" maxlength="65525" required></textarea></p>
      <p class="comment-form-author"><label for="author">Name <span class="required">*</span></label> <input id="author" name="author" type="text" size="30"></p>
      <p class="form-submit"><input name="submit" type="submit" id="submit" class="submit" value="Post Comment"></p>
    </form>
  </div>
</div>
</main></div>
<aside id="secondary" class="widget-area" role="complementary">
  <section id="blog-stats-2" class="widget widget_blog-stats"><h2 class="widget-title">Blog Stats</h2><ul><li>148,512 hits</li></ul></section>
  <section id="blog_subscription-3" class="widget widget_blog_subscription jetpack_subscription_widget">
    <h2 class="widget-title"><label for="subscribe-field-3">Follow Blog via Email</label></h2>
    <form action="#" method="post" accept-charset="utf-8" id="subscribe-blog-blog_subscription-3">
      <div id="subscribe-text"><p>Enter your email address to follow this blog and receive notifications of new posts by email.</p></div>
      <p class="subscribe-count">Join 32,090 other subscribers</p>
      <p id="subscribe-email"><input type="email" name="email" required="required" value="" id="subscribe-field-3" placeholder="Email Address"></p>
      <p id="subscribe-submit"><button type="submit" name="jetpack_subscriptions_widget">Follow</button></p>
    </form>
  </section>
  <section id="recent-posts-2" class="widget widget_recent_entries"><h2 class="widget-title">Recent Posts</h2>
    <ul><li><a href="/2026/09/12/ofsted/">Ofsted and the missing week</a></li><li><a href="/2026/09/01/term/">A new term, an old problem</a></li></ul></section>
  <section id="archives-2" class="widget widget_archive"><h2 class="widget-title">Archives</h2>
    <ul><li><a href="/2026/10/">October 2026</a></li><li><a href="/2026/09/">September 2026</a></li></ul></section>
</aside>
</div><!-- #content -->
<footer id="colophon" class="site-footer" role="contentinfo">
  <div class="site-info"><a href="https://wordpress.com/?ref=footer_blog" rel="nofollow">Blog at WordPress.com.</a></div>
</footer>
</div><!-- #page -->
<div class="widget widget_eu_cookie_law_widget"><div class="hide-on-button ads-active" data-hide-timeout="30" id="eu-cookie-law">
<form method="post"><input type="submit" value="Close and accept" class="accept"></form>
Privacy &amp; Cookies: This site uses cookies. By continuing to use this website, you agree to their use.<br>
To find out more, including how to control cookies, see here: <a href="https://automattic.com/cookies/" rel="nofollow">Cookie Policy</a>
</div></div>
<div id="actionbar" class="actnbr-pub-wordpress actnbr-has-follow"><ul><li class="actnbr-btn actnbr-hidden"><a class="actnbr-action actnbr-actn-follow" href="#"><span>Subscribe</span></a>
<div class="actnbr-popover tip tip-top-left actnbr-notice"><div class="tip-inner"><div class="actnbr-follow-bubble"><ul>
<li class="actnbr-login-nudge"><div>Already have a WordPress.com account? <a href="/log-in/">Log in now.</a></div></li></ul></div></div></div></li></ul></div>
<script src="/wp-includes/js/comment-reply.min.js" id="comment-reply-js" async></script>
</body>
</html>
"""
    )


SUBSTACK_BLOCKS = {
    "p": "<p>{body}</p>",
    "h2": '<h2 class="header-anchor-post">{body}<div class="pencraft pc-display-flex '
    'pc-alignItems-center pc-position-absolute pc-reset header-anchor-parent">'
    '<div class="pencraft pc-display-contents pc-reset pubTheme-yiXxQA">'
    '<div id="§where" class="pencraft pc-reset header-anchor offset-top"></div>'
    '<button aria-label="Link" class="pencraft pc-reset pencraft icon-container">'
    "</button></div></div></h2>",
    "ul": "<ul>{items}</ul>",
    "ol": "<ol>{items}</ol>",
    "li": "<li><p>{body}</p></li>",
    "quote": "<blockquote><p>{body}</p></blockquote>",
    "img": '<div class="captioned-image-container"><figure><a class="image-link image2 '
    'is-viewable-img" target="_blank" href="{src}"><div class="image2-inset"><picture>'
    '<source type="image/webp" srcset="{src}?format=webp 424w, {src}?format=webp 848w" '
    'sizes="100vw"><img src="{src}" width="1456" height="816" data-attrs="{{&quot;src&quot;:'
    '&quot;{src}&quot;}}" class="sizing-normal" alt="{alt}" title="" srcset="{src} 424w" '
    'sizes="100vw" fetchpriority="high"></picture><div class="image-link-expand"><div '
    'class="pencraft pc-display-flex pc-gap-8 pc-reset"><button tabindex="0" type="button" '
    'class="pencraft pc-reset pencraft icon-container restack-image"></button></div></div>'
    "</div></a>{caption}</figure></div>",
    "caption": '<figcaption class="image-caption">{caption}</figcaption>',
}

_SUBSCRIBE_WIDGET = """<div class="subscription-widget-wrap-editor" data-attrs="{&quot;url&quot;:&quot;https://thestaffroom.substack.com/subscribe?&quot;,&quot;text&quot;:&quot;Subscribe&quot;,&quot;language&quot;:&quot;en&quot;}" data-component-name="SubscribeWidgetToDOM">
<div class="subscription-widget show-subscribe"><div class="preamble"><p class="cta-caption">Thanks for reading The Staffroom! Subscribe for free to receive new posts and support my work.</p></div>
<form class="subscription-widget-subscribe"><input type="email" class="email-input" name="email" placeholder="Type your email…" tabindex="-1"><input type="submit" class="button primary" value="Subscribe"><div class="fake-input-wrapper"><div class="fake-input"></div><div class="fake-button"></div></div></form></div></div>"""

_SUBSTACK_BUTTONS = """<p class="button-wrapper" data-attrs="{&quot;url&quot;:&quot;https://thestaffroom.substack.com/subscribe?&quot;,&quot;text&quot;:&quot;Subscribe now&quot;,&quot;action&quot;:null,&quot;class&quot;:null}" data-component-name="ButtonCreateButton"><a class="button primary" href="https://thestaffroom.substack.com/subscribe?"><span>Subscribe now</span></a></p>
<p class="button-wrapper" data-attrs="{&quot;url&quot;:&quot;https://thestaffroom.substack.com/p/workload?utm_source=substack&amp;utm_medium=email&amp;utm_content=share&amp;action=share&quot;,&quot;text&quot;:&quot;Share&quot;}" data-component-name="ButtonCreateButton"><a class="button primary" href="https://thestaffroom.substack.com/p/workload?utm_source=substack&amp;utm_medium=email&amp;utm_content=share&amp;action=share"><span>Share</span></a></p>"""


def substack_page(article: Article = SUBSTACK) -> str:
    blocks = [block_html(block, SUBSTACK_BLOCKS) for block in article.blocks]
    # Substack puts a subscribe widget after the opening paragraphs and buttons near the end.
    blocks.insert(2, _SUBSCRIBE_WIDGET)
    blocks.insert(len(blocks) - 1, _SUBSTACK_BUTTONS)
    body = "\n".join(blocks)
    return (
        HEAD.format(title=article.title, site="The Staffroom")
        + f"""<body class="pc-root"><div id="entry"><div id="main" class="main typography use-theme-bg">
<div class="main-menu" data-testid="navbar"><div class="topbar-content">
  <div class="navbar-title"><h1 class="navbar-title-link"><a href="/">The Staffroom</a></h1></div>
  <div class="navbar-buttons"><a class="button primary subscribe-btn" href="/subscribe?"><span>Subscribe</span></a><a class="button sign-in-link" href="/sign-in">Sign in</a></div>
</div></div>
<div class="single-post-container"><div class="container"><div class="single-post">
<article class="typography newsletter-post post">
  <div class="post-header" role="region" aria-label="Post header">
    <h1 class="post-title published unified-post-title" dir="auto">{article.title}</h1>
    <h3 class="subtitle" dir="auto">{article.subtitle}</h3>
    <div class="pencraft pc-display-flex pc-flexDirection-column pc-reset"><div class="post-ufi">
      <div class="like-button-container post-ufi-button style-button"><button class="post-ufi-button style-button has-label with-border"><div class="label">47</div></button></div>
      <a role="button" class="post-ufi-button style-button post-ufi-comment-button has-label with-border" href="/p/workload/comments"><div class="label">12</div></a>
      <div class="post-ufi-button style-button"><div class="label">Restacks</div></div>
      <button class="post-ufi-button style-button no-label with-border"><span class="label">Share this post</span></button>
    </div></div>
  </div>
  <div class="available-content"><div dir="auto" class="body markup">
{body}
  </div></div>
  <div class="visibility-check"></div>
  <div class="post-footer"><div class="post-ufi">
    <div class="like-button-container"><button class="post-ufi-button"><div class="label">47</div></button></div>
    <div class="share-dialog"><div class="label">Share this post</div><button>Copy link</button><button>Facebook</button><button>Email</button><button>Notes</button><button>More</button></div>
  </div></div>
</article>
<div id="discussion" class="comments-section"><h4 class="comments-heading">Discussion about this post</h4>
  <div class="comments-page"><div class="comment-list"><div class="comment"><div class="comment-body"><p>Same here: 53 hours, and most of it data.</p></div></div></div></div>
</div>
<div class="single-post-section"><div class="container"><h2 class="section-title">Ready for more?</h2>
  <form class="subscription-widget-subscribe"><input type="email" class="email-input" name="email" placeholder="Type your email…"><input type="submit" class="button primary" value="Subscribe"></form></div></div>
</div></div></div>
<div class="footer-wrap publication-footer"><div class="footer"><div class="container">
  <div class="footer-blurbs"><div class="footer-copyright-blurb">© 2026 Alex Moran</div>
  <div class="footer-terms"><a href="https://substack.com/privacy">Privacy</a> ∙ <a href="https://substack.com/tos">Terms</a> ∙ <a href="https://substack.com/ccpa#personal-data-collected">Collection notice</a></div></div>
  <div class="footer-buttons"><a class="button" href="https://substack.com/signup?utm_source=substack">Start writing</a><a class="button" href="https://substack.com/app">Get the app</a></div>
  <div class="footer-substack-cta"><a href="https://substack.com">Substack</a> is the home for great culture</div>
</div></div></div>
</div></div>
<script>window._preloads = JSON.parse("{{\\"isEligibleForFreeTrial\\":false}}")</script>
</body>
</html>
"""
    )


MEDIUM_BLOCKS = {
    "p": '<p id="5f2a" class="pw-post-body-paragraph ne nf fr ng b nh ni nj nk nl nm nn no np '
    'nq nr ns nt nu nv nw nx ny nz oa ob fk bk" data-selectable-paragraph="">{body}</p>',
    "h2": '<h2 id="7c1e" class="oc od fr be oe of og oh oi oj ok ol om on oo op oq or os ot '
    'ou ov ow ox oy oz pa bk" data-selectable-paragraph="">{body}</h2>',
    "ul": '<ul class="">{items}</ul>',
    "ol": '<ol class="">{items}</ol>',
    "li": '<li id="9a0b" class="ne nf fr ng b nh ni nj nk nl nm nn no np nq nr ns nt nu nv nw '
    'nx ny nz oa ob pb pc pd bk" data-selectable-paragraph="">{body}</li>',
    "quote": '<blockquote class="pe pf pg"><p id="b3d4" class="ne nf ph ng b nh ni nj nk nl '
    'nm nn no np nq nr ns nt nu nv nw nx ny nz oa ob fk bk" data-selectable-paragraph="">'
    "{body}</p></blockquote>",
    "img": '<figure class="pi pj pk pl pm pn pf pg paragraph-image"><div role="button" '
    'tabindex="0" class="po pp ed pq bh pr"><span class="fu fv fw"><picture><source '
    'srcset="{src} 640w, {src} 720w, {src} 1400w" sizes="(min-resolution: 4dppx) and '
    '(max-width: 700px) 50vw, 100vw" type="image/webp"><img alt="{alt}" class="bh mv ps c" '
    'width="700" height="394" loading="eager" role="presentation" src="{src}"></picture>'
    "</span></div>{caption}</figure>",
    "caption": '<figcaption class="pt pu pv pf pg pw px be b bf z dw" '
    'data-selectable-paragraph="">{caption}</figcaption>',
}


def medium_page(article: Article = MEDIUM) -> str:
    return (
        HEAD.format(title=article.title, site="Medium")
        + f"""<body><div id="root"><div class="a b c"><div class="d e f g h i j k"></div>
<div class="l c"><div class="l"><div class="bm bn bo bp bq l">
  <div class="ab co ac"><a data-testid="headerMediumLogo" href="/?source=post_page---two_column_layout_nav" aria-label="Homepage"><svg viewBox="0 0 1043.63 592.71" class="ag ah"><g></g></svg></a>
  <div class="ae"><a href="https://medium.com/m/signin?operation=register" rel="noopener follow">Open in app</a></div>
  <div class="ae"><span><a class="ax ay az" href="/m/signin?operation=register">Sign up</a></span> <span><a href="/m/signin?operation=login">Sign in</a></span></div>
  <a href="/new-story" class="ae">Write</a></div>
</div></div></div>
<div class="l"><article><div class="l"><div class="l"><span class="l"></span><section>
<div><div class="fs ft fu fv fw"></div><div class="gn go gp gq gr"><div class="ab ca"><div class="ch bg gs gt gu gv">
<div><h1 id="1b2c" class="pw-post-title gw gx gy be gz ha hb hc hd he hf hg hh hi hj hk hl hm hn ho hp hq hr hs ht hu bj" data-testid="storyTitle" data-selectable-paragraph="">{article.title}</h1></div>
<div class="speechify-ignore l"><div class="hv l"><div class="ab hw"><div class="ab">
  <div><a rel="noopener follow" href="/@priyashah?source=post_page-----author"><img alt="Priya Shah" class="l gj bx fb fc cw" src="/medium/avatar.png" width="44" height="44" loading="lazy" data-testid="authorPhoto"></a></div>
  <div class="bm bg l"><span class="be b bf z bj"><a class="af ag ah" href="/@priyashah">Priya Shah</a></span> · <span><button class="be b bf z iq">Follow</button></span></div>
  <div><span class="be b bf z dw"><span data-testid="storyReadTime">7 min read</span> · <span data-testid="storyPublishDate">Oct 3, 2026</span></span></div>
</div></div>
<div class="ik il im in io ip iq ir is it iu"><div class="h k w fk fl q"><div class="jl l"><div class="ab q jm jn"><div class="pw-multi-vote-icon ed jo jp jq jr"><span class="pw-multi-vote-count l jt ju">1.2K</span></div></div></div>
  <div class="ab q kd ke"><button class="af fk ah ai aj ak al kf an ao ap ex kg kh ki" aria-label="responses"><span class="pw-responses-count kj kk">4</span></button></div>
  <div class="ab q"><button aria-label="Listen" data-testid="audioPlayButton"><div class="ab q"><p class="be b bf z dw">Listen</p></div></button></div>
  <div class="bm" aria-hidden="false"><button aria-controls="postFooterSocialMenu" aria-label="Share Post" data-testid="headerSocialShareButton"><div class="ab q"><p class="be b bf z dw">Share</p></div></button></div>
</div></div></div></div>
{article_html(article, MEDIUM_BLOCKS)}
</div></div></div></div></section></div></div></article></div>
<div class="l"><div class="ab ca"><div class="ch bg gs gt gu gv">
  <div class="ab cp ro"><span class="be b bf z bj">Written by Priya Shah</span><span class="be b bf z dw"><a href="/@priyashah/followers">312 Followers</a></span><button>Follow</button></div>
  <div class="rp l"><h2 class="be rq rr rs rt bj">Responses (4)</h2><div class="ab">What are your thoughts?</div></div>
  <div class="l"><h2 class="be b dx z bj">More from Priya Shah</h2><div class="ab"><a href="/@priyashah/ofsted">Why we stopped grading lessons</a></div><a href="/@priyashah">See all from Priya Shah</a></div>
  <div class="l"><h2 class="be b dx z bj">Recommended from Medium</h2><div class="ab"><a href="/@someone/productivity">The one habit that changed my mornings</a></div></div>
</div></div></div>
<div class="ab ca"><div class="l fx"><a href="https://help.medium.com/hc/en-us?source=post_page">Help</a> <a href="https://medium.statuspage.io/?source=post_page">Status</a> <a href="https://medium.com/about?autoplay=1">About</a> <a href="https://medium.com/jobs-at-medium/work-at-medium-959d1a85284e">Careers</a> <a href="https://speechify.com/medium?source=post_page">Text to speech</a></div></div>
</div></div>
<script>window.__APOLLO_STATE__ = {{"ROOT_QUERY":{{"__typename":"Query"}}}}</script>
</body></html>
"""
    )


NEWS_BLOCKS = {
    "p": "<p>{body}</p>",
    "h2": "<h2>{body}</h2>",
    "ul": "<ul>{items}</ul>",
    "ol": "<ol>{items}</ol>",
    "li": "<li>{body}</li>",
    "quote": '<blockquote class="quote"><p>{body}</p></blockquote>',
    "img": '<div class="rich-text__image"><img src="{src}" alt="{alt}" width="800" '
    'height="450"></div>{caption}',
    "caption": '<p class="caption">{caption}</p>',
}


def news_page(article: Article = NEWS) -> str:
    return (
        HEAD.format(title=article.title, site="National Association of School Leaders")
        + f"""<body class="page-news-article">
<div id="onetrust-consent-sdk"><div class="onetrust-pc-dark-filter ot-fade-in"></div>
<div id="onetrust-banner-sdk" class="otFlat ot-wo-title vertical-align-content" tabindex="0" role="region" aria-label="Cookie banner">
<div role="dialog" aria-modal="true" aria-describedby="onetrust-policy-text" aria-label="We value your privacy"><div class="ot-sdk-container"><div class="ot-sdk-row">
<div id="onetrust-group-container" class="ot-sdk-eight ot-sdk-columns"><div class="banner_logo"></div><div id="onetrust-policy">
<h2 id="onetrust-policy-title">We value your privacy</h2>
<div id="onetrust-policy-text">We use cookies to improve your experience on our website, to analyse traffic and to show you content that is relevant to you. By clicking “Accept All Cookies”, you agree to the storing of cookies on your device. <a class="ot-cookie-policy-link" href="/cookie-policy" aria-label="More information about your privacy, opens in a new tab" rel="noopener" target="_blank">Cookie policy</a></div></div></div>
<div id="onetrust-button-group-parent" class="ot-sdk-three ot-sdk-columns"><div id="onetrust-button-group">
<button id="onetrust-pc-btn-handler">Cookies Settings</button> <button id="onetrust-reject-all-handler">Reject All</button> <button id="onetrust-accept-btn-handler">Accept All Cookies</button>
</div></div></div></div></div></div></div>
<a href="#main-content" class="skip-link">Skip to main content</a>
<header class="site-header"><div class="container">
  <a class="site-header__logo" href="/"><img src="/static/logo.svg" alt="National Association of School Leaders"></a>
  <ul class="site-header__utility"><li><a href="/join">Join us</a></li><li><a href="/login">Member login</a></li><li><a href="/search">Search</a></li></ul>
  <nav class="site-nav" aria-label="Main"><ul><li><a href="/advice">Advice and guidance</a></li><li><a href="/news">News and opinion</a></li><li><a href="/events">Events</a></li></ul></nav>
</div></header>
<nav class="breadcrumb" aria-label="Breadcrumb"><ol><li><a href="/">Home</a></li><li><a href="/news">News and opinion</a></li><li><a href="/news/press-room">Press room</a></li></ol></nav>
<main id="main-content"><div class="container"><div class="row">
<div class="col-md-8"><div class="news-article">
  <h1 class="page-title">{article.title}</h1>
  <p class="article-meta"><span class="article-meta__date">Published: 03 Oct 2026</span> <span class="article-meta__type">Press release</span></p>
  <div class="rich-text">
{article_html(article, NEWS_BLOCKS)}
  </div>
  <div class="share-this"><span class="share-this__title">Share this page</span>
    <a href="https://twitter.com/intent/tweet?url=/news/impossible-choices" class="share-this__link">Twitter</a>
    <a href="https://www.facebook.com/sharer/sharer.php?u=/news/impossible-choices" class="share-this__link">Facebook</a>
    <a href="https://www.linkedin.com/shareArticle?url=/news/impossible-choices" class="share-this__link">LinkedIn</a></div>
</div></div>
<aside class="col-md-4 related-content"><h2 class="related-content__title">Related news</h2>
  <ul><li><a href="/news/pay-award">Pay award: what it means for your school</a></li><li><a href="/news/ofsted-reform">Inspection reform consultation opens</a></li></ul>
  <div class="newsletter-signup"><h3>Sign up to our newsletter</h3><form><input type="email" placeholder="Your email address"><button>Sign up</button></form></div>
</aside>
</div></div></main>
<footer class="site-footer"><div class="container">
  <p>National Association of School Leaders. Registered office: 1 Example Square, London. Registered in England as a trade union.</p>
  <ul><li><a href="/privacy">Privacy notice</a></li><li><a href="/accessibility">Accessibility statement</a></li><li><a href="/cookies">Cookies</a></li></ul>
  <p>© 2026 National Association of School Leaders</p>
  <a href="#top" class="back-to-top">Back to top</a>
</div></footer>
<script src="https://cdn.cookielaw.org/scripttemplates/otSDKStub.js" data-domain-script="0190-aaaa"></script>
</body></html>
"""
    )


GHOST_BLOCKS = {
    "p": "<p>{body}</p>",
    "h2": '<h2 id="h">{body}</h2>',
    "ul": "<ul>{items}</ul>",
    "ol": "<ol>{items}</ol>",
    "li": "<li>{body}</li>",
    "quote": "<blockquote>{body}</blockquote>",
    "img": '<figure class="kg-card kg-image-card"><img src="{src}" class="kg-image" alt="{alt}" '
    'loading="lazy" width="1200" height="675"></figure>',
    "caption": "",
}


def images_page(article: Article = IMAGES) -> str:
    return (
        HEAD.format(title=article.title, site="Class Notes")
        + f"""<body class="post-template">
<div class="site-wrapper">
<header id="gh-head" class="gh-head"><nav class="gh-head-inner"><a class="gh-head-logo" href="/">Class Notes</a>
<ul class="nav"><li class="nav-home"><a href="/">Home</a></li><li class="nav-about"><a href="/about/">About</a></li></ul></nav></header>
<main id="site-main" class="site-main"><article class="article post">
<header class="article-header gh-canvas"><h1 class="article-title">{article.title}</h1>
<p class="article-byline-meta"><time class="byline-meta-date" datetime="2026-10-01">1 Oct 2026</time></p></header>
<section class="gh-content gh-canvas">
{article_html(article, GHOST_BLOCKS)}
</section>
</article>
<section class="footer-cta"><div class="inner"><h2 class="footer-cta-title">Sign up for more like this.</h2><a class="footer-cta-button" href="#/portal">Enter your email</a></div></section>
</main>
<footer class="site-footer outer"><div class="inner"><section class="copyright"><a href="/">Class Notes</a> © 2026</section><div class="gh-powered-by"><a href="https://ghost.org/" target="_blank" rel="noopener">Powered by Ghost</a></div></div></footer>
</div>
</body></html>
"""
    )


PAGES = {
    "wordpress": (wordpress_page, WORDPRESS),
    "substack": (substack_page, SUBSTACK),
    "medium": (medium_page, MEDIUM),
    "news": (news_page, NEWS),
}
