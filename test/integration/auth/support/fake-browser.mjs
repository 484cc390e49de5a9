#!/usr/bin/env node
// A stand-in for a browser, for $BROWSER in CLI tests: GETs the URL given as its
// only argument and follows redirects (including to the app's loopback
// listener), like a user who is already signed in and clicks "Allow".
let url = process.argv[2];
for (let hop = 0; url && hop < 10; hop++) {
  const response = await fetch(url, { redirect: 'manual' });
  const location = response.headers.get('location');
  await response.arrayBuffer();
  url =
    response.status >= 300 && response.status < 400 && location
      ? new URL(location, url).href
      : null;
}
