#!/usr/bin/env python3
"""Which B-trees a SQLite write-ahead log's pages belong to, and how many pages each commit wrote.

Usage: wal-pages.py DB WAL
  DB and WAL are copies of a database file and its -wal file taken together (cp the -wal first), e.g.
  during a processing-load.sh phase. Reads the WAL's valid frames (those of its current salt), then maps
  their page numbers to tables and indexes with SQLite's dbstat virtual table (the sqlite3 command line,
  run on a copy of DB with the WAL beside it, so pages that exist only in the log are named too).
"""
import collections
import shutil
import struct
import subprocess
import sys
import tempfile
from pathlib import Path

db, wal = Path(sys.argv[1]), Path(sys.argv[2])
data = wal.read_bytes()
_, _, page_size, _, salt1, salt2, _, _ = struct.unpack('>8I', data[:32])
frames = []
offset = 32
while offset + 24 + page_size <= len(data):
    page, commit_size, s1, s2 = struct.unpack('>4I', data[offset:offset + 16])
    if (s1, s2) != (salt1, salt2):
        break
    frames.append((page, commit_size != 0))
    offset += 24 + page_size
with tempfile.TemporaryDirectory() as tmp:
    copy = Path(tmp) / 'copy.db'
    shutil.copy(db, copy)
    shutil.copy(wal, Path(tmp) / 'copy.db-wal')
    listing = subprocess.run(['sqlite3', str(copy), 'SELECT pageno, name FROM dbstat'],
                             capture_output=True, text=True, check=True).stdout
names = {}
for line in listing.splitlines():
    number, name = line.split('|', 1)
    names[int(number)] = name
commits = sum(1 for _, commit in frames if commit)
print(f'{len(frames)} frames of {page_size} bytes, {commits} commits, '
      f'{len(frames) / max(1, commits):.1f} pages per commit')
for name, count in collections.Counter(names.get(p, '?') for p, _ in frames).most_common():
    print(f'{count:7d} {100 * count / len(frames):5.1f} %  {name}')
