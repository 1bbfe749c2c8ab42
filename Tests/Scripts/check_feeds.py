#!/usr/bin/env python3
"""Parses every Atom feed with feedparser and every iCalendar file with icalendar.

    check_feeds.py PUBLIC_DIR

Prints one line per file, `path entries` or `path vevents`, and exits 1 when a feed
sets feedparser's bozo flag or a calendar does not parse.
"""
import os
import sys

import feedparser
import icalendar

root = sys.argv[1]
failed = False
for dirpath, _, files in sorted(os.walk(root)):
    for name in sorted(files):
        path = os.path.join(dirpath, name)
        rel = os.path.relpath(path, root)
        if name.endswith(".atom"):
            feed = feedparser.parse(path)
            if feed.bozo:
                print(f"{rel} bozo {feed.bozo_exception}")
                failed = True
            else:
                print(f"{rel} {len(feed.entries)}")
        elif name.endswith(".ics"):
            try:
                cal = icalendar.Calendar.from_ical(open(path, "rb").read())
                print(f"{rel} {len(cal.walk('VEVENT'))}")
            except Exception as error:
                print(f"{rel} error {error}")
                failed = True
sys.exit(1 if failed else 0)
