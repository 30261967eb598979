"""The example alert rules and Grafana dashboard in deploy/ use only metrics a
real `quai serve` exports, the rules pass `promtool check rules`, and the
exposition passes `promtool check metrics` (the Prometheus project's lint).
Usage: deploy_files_test.py SOURCE_DIR QUAI_BINARY"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(__file__))
import quai_metrics  # noqa: E402


def main():
    source, quai = sys.argv[1], sys.argv[2]
    rules = os.path.join(source, "deploy/prometheus/quai-alerts.yml")
    dashboard = os.path.join(source, "deploy/grafana/quai-dashboard.json")
    promtool = shutil.which("promtool")
    if promtool is None:
        print("promtool is missing: scripts/setup.sh installs Debian's prometheus package")
        return 1
    failures = []
    checked = subprocess.run([promtool, "check", "rules", rules], capture_output=True, text=True)
    if checked.returncode != 0:
        failures.append("promtool check rules: " + checked.stdout + checked.stderr)

    with tempfile.TemporaryDirectory() as work:
        # One document queued, read by the server's own worker, so every family has samples.
        data = os.path.join(work, "data")
        queued = subprocess.run([quai, "ingest", "--queue-only", "--data", data,
                                 os.path.join(source, "samples/dev-coc-0006.pdf")], capture_output=True, text=True)
        if queued.returncode != 0:
            print("quai ingest --queue-only failed:", queued.stderr)
            return 1
        server, port = quai_metrics.start_server(quai, work, ["--jobs", "1"])
        try:
            text = ""
            for _ in range(600):
                text = quai_metrics.scrape(port)
                if quai_metrics.total(text, "quai_documents_read_total") >= 1 and \
                        quai_metrics.total(text, "quai_stage_duration_seconds_count") > 0:
                    break
                time.sleep(0.2)
            quai_metrics.scrape(port, "/api/v1/health")  # a request of the API, for the HTTP families
            text = quai_metrics.scrape(port)
        finally:
            server.terminate()
            server.wait(timeout=60)
        lint = subprocess.run([promtool, "check", "metrics"], input=text, capture_output=True, text=True)
        if lint.returncode != 0:
            failures.append("promtool check metrics:\n" + lint.stdout + lint.stderr)
        exported = quai_metrics.exported_names(text)

    in_rules = quai_metrics.names_used(open(rules).read())
    expressions = " ".join(t["expr"] for p in json.load(open(dashboard))["panels"] for t in p["targets"])
    in_dashboard = quai_metrics.names_used(expressions)
    for where, used in (("alert rules", in_rules), ("Grafana dashboard", in_dashboard)):
        missing = sorted(used - exported)
        if missing:
            failures.append("the %s use metrics quai does not export: %s" % (where, ", ".join(missing)))
        print("%s: %d metric names, all exported" % (where, len(used)) if not missing else "")
    if failures:
        print("\n".join(failures))
        return 1
    print("exported: %d names; rules and dashboard use %d of them" % (len(exported), len(in_rules | in_dashboard)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
