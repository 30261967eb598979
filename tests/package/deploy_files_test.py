#!/usr/bin/env python3
"""The deployment files agree with the package, with each other and with the store's schema.

What can be checked without a cluster or an image registry (none is reachable in CI):
the Kubernetes manifests parse as YAML (Debian's python3-yaml) and wire together (labels,
Secret keys, volume claims, probes, KEDA's target and authentication), KEDA's queue query
names only columns and states the jobs table has (src/storage/sqlite/migrations.cc); the
container file installs the package the build names and exposes the port, user and volume
the manifests and docs/install.md use; the systemd units run the installed binary as quai
on the data directory of /etc/quai/quai.conf. The container image itself is never built
here (no base image can be pulled), and hadolint is not in Debian.

  deploy_files_test.py SOURCE_DIR
"""
import glob
import os
import re
import sys
import unittest

import yaml

SRC = sys.argv.pop(1) if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "..")
DEPLOY = os.path.join(SRC, "deploy")


def read(*parts):
    with open(os.path.join(SRC, *parts), encoding="utf-8") as f:
        return f.read()


def manifests():
    """Every document of every YAML file under deploy/kubernetes, by (kind, name)."""
    found = {}
    for path in sorted(glob.glob(os.path.join(DEPLOY, "kubernetes", "*.yaml"))):
        with open(path, encoding="utf-8") as f:
            for document in yaml.safe_load_all(f):
                if document is None:
                    continue
                found[(document["kind"], document.get("metadata", {}).get("name", ""))] = (os.path.basename(path), document)
    return found


def jobs_table():
    """Columns and states of the jobs table, as the SQLite migration creates it."""
    migrations = read("src", "storage", "sqlite", "migrations.cc")
    body = re.search(r"CREATE TABLE jobs\((.*?)\n\);", migrations, re.S)
    assert body, "no CREATE TABLE jobs in migrations.cc"
    columns = {line.strip().split()[0] for line in body.group(1).strip().splitlines()}
    states = set(re.findall(r"'(\w+)'", re.search(r"state TEXT[^\n]*", body.group(1)).group(0)))
    return columns, states


def environment_file():
    values = {}
    for line in read("deploy", "debian", "quai.conf").splitlines():
        if line and not line.startswith("#") and "=" in line:
            key, value = line.split("=", 1)
            values[key] = value
    return values


