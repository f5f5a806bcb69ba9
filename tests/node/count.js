// Counts text exactly as the platforms' own libraries do, for tests and bench:
// X with the official twitter-text (parseTweet, config v3), Bluesky with the
// grapheme and UTF-8 counters the PDS uses to validate app.bsky.feed.post;
// also the @mentions twitter-text extracts (extractMentions).
// Protocol: one JSON string per line on stdin; one JSON object per line out.
'use strict';
const readline = require('readline');
const twitter = require('twitter-text');
const { graphemeLen, utf8Len } = require('@atproto/lex-data');

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
  }) + '\n');
});
