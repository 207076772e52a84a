#!/usr/bin/python3
"""koubei's benchmark (issue 9): one command, one table, docs/performance.md rewritten.

usage: bench/benchmark.py [--build DIR] [--sections throughput,freshness,scale,sharing]
                          [--freshness-seconds N] [--write] [--keep]

1. throughput  make_weibo_pages.py --queries 400 --pages 50, served by nginx on loopback;
               `koubei backfill --all` over the 400 queries on Weibo's API search route with Redis
               dedup and the JSONL sink, versus scrapy_peer.py, versus wrk on the same URLs.
2. freshness   two `koubei sandbox --scenario steady` worlds (same seed, same epoch), one daemon
               each with the same per-platform request budget: adaptive polling versus fixed equal
               intervals ([crawl] polling = "fixed"); recall and latency from the truth endpoint.
3. scale       `koubei run` with 10,000 configured queries: RSS and CPU while it schedules the
               first round and while idle; the embedded dedup store with 10 million ids.
4. sharing     (issue 10) the throughput pages polled by `koubei run`: one daemon versus three on
               one Redis splitting the 400 jobs by leases; pages/s and Redis commands per mention.

Every process is measured by wait4() (CPU seconds, peak RSS) or /proc. Figures, never assertions.
Needs: nginx, wrk, redis-server, python3-scrapy (the .ci/setup.sh bench set) and a release build
with benchmarks (`.ci/setup.sh release`). Everything listens on 127.0.0.1 ports chosen at run time.
"""
import argparse, json, os, re, shlex, shutil, signal, socket, subprocess, sys, tempfile, time
import urllib.parse, urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PEERS = os.environ.get("KOUBEI_PEERS", os.path.join(os.path.dirname(ROOT), "shared", "bench"))
MARK_BEGIN = "<!-- benchmark.py:{} -->"
MARK_END = "<!-- /benchmark.py:{} -->"


# ---------------------------------------------------------------- processes and measurement
def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def measured(argv, stdout=None, stderr=None, env=None, cwd=None):
    """Runs argv to completion; returns wall seconds, user+sys CPU seconds, peak RSS (MiB), code."""
    t0 = time.monotonic()
    p = subprocess.Popen(argv, stdout=stdout, stderr=stderr, env=env, cwd=cwd)
    _, status, ru = os.wait4(p.pid, 0)
    p.returncode = os.waitstatus_to_exitcode(status)
    return {"seconds": time.monotonic() - t0, "user": ru.ru_utime, "sys": ru.ru_stime,
            "cpu": ru.ru_utime + ru.ru_stime, "rss_mib": ru.ru_maxrss / 1024, "code": p.returncode}


