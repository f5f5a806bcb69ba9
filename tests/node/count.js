// Counts text exactly as the platforms' own libraries do, for tests and bench:
// X with the official twitter-text (parseTweet, config v3), Bluesky with the
// grapheme and UTF-8 counters the PDS uses to validate app.bsky.feed.post;
// also the @mentions twitter-text extracts (extractMentions), and Bluesky links as
// the official app shortens them (a text as one address, and a post as posted).
// Protocol: one JSON string per line on stdin; one JSON object per line out.
'use strict';
const readline = require('readline');
const twitter = require('twitter-text');
const { graphemeLen, utf8Len } = require('@atproto/lex-data');
const { RichText } = require('@atproto/api');

// A link as the official Bluesky app shows it (social-app's toShortUrl): Node's
// WHATWG parser gives host, path, query and fragment; a path over 15 characters is
// cut to 13 and "..."; what does not parse, or is not http(s), stays as written.
function shortUrl(url) {
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return url;
  const rest = (parsed.pathname === '/' ? '' : parsed.pathname) + parsed.search + parsed.hash;
  return parsed.host + (rest.length > 15 ? rest.slice(0, 13) + '...' : rest);
}

// The text the official app posts (its shortenLinks): the library's link facets,
// each link's text replaced by shortUrl of it.
function blueskyPosted(text) {
  const rich = new RichText({ text });
  rich.detectFacetsWithoutResolution();
  const bytes = Buffer.from(text, 'utf8');
  const links = (rich.facets || [])
    .filter((facet) => facet.features.some((f) => f.$type === 'app.bsky.richtext.facet#link'))
    .map((facet) => facet.index)
    .sort((a, b) => a.byteStart - b.byteStart);
  let out = '';
  let done = 0;
  for (const { byteStart, byteEnd } of links) {
    out += bytes.subarray(done, byteStart).toString('utf8');
    out += shortUrl(bytes.subarray(byteStart, byteEnd).toString('utf8'));
    done = byteEnd;
  }
  return out + bytes.subarray(done).toString('utf8');
}

const lines = readline.createInterface({ input: process.stdin, terminal: false });
lines.on('line', (line) => {
  const text = JSON.parse(line);
  const tweet = twitter.parseTweet(text);
  process.stdout.write(JSON.stringify({
    x: tweet.weightedLength,
    xValid: tweet.valid,
    graphemes: graphemeLen(text),
    bytes: utf8Len(text),
    xMentions: twitter.extractMentions(text),
    shortUrl: shortUrl(text),
    blueskyPosted: blueskyPosted(text),
  }) + '\n');
});
