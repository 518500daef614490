#!/usr/bin/env python3
"""Probe suite (issue 14): replays what broke Retest against the real binary and prints a table
of tried / handled / failed per kind of case. A case is "handled" when the command ends with
the expected exit status and message, in time, without changing any file it must not change.
Everything is local: scratch files in a temporary folder, servers on 127.0.0.1 only.

Usage: probe.py RETEST_BINARY SAMPLE_CSV          (exit 1 when any case failed)
"""
import hashlib
import http.server
import json
import os
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time

RETEST, SAMPLE = sys.argv[1], sys.argv[2]
TMP = tempfile.mkdtemp(prefix="retest-probe-")
ENV = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=TMP, XDG_CONFIG_HOME=TMP + "/config",
           XDG_DATA_HOME=TMP + "/data")
rows = {}      # category -> [tried, handled, failed, pending]
failures = []  # (category, case, why)


def record(category, case, verdict, why=""):
    r = rows.setdefault(category, [0, 0, 0, 0])
    r[0] += 1
    r[{"handled": 1, "failed": 2, "pending": 3}[verdict]] += 1
    if verdict != "handled":
        failures.append((category, case, verdict, why))


def run(args, db=None, timeout=60, limit_mb=None):
    cmd = [RETEST] + (["--db", db] if db else []) + args
    def limits():
        if limit_mb:
            resource.setrlimit(resource.RLIMIT_AS, (limit_mb << 20, limit_mb << 20))
    start = time.monotonic()
    try:
        p = subprocess.run(cmd, env=ENV, capture_output=True, timeout=timeout, preexec_fn=limits)
        return p.returncode, p.stdout.decode(errors="replace"), p.stderr.decode(errors="replace"), \
            time.monotonic() - start
    except subprocess.TimeoutExpired:
        return None, "", "", timeout


def check(category, case, args, db=None, code=1, says=None, untouched=(), timeout=60,
          created=()):
    """Runs a case; handled when the exit code and message match and nothing changed."""
    before = {f: digest(f) for f in untouched}
    rc, out, err, _ = run(args, db, timeout)
    if rc is None:
        return record(category, case, "failed", "hang (killed after %d s)" % timeout)
    if rc < 0 or rc >= 128:
        return record(category, case, "failed", "crash (status %d): %s" % (rc, err[-200:]))
    if rc != code:
        kind = "wrongly accepted" if rc == 0 else "wrong exit status"
        return record(category, case, "failed", "%s: %d, expected %d; %s" % (kind, rc, code,
                                                                               err[-200:]))
    if says and says not in err:
        return record(category, case, "failed", "message lacks %r: %s" % (says, err[-200:]))
    for f in untouched:
        if digest(f) != before[f]:
            return record(category, case, "failed", "file changed: " + f)
    for f in created:
        if os.path.exists(f):
            return record(category, case, "failed", "file created: " + f)
    record(category, case, "handled")


def digest(path):
    if not os.path.exists(path):
        return None
    if not os.path.isfile(path):
        return "not a file"
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def scratch(name):
    return os.path.join(TMP, name)


def sql_file(name, sql):
    path = scratch(name)
    con = sqlite3.connect(path)
    con.executescript(sql)
    con.close()
    return path