class Background:
    """A server process for the length of a `with` block (SIGTERM, then SIGKILL)."""

    def __init__(self, argv, log, env=None):
        self.argv, self.log, self.env = argv, log, env

    def __enter__(self):
        self.out = open(self.log, "wb")
        self.p = subprocess.Popen(self.argv, stdout=self.out, stderr=subprocess.STDOUT, env=self.env)
        return self

    def __exit__(self, *exc):
        if self.p.poll() is None:
            self.p.send_signal(signal.SIGTERM)
            try:
                self.p.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.p.kill()
                self.p.wait()
        self.out.close()

    def wait_for(self, predicate, what, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.p.poll() is not None:
                sys.exit(f"{what}: exited {self.p.returncode}; see {self.log}")
            if predicate():
                return
            time.sleep(0.1)
        sys.exit(f"{what}: not ready after {timeout} s; see {self.log}")


def proc_status(pid):
    fields = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            k, _, v = line.partition(":")
            fields[k] = v.strip()
    return fields


def proc_cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        parts = f.read().rsplit(")", 1)[1].split()
    return (int(parts[11]) + int(parts[12])) / os.sysconf("SC_CLK_TCK")


def tree_cpu_seconds(pid):
    """CPU seconds of a process and its children still running (nginx's master and workers)."""
    total = proc_cpu_seconds(pid)
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                if int(f.read().rsplit(")", 1)[1].split()[1]) == pid:
                    total += proc_cpu_seconds(int(entry))
        except (OSError, ValueError, IndexError):
            pass
    return total


def rss_mib(pid, key="VmRSS"):
    return int(proc_status(pid)[key].split()[0]) / 1024


def http_get(url, timeout=30):
    with urllib.request.urlopen(url, timeout=timeout) as r:
        return r.read().decode()


def capture(argv):
    r = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    return r.stdout.strip()


def redis_server(tmp):
    sock = os.path.join(tmp, "redis.sock")
    bg = Background(["redis-server", "--port", "0", "--unixsocket", sock, "--unixsocketperm", "700",
                     "--dir", tmp, "--save", "", "--appendonly", "no"], os.path.join(tmp, "redis.log"))
    return bg, sock


def wait_redis(bg, sock):
    bg.wait_for(lambda: capture(["redis-cli", "-s", sock, "ping"]) == "PONG", "redis-server")


# ---------------------------------------------------------------- the machine
def machine():
    cpu = "?"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as f:
        mem_kib = int(f.readline().split()[1])
    return {"cores": os.cpu_count(), "cpu": cpu, "memory": f"{mem_kib / 1024 / 1024:.1f} GiB",
            "kernel": os.uname().release}


def versions(koubei):
    scrapy = capture(["/usr/bin/python3", "-c", "import scrapy; print(scrapy.__version__)"])
    wrk = capture(["wrk", "--version"]).splitlines()
    return {"koubei": capture([koubei, "--version"]).removeprefix("koubei ") + " (" + capture(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"]) + ")",
            "scrapy": scrapy, "nginx": capture(["nginx", "-v"]).replace("nginx version: nginx/", ""),
            "redis": re.sub(r".* v=(\S+).*", r"\1", capture(["redis-server", "--version"])),
            "wrk": (wrk[0].split(" [")[0] if wrk else "?").removeprefix("wrk "),
            "python": capture(["/usr/bin/python3", "--version"]).removeprefix("Python "),
            "compiler": capture(["c++", "--version"]).splitlines()[0]}


# ---------------------------------------------------------------- 1. throughput
def koubei_config(path, body):
    with open(path, "w") as f:
        f.write(body)
    return path


def weibo_pages_server(args, tmp):
    """make_weibo_pages.py's pages under nginx (not started): (Background, base URL, probe URL)."""
    pages_dir = os.path.join(tmp, "pages")
    run_dir = os.path.join(tmp, "nginx")
    if not os.path.isdir(pages_dir):
        t0 = time.monotonic()
        subprocess.run([sys.executable, os.path.join(PEERS, "make_weibo_pages.py"), pages_dir,
                        "--queries", str(args.queries), "--pages", str(args.pages)], check=True)
        print(f"  pages written in {time.monotonic() - t0:.1f} s", flush=True)
    os.makedirs(run_dir, exist_ok=True)
    os.chmod(tmp, 0o755)  # nginx workers run as www-data/nobody
    port = free_port()
    with open(os.path.join(PEERS, "nginx.conf.template")) as f:
        conf = f.read().replace("@ROOT@", pages_dir).replace("@PORT@", str(port)).replace("@RUN@", run_dir)
    with open(os.path.join(run_dir, "nginx.conf"), "w") as f:
        f.write(conf)
    base = f"http://127.0.0.1:{port}"
    probe = base + "/api/container/getIndex?containerid=100103type%3D61%26q%3Dkw0001&page=1"
    nginx = Background(["nginx", "-p", run_dir, "-e", os.path.join(run_dir, "nginx.err"),
                        "-c", os.path.join(run_dir, "nginx.conf"), "-g", "daemon off;"],
                       os.path.join(run_dir, "nginx.out"))
    return nginx, base, probe


def throughput(args, tmp, koubei):
    nginx, base, probe = weibo_pages_server(args, tmp)
    redis, sock = redis_server(tmp)
    rows = {}
    with nginx, redis:
        nginx.wait_for(lambda: _ok(probe), "nginx")
        wait_redis(redis, sock)
        urls = []
        for q in range(1, args.queries + 1):
            for n in range(1, args.pages + 2):
                urls.append(f"/api/container/getIndex?containerid=100103type%3D61%26q%3Dkw{q:04d}&page_type=searchall&page={n}")

        # koubei: the daemon's backfill, real records, Redis dedup, JSONL with fsync.
        queries = "".join(f'[[query]]\nid = "kw{q:04d}"\nkeywords = "kw{q:04d}"\nplatforms = ["weibo"]\n'
                          for q in range(1, args.queries + 1))
        out_dir = os.path.join(tmp, "koubei-out")
        cfg = koubei_config(os.path.join(tmp, "throughput.toml"), f"""
[daemon]
state_dir = "{tmp}/koubei-state"
metrics_listen = ""
[log]
level = "warn"
[redis]
url = "unix://{sock}"
[[sink]]
type = "jsonl"
path = "{out_dir}/mentions.jsonl"
[http]
max_in_flight = {args.concurrency}
[crawl]
parse_threads = {args.parse_threads}
[alerts]
enabled = false
[platforms.weibo]
base_url = "{base}"
web_url = "{base}"
search_route = "api"
cookie = "SUB=benchmark"
rate = "1000000/s"
burst = 10000
concurrency = {args.concurrency}
{queries}""")
        servers0 = (tree_cpu_seconds(nginx.p.pid), proc_cpu_seconds(redis.p.pid))
        with open(os.path.join(tmp, "koubei-backfill.log"), "wb") as log:
            k = measured(shlex.split(args.koubei_prefix) +
                         [koubei, "backfill", "--config", cfg, "--all", "--since", "2026-11-20",
                          "--until", "2026-11-23"], stdout=subprocess.DEVNULL, stderr=log)
        summary = open(os.path.join(tmp, "koubei-backfill.log"), encoding="utf8", errors="replace").read()
        m = re.search(r"backfill: .*?(\d+) pages, (\d+) new.*?(\d+) requests", summary)
        if k["code"] != 0 or not m:
            sys.exit(f"koubei backfill exited {k['code']}:\n{summary[-3000:]}")
        ids = set()
        lines = 0
        for name in os.listdir(out_dir):
            with open(os.path.join(out_dir, name), encoding="utf8") as f:
                for line in f:
                    lines += 1
                    ids.add(json.loads(line)["id"])
        k.update(pages=int(m.group(1)), requests=int(m.group(3)), items=lines, unique=len(ids))
        # Where the machine's CPU went during koubei's run: koubei itself, nginx serving it, and
        # redis-server (dedup and author cache), per page.
        k["nginx_cpu"] = tree_cpu_seconds(nginx.p.pid) - servers0[0]
        k["redis_cpu"] = proc_cpu_seconds(redis.p.pid) - servers0[1]
        k["redis_commands"] = redis_usec(sock)
        rows["koubei"] = k
        print(f"  koubei: {k['pages']} pages, {lines} records in {k['seconds']:.1f} s", flush=True)

        # Scrapy: the peer script, same pages, same output shape.
        scrapy_out = os.path.join(tmp, "scrapy.jsonl")
        nginx0 = tree_cpu_seconds(nginx.p.pid)
        with open(os.path.join(tmp, "scrapy.log"), "w") as log:
            s = measured(["/usr/bin/python3", os.path.join(PEERS, "scrapy_peer.py"), base,
                          str(args.queries), scrapy_out, str(args.concurrency)], stdout=log, stderr=subprocess.STDOUT)
        text = open(os.path.join(tmp, "scrapy.log")).read()
        m = re.search(r"pages=(\d+) items=(\d+)", text)
        if s["code"] != 0 or not m:
            sys.exit(f"scrapy_peer.py exited {s['code']}:\n{text[-3000:]}")
        with open(scrapy_out, encoding="utf8") as f:
            s_ids = {json.loads(line)["id"] for line in f}
        s.update(pages=int(m.group(1)), requests=int(m.group(1)), items=int(m.group(2)), unique=len(s_ids))
        s["nginx_cpu"] = tree_cpu_seconds(nginx.p.pid) - nginx0
        rows["scrapy"] = s
        print(f"  scrapy: {s['pages']} pages, {s['items']} items in {s['seconds']:.1f} s", flush=True)

        # wrk: the same URLs round-robin, the machine's ceiling for fetching them.
        with open(os.path.join(tmp, "urls.txt"), "w") as f:
            f.write("\n".join(urls) + "\n")
        script = os.path.join(tmp, "urls.lua")
        with open(script, "w") as f:
            f.write(f'local paths = {{}}\nfor line in io.lines("{tmp}/urls.txt") do paths[#paths + 1] = line end\n'
                    "local i = 0\nrequest = function()\n  i = i % #paths + 1\n"
                    "  return wrk.format(\"GET\", paths[i])\nend\n")
        nginx0 = tree_cpu_seconds(nginx.p.pid)
        with open(os.path.join(tmp, "wrk.log"), "w") as log:
            w = measured(["wrk", "-t2", f"-c{args.concurrency}", f"-d{args.wrk_seconds}s", "-s", script, base],
                         stdout=log, stderr=subprocess.STDOUT)
        text = open(os.path.join(tmp, "wrk.log")).read()
        m = re.search(r"Requests/sec:\s+([\d.]+)", text)
        r = re.search(r"(\d+) requests in", text)
        if w["code"] != 0 or not m:
            sys.exit(f"wrk exited {w['code']}:\n{text}")
        w.update(requests=int(r.group(1)), pages=int(r.group(1)), items=None, unique=None, rps=float(m.group(1)))
        w["nginx_cpu"] = tree_cpu_seconds(nginx.p.pid) - nginx0
        rows["wrk"] = w
    for name, row in rows.items():
        row["pages_per_s"] = row.get("rps") or row["pages"] / row["seconds"]
        row["items_per_s"] = row["items"] / row["seconds"] if row["items"] else None
    return {"rows": rows, "queries": args.queries, "pages": args.pages,
            "x_scrapy": rows["koubei"]["pages_per_s"] / rows["scrapy"]["pages_per_s"],
            "of_wrk": rows["koubei"]["pages_per_s"] / rows["wrk"]["pages_per_s"],
            "concurrency": args.concurrency}


def metric_sum(metrics_url, name):
    """The sum of every series of one metric on a /metrics page."""
    total = 0.0
    for line in http_get(metrics_url).splitlines():
        if line.startswith(name + "{") or line.startswith(name + " "):
            total += float(line.rsplit(" ", 1)[1])
    return total


def redis_usec(sock):
    """Microseconds the server spent per command name so far (INFO commandstats), INFO excluded."""
    usec = {}
    for line in capture(["redis-cli", "-s", sock, "INFO", "commandstats"]).splitlines():
        m = re.match(r"cmdstat_([\w|]+):calls=(\d+),usec=(\d+)", line)
        if m and m.group(1) != "info":
            usec[m.group(1)] = (int(m.group(2)), int(m.group(3)))
    return usec


def redis_calls(sock):
    """Commands the server has run so far by name (INFO commandstats), INFO itself excluded."""
    calls = {}
    for line in capture(["redis-cli", "-s", sock, "INFO", "commandstats"]).splitlines():
        m = re.match(r"cmdstat_([\w|]+):calls=(\d+)", line)
        if m and m.group(1) != "info":
            calls[m.group(1)] = int(m.group(2))
    return calls


def sharing(args, tmp, koubei):
    """One daemon versus N on one Redis, on the throughput pages: every job's first poll walks
    its whole listing (first_since covers the pages); pages/s from the first request to the last
    walk, Redis commands per delivered mention."""
    nginx, base, probe = weibo_pages_server(args, tmp)
    queries = "".join(f'[[query]]\nid = "kw{q:04d}"\nkeywords = "kw{q:04d}"\nplatforms = ["weibo"]\n'
                      f'interval = {{ min = "1h", max = "1h" }}\n' for q in range(1, args.queries + 1))
    runs = {}
    with nginx:
        nginx.wait_for(lambda: _ok(probe), "nginx")
        for n in (1, args.sharing_daemons):
            run_tmp = os.path.join(tmp, f"sharing-{n}")
            os.makedirs(run_tmp)
            redis, sock = redis_server(run_tmp)
            with redis:
                wait_redis(redis, sock)
                daemons, urls = [], []
                for i in range(n):
                    port = free_port()
                    urls.append(f"http://127.0.0.1:{port}/metrics")
                    cfg = koubei_config(os.path.join(run_tmp, f"d{i}.toml"), f"""
[daemon]
state_dir = "{run_tmp}/state-{i}"
metrics_listen = "127.0.0.1:{port}"
lease_ttl = "{args.sharing_lease}"
member = "bench-{i}"
[log]
level = "warn"
[redis]
url = "unix://{sock}"
[[sink]]
type = "jsonl"
path = "{run_tmp}/out-{i}/mentions.jsonl"
[http]
max_in_flight = {args.concurrency}
[crawl]
parse_threads = {args.parse_threads}
first_since = "3650d"
[alerts]
enabled = false
[platforms.weibo]
base_url = "{base}"
web_url = "{base}"
search_route = "api"
cookie = "SUB=benchmark"
rate = "1000000/s"
burst = 10000
concurrency = {args.concurrency}
{queries}""")
                    daemons.append(Background([koubei, "run", "--config", cfg], os.path.join(run_tmp, f"d{i}.log")))
                before = redis_calls(sock)
                started = time.monotonic()
                for d in daemons:
                    d.__enter__()
                first = done = None
                try:
                    while time.monotonic() - started < 600:
                        time.sleep(0.05)
                        try:
                            requests = sum(metric_sum(u, "koubei_requests_total") for u in urls)
                            walks = sum(metric_sum(u, "koubei_walks_total") for u in urls)
                        except OSError:
                            continue  # a daemon not listening yet
                        now = time.monotonic()
                        if first is None and requests > 0:
                            first = now
                        if walks >= args.queries:
                            done = now
                            break
                    if done is None:
                        sys.exit(f"sharing: {n} daemon(s) did not finish the first polls in 600 s")
                    requests = sum(metric_sum(u, "koubei_requests_total") for u in urls)
                    mentions = sum(metric_sum(u, "koubei_mentions_total") for u in urls)
                    budget_calls = sum(metric_sum(u, "koubei_budget_calls") for u in urls)
                    after = redis_calls(sock)
                    by_command = {c: n - before.get(c, 0) for c, n in after.items() if n > before.get(c, 0)}
                    calls = sum(by_command.values())
                finally:
                    for d in daemons:
                        d.__exit__(None, None, None)
            seconds = done - first
            runs[n] = {"daemons": n, "requests": int(requests), "mentions": int(mentions),
                       "seconds": seconds, "pages_per_s": requests / seconds,
                       "redis_per_mention": calls / mentions if mentions else None,
                       "startup_s": first - started,
                       "budget_calls_per_page": budget_calls / requests if requests else None,
                       "by_command": {c: n / mentions for c, n in sorted(by_command.items(), key=lambda kv: -kv[1])}
                       if mentions else {}}
            print(f"  {n} daemon(s): {int(requests)} requests, {int(mentions)} mentions in {seconds:.1f} s "
                  f"({requests / seconds:,.0f} pages/s), {calls} Redis commands", flush=True)
    one, many = runs[1], runs[args.sharing_daemons]
    return {"runs": runs, "queries": args.queries, "pages": args.pages, "lease": args.sharing_lease,
            "cost": 1 - many["pages_per_s"] / one["pages_per_s"]}


def _ok(url):
    try:
        return urllib.request.urlopen(url, timeout=2).status == 200
    except Exception:
        return False


# ---------------------------------------------------------------- 2. freshness
def sandbox(koubei, tmp, name, scenario, epoch=None):
    argv = [koubei, "sandbox", "--listen", "127.0.0.1:0", "--scenario", scenario, "--clock-rate", "1"]
    if epoch:
        argv += ["--epoch", epoch]
    bg = Background(argv, os.path.join(tmp, name + ".log"))
    return bg


def sandbox_url(bg):
    def ready():
        try:
            head = open(bg.log).readline()
        except OSError:
            return False
        return head.startswith("listening on 127.0.0.1:")
    bg.wait_for(ready, "koubei sandbox")
    return "http://" + open(bg.log).readline().split("listening on ", 1)[1].strip()


def platform_sections(base, glyphs, rate, burst, concurrency=2):
    out = ""
    for name, cookie, signed in (("weibo", "SUB=benchmark", False), ("xiaohongshu", "web_session=benchmark", True),
                                 ("douyin", "sessionid=benchmark", True), ("dianping", "dper=benchmark", False)):
        out += f'[platforms.{name}]\nbase_url = "{base}"\nweb_url = "{base}"\ncookie = "{cookie}"\n'
        out += f'rate = "{rate}"\nburst = {burst}\nconcurrency = {concurrency}\n'
        if signed:
            out += f'signer_url = "{base}/__sandbox/sign"\n'
        if name == "dianping":
            out += f'glyph_map = "{glyphs}"\n'
    return out


def freshness(args, tmp, koubei):
    epoch = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    worlds = {mode: sandbox(koubei, tmp, f"sandbox-{mode}", "steady", epoch) for mode in ("adaptive", "fixed")}
    results = {}
    with worlds["adaptive"], worlds["fixed"]:
        bases = {mode: sandbox_url(bg) for mode, bg in worlds.items()}
        world = json.loads(http_get(bases["adaptive"] + "/__sandbox/world"))
        queries = [q for q in world["queries"]]
        daemons = {}
        for mode, base in bases.items():
            d = os.path.join(tmp, f"fresh-{mode}")
            os.makedirs(d)
            glyphs = os.path.join(d, "glyphs.json")
            with open(glyphs, "w") as f:
                f.write(http_get(base + "/__sandbox/glyphs"))
            qs = "".join(f'[[query]]\nid = "q{i:03d}"\nkeywords = "{q["keyword"]}"\n'
                         f'platforms = {json.dumps(fresh_platforms(q, args))}\n'
                         f'interval = {{ min = "{args.interval_min}", max = "{args.interval_max}" }}\n'
                         for i, q in enumerate(queries))
            cfg = koubei_config(os.path.join(d, "koubei.toml"), f"""
[daemon]
state_dir = "{d}/state"
metrics_listen = ""
[log]
level = "info"
[[sink]]
type = "jsonl"
path = "{d}/out/mentions.jsonl"
[crawl]
first_since = "10m"
polling = "{mode}"
[alerts]
enabled = false
{platform_sections(base, glyphs, args.budget, 2)}
{qs}""")
            daemons[mode] = Background([koubei, "run", "--config", cfg], os.path.join(d, "koubei.log"))
        with daemons["adaptive"], daemons["fixed"]:
            # Items created after the warm-up: the first round of polls (and its follow-ups) is
            # behind both daemons, so what is measured is steady polling.
            t0 = int(time.time() * 1000) + args.warmup_seconds * 1000
            pids = {mode: bg.p.pid for mode, bg in daemons.items()}
            print(f"  two daemons running for {args.freshness_seconds} s (budget {args.budget} per platform)", flush=True)
            deadline = time.monotonic() + args.freshness_seconds
            while time.monotonic() < deadline:
                for mode, bg in daemons.items():
                    if bg.p.poll() is not None:
                        sys.exit(f"koubei run ({mode}) exited {bg.p.returncode}; see {bg.log}")
                time.sleep(1)
            t1 = int(time.time() * 1000)
            cpu = {mode: proc_cpu_seconds(pid) for mode, pid in pids.items()}
            rss = {mode: rss_mib(pid, "VmHWM") for mode, pid in pids.items()}
        # Items created during the run, early enough that every job had one maximum interval
        # (with jitter) to poll after them.
        since = t0
        until = t1 - int(parse_seconds(args.interval_max) * 1100) - 5000
        for mode, base in bases.items():
            d = os.path.join(tmp, f"fresh-{mode}")
            seen = {}
            for root, _, files in os.walk(os.path.join(d, "out")):
                for name in files:
                    with open(os.path.join(root, name), encoding="utf8") as f:
                        for line in f:
                            rec = json.loads(line)
                            seen.setdefault(rec["id"], rec["fetched_at"])
            truth, latencies = 0, []
            for q in queries:
                for p in fresh_platforms(q, args):
                    url = (f"{base}/__sandbox/truth?platform={p}&query={urllib.parse.quote(q['keyword'])}"
                           f"&since={since}&until={until}")
                    for item in json.loads(http_get(url))["items"]:
                        if item["kind"] != "post" and item["kind"] not in ("note", "video"):
                            continue
                        truth += 1
                        if item["id"] in seen:
                            latencies.append(rfc3339_ms(seen[item["id"]]) - item["created_ms"])
            latencies.sort()
            results[mode] = {"truth": truth, "found": len(latencies),
                             "recall": len(latencies) / truth if truth else float("nan"),
                             "p50": pct(latencies, 0.5), "p95": pct(latencies, 0.95),
                             "max": latencies[-1] / 1000 if latencies else None,
                             "cpu": cpu[mode], "rss_mib": rss[mode],
                             "requests": count_requests(os.path.join(d, "koubei.log"))}
    return {"modes": results, "seconds": args.freshness_seconds, "budget": args.budget,
            "queries": len(queries), "jobs": sum(len(fresh_platforms(q, args)) for q in queries),
            "platforms": args.freshness_platforms, "warmup": args.warmup_seconds,
            "interval": f'{args.interval_min}..{args.interval_max}', "window_s": (until - since) / 1000}


def fresh_platforms(query, args):
    wanted = args.freshness_platforms.split(",")
    return [p for p in query["platforms"] if p in wanted]


def count_requests(log):
    text = open(log, encoding="utf8", errors="replace").read()
    m = re.search(r"(\d+) requests \(", text)
    return int(m.group(1)) if m else None


def parse_seconds(s):
    m = re.fullmatch(r"(\d+)(ms|s|m|h)", s)
    return int(m.group(1)) * {"ms": 0.001, "s": 1, "m": 60, "h": 3600}[m.group(2)]


def rfc3339_ms(s):
    m = re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.(\d+))?Z", s)
    import calendar
    secs = calendar.timegm(tuple(int(m.group(i)) for i in range(1, 7)))
    frac = int((m.group(7) or "0")[:3].ljust(3, "0"))
    return secs * 1000 + frac


