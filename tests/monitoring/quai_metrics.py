"""Helpers shared by the monitoring checks and bench/metrics_agree.sh: start a
real `quai serve`, scrape its /metrics, read samples and metric names."""
import os
import re
import subprocess
import time
import urllib.request

LISTENING = re.compile(r"listening on https?://[^:]+:([0-9]+)/")


def start_server(quai, data_dir, extra=(), log_path=None):
    """Starts `quai serve` on a free loopback port; returns (process, port)."""
    out_path = os.path.join(data_dir, "serve.out")
    err = open(log_path or os.path.join(data_dir, "serve.err"), "w")
    process = subprocess.Popen([quai, "serve", "--listen", "127.0.0.1:0", "--data", os.path.join(data_dir, "data"),
                                *extra], stdout=open(out_path, "w"), stderr=err)
    for _ in range(600):
        match = LISTENING.search(open(out_path).read())
        if match:
            return process, int(match.group(1))
        if process.poll() is not None:
            raise RuntimeError("quai serve exited with %d" % process.returncode)
        time.sleep(0.1)
    process.kill()
    raise RuntimeError("quai serve did not start within 60 s")


def scrape(port, path="/metrics", token=None):
    request = urllib.request.Request("http://127.0.0.1:%d%s" % (port, path))
    if token:
        request.add_header("Authorization", "Bearer " + token)
    with urllib.request.urlopen(request, timeout=30) as answer:
        return answer.read().decode()


def samples(text):
    """{series: value} for every sample line ("name{labels}" as written)."""
    out = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            series, value = line.rsplit(" ", 1)
            out[series] = float(value)
    return out


def total(text, name, **labels):
    """The sum of `name`'s samples whose labels include `labels`."""
    result = 0.0
    for series, value in samples(text).items():
        metric, _, rest = series.partition("{")
        if metric != name:
            continue
        if all('%s="%s"' % (k, v) in rest for k, v in labels.items()):
            result += value
    return result


def exported_names(text):
    """Every metric family's name, with a histogram's _bucket/_sum/_count series."""
    names = set()
    for line in text.splitlines():
        match = re.match(r"# TYPE (\S+) (\S+)", line)
        if match:
            names.add(match.group(1))
            if match.group(2) in ("histogram", "summary"):
                names.update(match.group(1) + suffix for suffix in ("_bucket", "_sum", "_count"))
    return names


def names_used(expression_text):
    return set(re.findall(r"\bquai_[a-z0-9_]+", expression_text))
