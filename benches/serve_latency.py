#!/usr/bin/env python3
"""Measures `griffie serve`: the time from saving a document to the served page showing it.

Usage: benches/serve_latency.py PROJECT_DIR GRIFFIE_BIN [ROUNDS] [--pdf]

PROJECT_DIR is a griffie project, e.g. made by
`target/release/gen-corpus --docs 10000 --history 2 --out /tmp/c10k`. The script starts
`griffie serve --port 0 --timings` there, then ROUNDS times puts a marker into the title of a
letter (`content/raadsbrieven/`), polls the document's page over HTTP every 2 ms until the
marker shows, and prints each time, the median and the slowest, and griffie's own step times.
It edits the sources: run it on a generated corpus (or `git checkout .` afterwards)."""
import os, re, subprocess, sys, time, urllib.request, json, glob
project, binary = sys.argv[1], sys.argv[2]
rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 10
pdf = '--pdf' in sys.argv
args = [binary, "serve", "--port", "0", "--timings"] + ([] if pdf else ['--no-pdf'])
proc = subprocess.Popen(args, cwd=project, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
url = None
start = time.time()
while url is None:
    line = proc.stdout.readline()
    m = re.search(r'(http://127\.0\.0\.1:\d+)', line)
    if m: url = m.group(1)
print('first build + start', round(time.time() - start, 2), 's', file=sys.stderr)
docs = sorted(glob.glob(os.path.join(project, 'content', 'raadsbrieven', '**', '*.md'), recursive=True))
times = []
try:
    for i in range(rounds):
        path = docs[(i * 37) % len(docs)]
        text = open(path, encoding='utf-8').read()
        m = re.search(r'^id: *(\S+)', text, re.M)
        doc_id = m.group(1)
        marker = f'Bewerking{i}x{int(time.time()*1000)%100000}'
        def mark(mm):
            value = mm.group(2)
            if value[:1] in '"\'':
                return mm.group(1) + value[0] + marker + ' ' + value[1:]
            return mm.group(1) + marker + ' ' + value
        new = re.sub(r'^(title: *)(.*)$', mark, text, count=1, flags=re.M)
        assert new != text
        page = f'{url}/documenten/{doc_id}/'
        t0 = time.perf_counter()
        with open(path, 'w', encoding='utf-8') as f:
            f.write(new)
        while True:
            try:
                body = urllib.request.urlopen(page).read().decode()
                if marker in body:
                    break
            except Exception:
                pass
            time.sleep(0.002)
            if time.perf_counter() - t0 > 20:
                print('timeout on', path, file=sys.stderr); break
        times.append((time.perf_counter() - t0) * 1000)
        time.sleep(0.3)
finally:
    proc.terminate()
    err = proc.stderr.read()
times_sorted = sorted(times)
print('save → updated page (ms):', ' '.join(f'{t:.0f}' for t in times))
print(f'median {times_sorted[len(times)//2]:.0f} ms, max {max(times):.0f} ms, min {min(times):.0f} ms')
print('\n'.join(l for l in err.splitlines() if ' ms' in l), file=sys.stderr)