def pct(sorted_ms, q):
    if not sorted_ms:
        return None
    return sorted_ms[min(len(sorted_ms) - 1, int(q * len(sorted_ms)))] / 1000


# ---------------------------------------------------------------- 3. scale
def scale(args, tmp, koubei, build):
    out = {}
    # The steady world with as many generated keywords as configured queries: each first poll
    # finds real items, as a daemon watching 10,000 live keywords would.
    with open(os.path.join(ROOT, "config", "scenarios", "steady.toml"), encoding="utf8") as f:
        steady = f.read()
    scenario = os.path.join(tmp, "scale.toml")
    with open(scenario, "w", encoding="utf8") as f:
        # The sandbox holds at most 9,999 query streams; configured queries beyond the world's
        # keywords search for words nobody uses (empty result pages).
        f.write(re.sub(r"(?m)^queries = \d+", f"queries = {min(args.scale_queries, 9999) - 1}", steady))
    bg = sandbox(koubei, tmp, "sandbox-scale", scenario)
    with bg:
        base = sandbox_url(bg)
        world = json.loads(http_get(base + "/__sandbox/world"))
        while len(world["queries"]) < args.scale_queries:
            world["queries"].append({"keyword": f"无人提及{len(world['queries'])} 售后",
                                     "platforms": ["weibo", "xiaohongshu", "douyin"]})
        d = os.path.join(tmp, "scale")
        os.makedirs(d)
        glyphs = os.path.join(d, "glyphs.json")
        with open(glyphs, "w") as f:
            f.write(http_get(base + "/__sandbox/glyphs"))
        # One poll an hour: after the first round every job waits, which is the idle figure.
        qs = "".join(f'[[query]]\nid = "s{i:05d}"\nkeywords = "{q["keyword"]}"\n'
                     f'platforms = {json.dumps(scale_platforms(q, args))}\n'
                     'interval = { min = "1h", max = "1h" }\n' for i, q in enumerate(world["queries"]))
        port = free_port()
        cfg = koubei_config(os.path.join(d, "koubei.toml"), f"""
[daemon]
state_dir = "{d}/state"
metrics_listen = "127.0.0.1:{port}"
[log]
level = "warn"
[[sink]]
type = "jsonl"
path = "{d}/out/mentions.jsonl"
[crawl]
first_since = "10m"
[alerts]
enabled = false
{platform_sections(base, glyphs, args.scale_rate, 50, 16)}
{qs}""")
        jobs = sum(len(scale_platforms(q, args)) for q in world["queries"])
        daemon = Background([koubei, "run", "--config", cfg], os.path.join(d, "koubei.log"))
        with daemon:
            pid = daemon.p.pid
            metrics = f"http://127.0.0.1:{port}/metrics"
            daemon.wait_for(lambda: _ok(metrics), "koubei run (scale)", timeout=120)
            t_start = time.monotonic()
            loaded_rss = rss_mib(pid)
            cpu0 = proc_cpu_seconds(pid)
            # Scheduling: the first round of polls, one per job, at the configured rate.
            polls = 0
            while time.monotonic() - t_start < args.scale_seconds:
                polls = walks_total(metrics)
                if polls >= jobs:
                    break
                time.sleep(1)
            sched_s = time.monotonic() - t_start
            sched_cpu = proc_cpu_seconds(pid) - cpu0
            sched_rss = rss_mib(pid, "VmHWM")
            # Idle: every job waits for its next poll (interval max is 30 min by default).
            idle = None
            if polls >= jobs:
                time.sleep(2)
                c0, w0 = proc_cpu_seconds(pid), time.monotonic()
                before = walks_total(metrics)
                time.sleep(args.idle_seconds)
                idle = {"cpu_pct": 100 * (proc_cpu_seconds(pid) - c0) / (time.monotonic() - w0),
                        "rss_mib": rss_mib(pid), "requests": walks_total(metrics) - before}
        out["daemon"] = {"queries": len(world["queries"]), "jobs": jobs, "loaded_rss_mib": loaded_rss,
                         "sched_seconds": sched_s, "sched_cpu": sched_cpu, "sched_polls": polls,
                         "peak_rss_mib": sched_rss, "idle": idle, "rate": args.scale_rate,
                         "platforms": args.scale_platforms}
    # Embedded dedup: 10 million ids.
    dedup = os.path.join(build, "bench", "koubei_dedup_bench")
    text = capture([dedup, "--embedded-dir", os.path.join(tmp, "embedded"), "--keys", str(args.dedup_keys)])
    out["dedup_table"] = text
    row = [l for l in text.splitlines() if l.startswith("|") and re.match(r"\|\s*[\d,]+\s*\|", l)]
    out["dedup_row"] = row[-1] if row else None
    return out


