// X's weighted length and the URLs twitter-text extracts, for many texts at once.
// Protocol: one JSON array of strings per line on stdin; one JSON array per line
// out, one object per text: {x: parseTweet's weightedLength, urls: [[start, end,
// url], ...]} with extractUrlsWithIndices' indices in UTF-16 code units.
'use strict';
const readline = require('readline');
const twitter = require('twitter-text');

const lines = readline.createInterface({ input: process.stdin, terminal: false });
lines.on('line', (line) => {
  const answers = JSON.parse(line).map((text) => ({
    x: twitter.parseTweet(text).weightedLength,
    urls: twitter.extractUrlsWithIndices(text).map((u) => [u.indices[0], u.indices[1], u.url]),
  }));
  process.stdout.write(JSON.stringify(answers) + '\n');
});