class Kubernetes(unittest.TestCase):
    def setUp(self):
        self.objects = manifests()

    def get(self, kind, name):
        self.assertIn((kind, name), self.objects, f"no {kind} {name} in deploy/kubernetes")
        return self.objects[(kind, name)][1]

    def container(self, deployment):
        return self.get("Deployment", deployment)["spec"]["template"]["spec"]["containers"][0]

    def test_every_document_has_api_version_kind_and_name(self):
        self.assertGreaterEqual(len(self.objects), 7)
        for (kind, name), (path, document) in self.objects.items():
            self.assertTrue(document.get("apiVersion"), f"{path}: {kind} without apiVersion")
            if kind != "Kustomization":
                self.assertTrue(name, f"{path}: a {kind} without a name")

    def test_kustomization_lists_every_manifest(self):
        listed = set(self.get("Kustomization", "")["resources"])
        files = {os.path.basename(p) for p in glob.glob(os.path.join(DEPLOY, "kubernetes", "*.yaml"))}
        self.assertEqual(listed, files - {"kustomization.yaml"})

    def test_deployments_select_their_own_pods(self):
        for name in ("quai-api", "quai-worker"):
            spec = self.get("Deployment", name)["spec"]
            labels = spec["template"]["metadata"]["labels"]
            for key, value in spec["selector"]["matchLabels"].items():
                self.assertEqual(labels.get(key), value, f"{name}: selector {key}")

    def test_service_reaches_the_api_pods_on_their_port(self):
        service = self.get("Service", "quai")["spec"]
        api = self.get("Deployment", "quai-api")["spec"]["template"]
        for key, value in service["selector"].items():
            self.assertEqual(api["metadata"]["labels"].get(key), value)
        ports = {p["name"]: p["containerPort"] for p in self.container("quai-api")["ports"]}
        self.assertIn(service["ports"][0]["targetPort"], ports)

    def test_api_is_probed_on_health_and_ready_and_listens_on_its_port(self):
        api = self.container("quai-api")
        self.assertEqual(api["livenessProbe"]["httpGet"]["path"], "/health")
        self.assertEqual(api["readinessProbe"]["httpGet"]["path"], "/ready")
        port = api["ports"][0]["containerPort"]
        args = api["args"]
        self.assertEqual(args[0], "serve")
        self.assertEqual(args[args.index("--listen") + 1], f"0.0.0.0:{port}")
        self.assertIn("--no-workers", args, "the API nodes leave reading to the scaled workers")

    def test_api_and_workers_read_the_database_url_from_the_secret(self):
        secret = self.get("Secret", "quai-database")
        for name in ("quai-api", "quai-worker"):
            container = self.container(name)
            args = container["args"]
            self.assertEqual(args[args.index("--db") + 1], "$(QUAI_DB_URL)", name)
            env = {e["name"]: e for e in container["env"]}
            reference = env["QUAI_DB_URL"]["valueFrom"]["secretKeyRef"]
            self.assertEqual(reference["name"], "quai-database")
            self.assertIn(reference["key"], secret["stringData"])
            self.assertTrue(secret["stringData"][reference["key"]].startswith("postgresql://"))

    def test_api_and_workers_share_one_read_write_many_volume_as_data_directory(self):
        claims = set()
        home = environment_file()["QUAI_HOME"]
        for name in ("quai-api", "quai-worker"):
            pod = self.get("Deployment", name)["spec"]["template"]["spec"]
            volumes = {v["name"]: v for v in pod["volumes"]}
            mount = self.container(name)["volumeMounts"][0]
            self.assertEqual(mount["mountPath"], home, f"{name} mounts its data elsewhere than QUAI_HOME")
            env = {e["name"]: e.get("value") for e in self.container(name)["env"]}
            self.assertEqual(env["QUAI_HOME"], home)
            claims.add(volumes[mount["name"]]["persistentVolumeClaim"]["claimName"])
        self.assertEqual(len(claims), 1)
        claim = self.get("PersistentVolumeClaim", claims.pop())
        self.assertEqual(claim["spec"]["accessModes"], ["ReadWriteMany"])

    def test_workers_run_quai_worker_and_have_time_to_give_back_a_job(self):
        worker = self.get("Deployment", "quai-worker")["spec"]["template"]["spec"]
        self.assertEqual(worker["containers"][0]["args"][0], "worker")
        # A page may take --max-seconds-per-page (120 s) before a stopped worker is free.
        self.assertGreaterEqual(worker["terminationGracePeriodSeconds"], 120)

    def test_keda_scales_the_workers_on_the_jobs_table(self):
        scaled = self.get("ScaledObject", "quai-worker")["spec"]
        self.assertEqual(scaled["scaleTargetRef"]["name"], "quai-worker")
        self.get("Deployment", scaled["scaleTargetRef"]["name"])
        trigger = scaled["triggers"][0]
        self.assertEqual(trigger["type"], "postgresql")
        authentication = self.get("TriggerAuthentication", trigger["authenticationRef"]["name"])
        reference = authentication["spec"]["secretTargetRef"][0]
        self.assertEqual(reference["parameter"], "connection")
        self.assertIn(reference["key"], self.get("Secret", reference["name"])["stringData"])
        self.assertGreater(float(trigger["metadata"]["targetQueryValue"]), 0)

        query = trigger["metadata"]["query"]
        columns, states = jobs_table()
        self.assertRegex(query, r"(?i)^SELECT COUNT\(\*\) FROM jobs\b")
        where = re.split(r"(?i)\bWHERE\b", query, 1)[1]
        sql_words = {"and", "or", "not", "in", "is", "null", "extract", "epoch", "from", "now", "bigint"}
        for word in re.findall(r"\b([a-z_]+)\b(?!')", re.sub(r"'[^']*'", "", where)):
            if word.lower() not in sql_words:
                self.assertIn(word, columns, f"the KEDA query names {word}, which the jobs table lacks")
        for state in re.findall(r"'([^']*)'", where):
            self.assertIn(state, states, f"the KEDA query counts state '{state}', which jobs never have")

    def test_pods_run_as_the_image_user_and_not_root(self):
        uid = re.search(r"^USER (\d+):(\d+)$", read("deploy", "container", "Containerfile"), re.M)
        self.assertIsNotNone(uid, "the Containerfile's USER should be numeric (runAsNonRoot checks it)")
        for name in ("quai-api", "quai-worker"):
            context = self.get("Deployment", name)["spec"]["template"]["spec"]["securityContext"]
            self.assertTrue(context["runAsNonRoot"])
            self.assertEqual(str(context["runAsUser"]), uid.group(1))
            self.assertEqual(str(context["fsGroup"]), uid.group(2))