def scale_platforms(query, args):
    wanted = args.scale_platforms.split(",")
    return [p for p in query["platforms"] if p in wanted]


def walks_total(metrics_url):
    """Polls finished so far (every result)."""
    total = 0
    for line in http_get(metrics_url).splitlines():
        if line.startswith("koubei_walks_total{"):
            total += float(line.rsplit(" ", 1)[1])
    return int(total)


# ---------------------------------------------------------------- report
def fmt(v, unit="", digits=1):
    if v is None:
        return "–"
    if isinstance(v, float):
        return f"{v:,.{digits}f}{unit}"
    return f"{v:,}{unit}"


def cpu_per_page_lines(t):
    """Where the machine's two cores went, per page fetched, for each client's run."""
    lines = ["Where the machine's CPU went, per page (µs of CPU; both cores together allow "
             "1,000,000 / pages/s × 2):", "",
             "| | client | nginx | redis-server | all three | allowed at this pages/s |", "|---|---|---|---|---|---|"]
    for name, r in t["rows"].items():
        if "nginx_cpu" not in r:
            return []
        per = lambda cpu: 1e6 * cpu / r["pages"]
        redis = per(r["redis_cpu"]) if "redis_cpu" in r else 0
        total = per(r["cpu"]) + per(r["nginx_cpu"]) + redis
        lines.append(f"| {name} | {per(r['cpu']):.0f} | {per(r['nginx_cpu']):.0f} | "
                     f"{fmt(redis if 'redis_cpu' in r else None, '', 0)} | {total:.0f} | "
                     f"{2e6 / r['pages_per_s']:.0f} |")
    k = t["rows"]["koubei"]
    cmds = sorted(k["redis_commands"].items(), key=lambda kv: -kv[1][1])
    calls = sum(c for c, _ in k["redis_commands"].values())
    lines += ["", f"redis-server during koubei's run: {calls / k['items']:.2f} commands per record; time by command "
              "(INFO commandstats; a script's own calls are also counted under their names): "
              + ", ".join(f"{n} {c / k['items']:.2f}/record at {u / c:.2f} µs" for n, (c, u) in cmds[:6] if c) + ".", ""]
    return lines