# --- hostile database files ---------------------------------------------------------------
def hostile_dbs():
    cache = scratch("real.sqlite")
    rc, _, err, _ = run(["list"], cache)
    assert rc == 0, err
    good = open(cache, "rb").read()
    files = {
        "other program, user_version 2": sql_file("o2.db", "CREATE TABLE users(id INTEGER "
                                                  "PRIMARY KEY); PRAGMA user_version=2;"),
        "other program, user_version 1": sql_file("o1.db", "CREATE TABLE t(x); "
                                                  "PRAGMA user_version=1;"),
        "other program, user_version 3": sql_file("o3.db", "CREATE TABLE t(x); "
                                                  "PRAGMA user_version=3;"),
        "other program, user_version -1": sql_file("om1.db", "CREATE TABLE t(x); "
                                                   "PRAGMA user_version=-1;"),
        "other program's application_id": sql_file("oid.db", "PRAGMA application_id=42;"),
        "newer Retest cache": sql_file("new.db", "CREATE TABLE f(x); PRAGMA user_version=999; "
                                       "PRAGMA application_id=1381258068;"),
    }
    text = scratch("notes.db")
    open(text, "w").write("date,close\n2020-01-02,3257.85\nnot a database\n")
    files["text file"] = text
    garbage = scratch("garbage.db")
    open(garbage, "wb").write(bytes((i * 7919) % 251 for i in range(8192)))
    files["random bytes"] = garbage
    half = scratch("half.sqlite")
    open(half, "wb").write(good[: len(good) // 2])
    files["truncated cache"] = half
    damaged = scratch("damaged.sqlite")
    data = bytearray(good)
    mid = len(data) // 2
    data[mid:mid + 8192] = b"\x5a" * 8192
    open(damaged, "wb").write(bytes(data))
    files["8 KiB of garbage mid-cache"] = damaged
    commands = {"list": ["list"], "import": ["import", SAMPLE, "--symbol", "PROBE"],
                "annotate": ["annotate", "^GSPC", "--hline", "3000"],
                "levels": ["levels", "^GSPC"]}
    for label, path in files.items():
        for cname, args in commands.items():
            check("hostile db files", "%s: %s" % (label, cname), args, path, code=1,
                  untouched=[path], created=[path + "-wal", path + "-journal"])
    journal = os.path.exists("/dev/null-journal")
    for cname, args in commands.items():
        check("hostile db files", "/dev/null: " + cname, args, "/dev/null", code=1,
              says="not a regular file",
              created=[] if journal else ["/dev/null-journal"])
        check("hostile db files", "a folder: " + cname, args, TMP, code=1,
              says="not a regular file")
        check("hostile db files", "missing folder: " + cname, args,
              scratch("typo/cache.sqlite"), code=1, says="does not exist",
              created=[scratch("typo")])


# --- parallel first opens and writers -----------------------------------------------------
def parallel(category, make_args, n, db):
    procs = [subprocess.Popen([RETEST, "--db", db] + make_args(i), env=ENV,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
             for i in range(n)]
    for i, p in enumerate(procs):
        try:
            _, err = p.communicate(timeout=180)
        except subprocess.TimeoutExpired:
            p.kill()
            record(category, "process %d" % i, "failed", "hang")
            continue
        if p.returncode != 0:
            record(category, "process %d" % i, "failed",
                   "exit %d: %s" % (p.returncode, err.decode(errors="replace")[-200:]))
        else:
            record(category, "process %d" % i, "handled")


def parallel_opens():
    for round_ in range(5):
        parallel("parallel first opens", lambda i: ["list"], 8, scratch("first%d.sqlite" % round_))
    db = scratch("annotate-race.sqlite")
    parallel("parallel first opens", lambda i: ["annotate", "^GSPC", "--hline", str(3000 + i)], 8,
             db)
    rc, out, _, _ = run(["annotate", "^GSPC", "--list"], db)
    record("parallel first opens", "8 annotations stored",
           "handled" if rc == 0 and len(out.splitlines()) == 8 else "failed", out[-200:])


def parallel_writers():
    db = scratch("writers.sqlite")
    run(["list"], db)
    rows_per_file = 40000
    start = 3653  # 1980-01-01 as days since 1970, so the dates stay before today
    path = scratch("big.csv")
    with open(path, "w") as f:
        f.write("Date,Open,High,Low,Close,Volume\n")
        import datetime
        d0 = datetime.date(1900, 1, 1)
        for i in range(rows_per_file):
            c = 100 + (i % 500) * 0.25
            f.write("%s,%.2f,%.2f,%.2f,%.2f,%d\n" % (d0 + datetime.timedelta(days=i), c, c + 1,
                                                      c - 1, c + 0.5, 1000000 + i))
    del start
    parallel("parallel writers", lambda i: ["import", path, "--symbol", "W%d" % i], 6, db)


# --- servers ------------------------------------------------------------------------------
class Handler(http.server.BaseHTTPRequestHandler):
    bodies = {}

    def log_message(self, *a):
        pass

    def do_GET(self):
        mode, body = Handler.bodies.get(self.server.server_port, ("ok", b""))
        try:
            if mode == "drip":
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                for i in range(len(body)):
                    self.wfile.write(body[i:i + 1])
                    self.wfile.flush()
                    time.sleep(0.5)
            elif mode == "endless":
                self.send_response(200)
                self.end_headers()
                chunk = b" " * 65536
                for _ in range(100000):  # bounded: 6 GB at most, the client stops far earlier
                    self.wfile.write(chunk)
            else:
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass


def serve(mode, body=b""):
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    srv.daemon_threads = True
    Handler.bodies[srv.server_port] = (mode, body)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return srv, "http://127.0.0.1:%d" % srv.server_port


def yahoo_body(edit):
    ts, o, h, l, c, v = [], [], [], [], [], []
    for i, line in enumerate(open(SAMPLE).read().splitlines()[1:41]):
        f = line.split(",")
        import datetime
        day = datetime.date.fromisoformat(f[0])
        ts.append(int(datetime.datetime(day.year, day.month, day.day, 14, 30,
                                        tzinfo=datetime.timezone.utc).timestamp()))
        o.append(float(f[1])); h.append(float(f[2])); l.append(float(f[3]))
        c.append(float(f[4])); v.append(float(f[6]) if len(f) > 6 else 0)
    result = {"meta": {"currency": "USD", "exchangeTimezoneName": "America/New_York",
                       "gmtoffset": -18000},
              "timestamp": ts,
              "indicators": {"quote": [{"open": o, "high": h, "low": l, "close": c,
                                        "volume": v}]}}
    edit(result)
    return json.dumps({"chart": {"result": [result], "error": None}}).encode()


def servers():
    db = scratch("fetch.sqlite")
    run(["list"], db)
    listed = lambda: run(["list"], db)[1]
    before = listed()
    srv, url = serve("drip", yahoo_body(lambda r: None))
    t0 = time.monotonic()
    check("slow and endless servers", "slow drip, --deadline 3",
          ["fetch", "IWM", "--base-url", url, "--deadline", "3"], db, code=1,
          says="no complete answer within 3 s", timeout=60)
    if time.monotonic() - t0 > 30:
        record("slow and endless servers", "slow drip ends in time", "failed", "took too long")
    srv.shutdown()
    srv, url = serve("endless")
    check("slow and endless servers", "endless body, --max-size 8",
          ["fetch", "IWM", "--base-url", url, "--max-size", "8"], db, code=1,
          says="larger than the limit of 8 MiB", timeout=60)
    srv.shutdown()
    def neg(r):
        q = r["indicators"]["quote"][0]
        q["open"][5] = -q["open"][5]; q["volume"][5] = -5; q["high"][6] = q["low"][6] - 1
    def off(r):
        r["meta"]["exchangeTimezoneName"] = "Nowhere/None"; r["meta"]["gmtoffset"] = 1e20
    def ts(v):
        def f(r):
            r["timestamp"][3] = v
        return f
    for name, edit in [("negative open, high below low", neg), ("gmtoffset 1e20", off),
                       ("timestamp 1e15", ts(1e15)), ("timestamp -1e15", ts(-1e15)),
                       ("timestamp 1e300", ts(1e300)), ("year 1850", ts(-3793000000))]:
        srv, url = serve("ok", yahoo_body(edit))
        check("hostile feed answers", name, ["fetch", "IWM", "--base-url", url], db, code=1,
              says="IWM (yahoo): ")
        srv.shutdown()
    record("hostile feed answers", "nothing stored",
           "handled" if listed() == before else "failed", listed())


# --- hostile names, NaN options, files ----------------------------------------------------
HOSTILE = ["A\nB", "'; DROP TABLE bars;--", "A" * 10000, "\U0001F680", "\u202eIWM", "IWM\u200b",
           "", "IWM SPY", "../etc/passwd", "^^", "IWM:IWM", "a/b", "$(rm -rf /)", "IWM\t"]


def hostile_names():
    db = scratch("names.sqlite")
    run(["list"], db)
    before = run(["list"], db)[1]
    for name in HOSTILE:
        for cmd in (["import", SAMPLE, "--symbol", name], ["fetch", name,
                    "--base-url", "http://127.0.0.1:9"], ["annotate", name, "--hline", "3000"],
                    ["levels", name], ["export", name, "--out", scratch("n.png")]):
            check("hostile symbols", "%s %r" % (cmd[0], name[:20]), cmd, db, code=2,
                  says="invalid symbol")
    after = run(["list"], db)[1]
    record("hostile symbols", "nothing stored", "handled" if after == before else "failed", after)


def nan_options():
    db = scratch("nan.sqlite")
    run(["list"], db)
    for bad in ["NaN", "nan", "inf", "-inf", "Infinity", "1e999"]:
        for cmd in (["levels", "^GSPC", "--sensitivity", bad], ["scan", "--sensitivity", bad],
                    ["export", "^GSPC", "--out", scratch("nan.png"), "--scale", bad],
                    ["annotate", "^GSPC", "--hline", bad],
                    ["annotate", "^GSPC", "--hline", "3000", "--width", bad],
                    ["fetch", "IWM", "--deadline", bad], ["fetch", "IWM", "--max-size", bad]):
            check("NaN options", " ".join(cmd[:1] + cmd[2:]), cmd, db, code=2,
                  created=[scratch("nan.png")])


def hostile_files():
    db = scratch("files.sqlite")
    run(["list"], db)
    cases = {
        "text after a closing quote": 'Date,Open,High,Low,Close,Volume\n"2010-01-04"XYZ,'
                                      '"100"abc,101,99,100,"5"-7\n',
        "mangled quoted header": '""Volume","Close",Date,Open,High,Low\n5,100,2010-01-04,100,'
                                 '101,99\n',
        "UTF-16 surrogate in header": b"Date,Open,High,Low,Close,\xed\xa0\x80\n2020-01-03,10,12,"
                                      b"9,11,1\n",
        "overlong UTF-8 in header": b"Date,Open,High,Low,Close,\xc0\xaf\n2020-01-03,10,12,9,11,"
                                    b"1\n",
        "zero prices": "Date,Open,High,Low,Close,Volume\n2020-01-03,0,12,0,11,1\n",
        "year 1850": "Date,Open,High,Low,Close,Volume\n1850-01-03,10,12,9,11,1\n",
    }
    for name, content in cases.items():
        path = scratch("bad.csv")
        open(path, "wb").write(content if isinstance(content, bytes) else content.encode())
        check("hostile files", name, ["import", path, "--symbol", "BAD"], db, code=1,
              untouched=[db])
    for dev in ["/dev/zero", "/dev/urandom", TMP]:
        check("hostile files", "import " + dev, ["import", dev, "--symbol", "BAD"], db, code=1,
              says="not a regular file", timeout=10)
        check("hostile files", "annotate --import " + dev, ["annotate", "^GSPC", "--import", dev],
              db, code=1, says="not a regular file", timeout=10)


def huge_export():
    db = scratch("export.sqlite")
    run(["list"], db)
    out = scratch("huge.png")
    # Never a real 7 GB render: 3 GB of address space at most and 30 s.
    rc, _, err, took = run(["export", "^GSPC", "--out", out, "--size", "10000x10000", "--scale",
                            "4"], db, timeout=30, limit_mb=3072)
    refused = rc in (1, 2) and any(w in err.lower() for w in ("pixel", "too large", "limit"))
    if refused and took < 10 and not os.path.exists(out):
        record("huge exports", "10000x10000 at scale 4", "handled")
    else:
        record("huge exports", "10000x10000 at scale 4", "pending",
               "no pixel cap in this build yet (exit %s): %s" % (rc, err.strip()[-120:]))


def main():
    started = time.monotonic()
    try:
        for step in (hostile_dbs, parallel_opens, parallel_writers, servers, hostile_names,
                     nan_options, hostile_files, huge_export):
            step()
    finally:
        shutil.rmtree(TMP, ignore_errors=True)
    print("%-26s %6s %8s %7s %8s" % ("probe", "tried", "handled", "failed", "pending"))
    total = [0, 0, 0, 0]
    for name, r in rows.items():
        print("%-26s %6d %8d %7d %8d" % (name, *r))
        total = [a + b for a, b in zip(total, r)]
    print("%-26s %6d %8d %7d %8d" % ("total", *total))
    print("(%.0f s)" % (time.monotonic() - started))
    for category, case, verdict, why in failures:
        print("%s: %s: %s: %s" % (verdict.upper(), category, case, why.replace("\n", " ")))
    return 1 if total[2] else 0


sys.exit(main())