class Container(unittest.TestCase):
    def setUp(self):
        self.text = read("deploy", "container", "Containerfile")

    def test_it_is_debian_12_installing_the_package_the_build_makes(self):
        package = re.search(r"set\(CPACK_PACKAGE_NAME (\S+)\)", read("deploy", "CMakeLists.txt")).group(1)
        self.assertRegex(self.text, r"(?m)^FROM debian:12\b")
        self.assertRegex(self.text, rf"(?m)^COPY {package}_\*\.deb ")
        self.assertRegex(self.text, rf"apt-get install [^\n]*/tmp/{package}_\*\.deb")

    def test_user_matches_the_one_it_creates(self):
        uid, gid = re.search(r"^USER (\d+):(\d+)$", self.text, re.M).groups()
        self.assertRegex(self.text, rf"adduser --system --uid {uid} ")
        self.assertRegex(self.text, rf"addgroup --system --gid {gid} quai")

    def test_port_volume_and_data_directory_agree_with_the_docs(self):
        port = re.search(r"(?m)^EXPOSE (\d+)$", self.text).group(1)
        self.assertIn(f'"--listen", "0.0.0.0:{port}"', self.text)
        volume = re.search(r'(?m)^VOLUME \["([^"]+)"\]$', self.text).group(1)
        self.assertEqual(volume, environment_file()["QUAI_HOME"])
        self.assertIn(f"QUAI_HOME={volume}", self.text)
        install = read("docs", "install.md")
        self.assertIn(f"{port}:{port}", install, "docs/install.md should show the container's port")
        self.assertIn(f":{volume}", install, "docs/install.md should show the container's volume")


class SystemdUnits(unittest.TestCase):
    def test_units_run_the_installed_binary_as_quai_on_the_data_directory(self):
        home = environment_file()["QUAI_HOME"]
        self.assertIn("install(TARGETS quai RUNTIME DESTINATION bin)", read("deploy", "CMakeLists.txt"))
        for unit, command in (("quai.service", "serve $QUAI_SERVE_OPTIONS"), ("quai-worker@.service", "worker $QUAI_WORKER_OPTIONS")):
            text = read("deploy", "debian", unit)
            settings = {}
            for line in text.splitlines():
                if "=" in line and not line.startswith("#"):
                    key, value = line.split("=", 1)
                    settings.setdefault(key, []).append(value)
            self.assertEqual(settings["ExecStart"], [f"/usr/bin/quai {command}"], unit)
            self.assertEqual(settings["User"], ["quai"], unit)
            self.assertEqual(settings["EnvironmentFile"], ["/etc/quai/quai.conf"], unit)
            self.assertEqual(settings["ReadWritePaths"], [home], unit)
            self.assertEqual(settings["ProtectSystem"], ["strict"], unit)
            for flag in ("NoNewPrivileges", "PrivateTmp", "ProtectHome"):
                self.assertEqual(settings[flag], ["yes"], f"{unit}: {flag}")


if __name__ == "__main__":
    unittest.main(verbosity=2)