def report(results, env, command):
    """One Markdown block for the one section in `results`, between its markers."""
    (section,) = results.keys()
    lines = [MARK_BEGIN.format(section)]
    if "throughput" in results:
        t = results["throughput"]
        lines += [f"### Throughput: {t['queries']} queries × {t['pages']} pages of `weibo.search_api` from nginx on loopback, "
                  f"{t['concurrency']} connections", "",
                  "| | pages | records | seconds | pages/s | items/s | CPU s (user+sys) | peak RSS |",
                  "|---|---|---|---|---|---|---|---|"]
        for name, r in t["rows"].items():
            lines.append(f"| {name} | {fmt(r['pages'])} | {fmt(r['items'])} | {r['seconds']:.1f} | "
                         f"{fmt(r['pages_per_s'], '', 0)} | {fmt(r['items_per_s'], '', 0)} | "
                         f"{r['cpu']:.1f} ({r['user']:.1f}+{r['sys']:.1f}) | {r['rss_mib']:.0f} MiB |")
        lines += ["", f"koubei = **{t['x_scrapy']:.1f}× Scrapy's pages/s** (target ≥ 50×) and "
                  f"**{100 * t['of_wrk']:.0f}% of wrk's requests/s** (target ≥ 40%). koubei writes full "
                  "`koubei.mention.v1` records (keyword filter, influence, sentiment, schema check), claims and "
                  "confirms each id in Redis, and fsyncs the JSONL file before confirming (group commit); Scrapy writes its "
                  f"peer's 8 fields. Unique ids: koubei {fmt(t['rows']['koubei']['unique'])}, "
                  f"Scrapy {fmt(t['rows']['scrapy']['unique'])}.", ""]
        lines += cpu_per_page_lines(t)
    if "freshness" in results:
        f = results["freshness"]
        lines += [f"### Freshness: sandbox `steady` ({f['queries']} queries on {f['platforms']}, {f['jobs']} search jobs), "
                  f"{f['seconds']} s ({f['warmup']} s warm-up), budget {f['budget']} per platform, interval {f['interval']}", "",
                  "| polling | items created | found | recall | latency p50 | p95 | max | requests | CPU s | peak RSS |",
                  "|---|---|---|---|---|---|---|---|---|---|"]
        for mode, r in f["modes"].items():
            lines.append(f"| {mode} | {r['truth']} | {r['found']} | {100 * r['recall']:.2f}% | "
                         f"{fmt(r['p50'], ' s')} | {fmt(r['p95'], ' s')} | {fmt(r['max'], ' s')} | "
                         f"{fmt(r['requests'])} | {r['cpu']:.1f} | {r['rss_mib']:.0f} MiB |")
        a, x = f["modes"]["adaptive"], f["modes"]["fixed"]
        if a["p95"] and x["p95"]:
            lines += ["", f"Adaptive p95 = **{100 * a['p95'] / x['p95']:.0f}% of fixed** (target ≤ 50%); "
                      f"p50 {100 * a['p50'] / x['p50']:.0f}% of fixed. Items counted: created during the run, "
                      f"after the warm-up and at least one maximum interval before the end ({f['window_s']:.0f} s of arrivals).", ""]
    if "sharing" in results:
        h = results["sharing"]
        lines += [f"### Sharing: one daemon versus {max(h['runs'])} on one Redis, {h['queries']} queries × {h['pages']} pages "
                  f"of `weibo.search_api` from nginx (every job's first poll walks its listing), lease {h['lease']}", "",
                  "| daemons | pages | mentions | seconds | pages/s | Redis commands per mention | shared budget calls per page |",
                  "|---|---|---|---|---|---|---|"]
        for n, r in sorted(h["runs"].items()):
            lines.append(f"| {n} | {fmt(r['requests'])} | {fmt(r['mentions'])} | {r['seconds']:.1f} | "
                         f"{fmt(r['pages_per_s'], '', 0)} | {fmt(r['redis_per_mention'], '', 2)} | "
                         f"{fmt(r.get('budget_calls_per_page'), '', 3)} |")
        top = ", ".join(f"{c} {v:.2f}" for c, v in list(h["runs"][1]["by_command"].items())[:6])
        lines += ["", f"Redis commands per mention by name (one daemon): {top}."]
        cost = (f"**{100 * h['cost']:.1f}% fewer pages/s** than one" if h["cost"] >= 0
                else f"**{-100 * h['cost']:.1f}% more pages/s** than one (noise: they share the same cores)")
        lines += ["", f"Coordination cost: the daemons together fetch {cost} "
                  "(target < 10% fewer). Seconds run from the first request to the last first poll; the "
                  "join wait (a third of the lease) before the first request is not counted. The daemons share 2 cores "
                  "with nginx and redis-server.", ""]
    if "scale" in results:
        s = results["scale"]
        dmn = s["daemon"]
        idle = dmn["idle"]
        lines += [f"### Scale: {dmn['queries']:,} configured queries on {dmn['platforms']} ({dmn['jobs']:,} search jobs), "
                  f"sandbox world with as many keywords, rate {dmn['rate']} per platform", "",
                  "| | value |", "|---|---|",
                  f"| RSS loaded (config parsed, jobs built) | {dmn['loaded_rss_mib']:.0f} MiB |",
                  f"| first round: polls / seconds / CPU s | {dmn['sched_polls']:,} / {dmn['sched_seconds']:.0f} / {dmn['sched_cpu']:.1f} |",
                  f"| peak RSS while scheduling | **{dmn['peak_rss_mib']:.0f} MiB** (target ≤ 200 MB) |",
                  f"| idle CPU / RSS | {fmt(idle and idle['cpu_pct'], ' %', 2)} / {fmt(idle and idle['rss_mib'], ' MiB', 0)} |", ""]
        lines += ["Embedded dedup store (koubei_dedup_bench):", "", s["dedup_table"], ""]
    lines += [f"Measured with `{command}` on {env['machine']['cores']} cores ({env['machine']['cpu']}), "
              f"{env['machine']['memory']}, Linux {env['machine']['kernel']}; "
              + ", ".join(f"{k} {v}" for k, v in env["versions"].items()) + f"; {env['date']}.", "",
              MARK_END.format(section)]
    return "\n".join(lines)


