#!/usr/bin/env python3
"""Stand-in for `systemctl start UNIT` where systemd is not PID 1 (CI containers).

Reads the installed unit file (and its drop-ins), then runs its ExecStart= the way
systemd would for the settings quai's units use: as User=/Group= with their
supplementary groups and no new privileges, in WorkingDirectory=, with UMask=, with
a clean environment made of Environment= and EnvironmentFile= (later ones win), and
$VAR / ${VAR} expanded as systemd does (unbraced: split into words; braced: one
word). It does not sandbox (ProtectSystem= and the like need systemd); the package
test runs it in a mount namespace that hides the source tree instead.

  unit_stand_in.py UNIT_FILE [--instance I] [--print] [-- COMMAND ARGS...]

With `-- COMMAND...`, runs that command instead of ExecStart= (an administrator's
`sudo -u quai quai user add ...` with the unit's environment). --print shows the
user, environment and command and runs nothing.
"""
import os
import pwd
import re
import shlex
import sys


def read_unit(path):
    """The [Service] settings of a unit and its drop-ins, each key a list in order."""
    settings = {}
    files = [path]
    dropins = os.path.join("/etc/systemd/system", os.path.basename(path) + ".d")
    if os.path.isdir(dropins):
        files += sorted(os.path.join(dropins, f) for f in os.listdir(dropins) if f.endswith(".conf"))
    for name in files:
        section = None
        with open(name, encoding="utf-8") as unit:
            for raw in unit:
                line = raw.strip()
                if not line or line[0] in "#;":
                    continue
                if line.startswith("[") and line.endswith("]"):
                    section = line[1:-1]
                    continue
                if section != "Service" or "=" not in line:
                    continue
                key, value = line.split("=", 1)
                settings.setdefault(key.strip(), []).append(value.strip())
    return settings


def specifiers(text, instance):
    return text.replace("%i", instance).replace("%I", instance).replace("%%", "%")


def read_environment_file(path):
    optional = path.startswith("-")
    path = path.lstrip("-")
    if not os.path.exists(path):
        if optional:
            return {}
        sys.exit(f"unit_stand_in: EnvironmentFile {path} does not exist (systemd would refuse to start)")
    values = {}
    with open(path, encoding="utf-8") as env:
        for raw in env:
            line = raw.strip()
            if not line or line[0] in "#;" or "=" not in line:
                continue
            key, value = line.split("=", 1)
            value = value.strip()
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
                value = value[1:-1]
            values[key.strip()] = value
    return values


def environment(settings, instance):
    env = {}
    for assignment in settings.get("Environment", []):
        for word in shlex.split(specifiers(assignment, instance)):
            key, value = word.split("=", 1)
            env[key] = value
    for path in settings.get("EnvironmentFile", []):
        env.update(read_environment_file(specifiers(path, instance)))
    return env


def expand(command_line, env):
    """systemd's expansion in ExecStart=: $VAR is split into words, ${VAR} stays one."""
    words = []
    for word in shlex.split(command_line):
        whole = re.fullmatch(r"\$([A-Za-z_][A-Za-z0-9_]*)", word)
        if whole:
            words += env.get(whole.group(1), "").split()
            continue
        words.append(re.sub(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}", lambda m: env.get(m.group(1), ""), word))
    return words


def main():
    args = sys.argv[1:]
    if not args:
        sys.exit(__doc__)
    unit_path, args = args[0], args[1:]
    instance, show, override = "", False, None
    while args:
        if args[0] == "--instance":
            instance, args = args[1], args[2:]
        elif args[0] == "--print":
            show, args = True, args[1:]
        elif args[0] == "--":
            override, args = args[1:], []
        else:
            sys.exit(f"unit_stand_in: unknown argument {args[0]}")
    settings = read_unit(unit_path)
    env = environment(settings, instance)
    user = settings.get("User", ["root"])[-1]
    group = settings.get("Group", [user])[-1]
    entry = pwd.getpwnam(user)
    env.setdefault("HOME", entry.pw_dir)
    env.setdefault("USER", user)
    env.setdefault("LOGNAME", user)
    env.setdefault("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin")
    exec_start = settings.get("ExecStart", [])
    if not exec_start and override is None:
        sys.exit(f"unit_stand_in: {unit_path} has no ExecStart=")
    command = override if override is not None else expand(specifiers(exec_start[-1].lstrip("-@+!"), instance), env)
    umask = int(settings.get("UMask", ["0022"])[-1], 8)
    directory = settings.get("WorkingDirectory", [entry.pw_dir])[-1].lstrip("-")
    if show:
        print("user:", user, "group:", group)
        for key in sorted(env):
            print(f"env: {key}={env[key]}")
        print("command:", shlex.join(command))
        return
    drop = ["setpriv", f"--reuid={user}", f"--regid={group}", "--init-groups"]
    if settings.get("NoNewPrivileges", ["no"])[-1] in ("yes", "true", "1", "on"):
        drop.append("--no-new-privs")
    os.umask(umask)
    os.chdir(directory)
    os.execvpe("setpriv", drop + ["--"] + command, env)


if __name__ == "__main__":
    main()