def write_block(name, text):
    path = os.path.join(ROOT, "docs", "performance.md")
    doc = open(path, encoding="utf8").read()
    begin, end = MARK_BEGIN.format(name), MARK_END.format(name)
    if begin in doc and end in doc:
        doc = doc[:doc.index(begin)] + text + doc[doc.index(end) + len(end):]
    else:
        doc = doc.rstrip("\n") + "\n\n" + text + "\n"
    with open(path, "w", encoding="utf8") as f:
        f.write(doc)
    print(f"wrote the {name} block of {path}", flush=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build", default=os.path.join(ROOT, "build", "release"))
    ap.add_argument("--sections", default="throughput,freshness,scale,sharing")
    ap.add_argument("--sharing-daemons", type=int, default=3)
    ap.add_argument("--sharing-lease", default="15s")
    ap.add_argument("--queries", type=int, default=400)
    ap.add_argument("--pages", type=int, default=50)
    ap.add_argument("--concurrency", type=int, default=64)
    ap.add_argument("--parse-threads", type=int, default=1)
    ap.add_argument("--wrk-seconds", type=int, default=10)
    ap.add_argument("--freshness-seconds", type=int, default=900)
    ap.add_argument("--budget", default="4/s", help="request budget per platform (freshness)")
    # Xiaohongshu's search lists notes without a time: a first poll fetches every listed note's
    # detail (20 a query), which at this budget takes longer than the run. See docs/performance.md.
    ap.add_argument("--freshness-platforms", default="weibo,douyin")
    ap.add_argument("--warmup-seconds", type=int, default=120)
    ap.add_argument("--interval-min", default="10s")
    ap.add_argument("--interval-max", default="5m")
    ap.add_argument("--scale-queries", type=int, default=10000)
    ap.add_argument("--scale-rate", default="300/s")
    ap.add_argument("--scale-platforms", default="weibo,douyin")
    ap.add_argument("--scale-seconds", type=int, default=300)
    ap.add_argument("--idle-seconds", type=int, default=20)
    ap.add_argument("--dedup-keys", type=int, default=10_000_000)
    ap.add_argument("--write", action="store_true",
                    help="replace each section's block in docs/performance.md as it completes")
    ap.add_argument("--keep", action="store_true", help="keep the temporary directory")
    ap.add_argument("--koubei-prefix", default="",
                    help="run koubei's throughput backfill under this command, e.g. "
                         "'perf record -F 999 -g -o /tmp/koubei.perf' (figures then include it)")
    args = ap.parse_args()
    koubei = os.path.join(args.build, "koubei")
    if not os.access(koubei, os.X_OK):
        sys.exit(f"{koubei}: not built (run .ci/setup.sh release)")
    tmp = tempfile.mkdtemp(prefix="koubei-bench-")
    env = {"machine": machine(), "versions": versions(koubei), "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())}
    command = ("bench/benchmark.py " + " ".join(sys.argv[1:])).strip()
    try:
        for section in args.sections.split(","):
            print(f"== {section}", flush=True)
            if section == "throughput":
                result = throughput(args, tmp, koubei)
            elif section == "freshness":
                result = freshness(args, tmp, koubei)
            elif section == "scale":
                result = scale(args, tmp, koubei, args.build)
            elif section == "sharing":
                result = sharing(args, tmp, koubei)
            else:
                sys.exit(f"unknown section {section!r} (throughput, freshness, scale, sharing)")
            text = report({section: result}, env, command)
            print(text, flush=True)
            if args.write:
                write_block(section, text)
    finally:
        if args.keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
