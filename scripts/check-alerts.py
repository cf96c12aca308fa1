#!/usr/bin/env python3
"""Checks ops/alerts.yml without promtool: it is YAML of Prometheus's rule-file shape, every
rule has an alert name, an expression with balanced brackets, and labels and annotations
that are maps of strings; and every onething_* metric an expression names is one the hub or
the node exports (the names are taken from the sources, so a renamed metric fails here).

Usage: scripts/check-alerts.py [ops/alerts.yml]   (exit 0: fine; 1: problems, one a line)
With promtool on PATH it also runs `promtool check rules`."""
import os
import re
import shutil
import subprocess
import sys

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def exported_metrics():
    names = set()
    for folder in ("Sources/OneThingHub", "Sources/onething"):
        for dirpath, _, files in os.walk(os.path.join(ROOT, folder)):
            for name in files:
                if name.endswith(".swift"):
                    with open(os.path.join(dirpath, name), encoding="utf-8") as f:
                        names.update(re.findall(r'"(onething_[a-z_]+)"', f.read()))
    return names


def balanced(expr):
    pairs = {")": "(", "]": "[", "}": "{"}
    stack = []
    in_string = None
    for c in expr:
        if in_string:
            if c == in_string:
                in_string = None
            continue
        if c in "\"'":
            in_string = c
        elif c in "([{":
            stack.append(c)
        elif c in pairs:
            if not stack or stack.pop() != pairs[c]:
                return False
    return not stack and in_string is None


def check(path):
    problems = []
    with open(path, encoding="utf-8") as f:
        document = yaml.safe_load(f)
    known = exported_metrics()
    groups = document.get("groups") if isinstance(document, dict) else None
    if not isinstance(groups, list) or not groups:
        return ["the file has no list of groups"]
    seen_groups = set()
    for group in groups:
        name = group.get("name")
        if not isinstance(name, str) or name in seen_groups:
            problems.append(f"a group without a name, or a repeated name: {name!r}")
        seen_groups.add(name)
        rules = group.get("rules")
        if not isinstance(rules, list) or not rules:
            problems.append(f"group {name}: no rules")
            continue
        for rule in rules:
            alert = rule.get("alert")
            expr = rule.get("expr")
            if not isinstance(alert, str) or not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", alert):
                problems.append(f"group {name}: a rule without a valid alert name: {alert!r}")
            if not isinstance(expr, str) or not expr.strip():
                problems.append(f"{alert}: no expression")
                continue
            if not balanced(expr):
                problems.append(f"{alert}: unbalanced brackets or quotes in {expr!r}")
            for metric in re.findall(r"\bonething_[a-z_]+", expr):
                if metric not in known and re.sub(r"_(bucket|sum|count)$", "", metric) not in known:
                    problems.append(f"{alert}: no source exports the metric {metric}")
            if "for" in rule and not re.fullmatch(r"[0-9]+[smhdwy]", str(rule["for"])):
                problems.append(f"{alert}: 'for' is not a duration: {rule['for']!r}")
            for key in ("labels", "annotations"):
                value = rule.get(key, {})
                if not isinstance(value, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
                    problems.append(f"{alert}: {key} must map names to strings")
            unknown = set(rule) - {"alert", "expr", "for", "labels", "annotations", "keep_firing_for"}
            if unknown:
                problems.append(f"{alert}: unknown keys {sorted(unknown)}")
    promtool = shutil.which("promtool")
    if promtool and not problems:
        result = subprocess.run([promtool, "check", "rules", path], capture_output=True, text=True)
        if result.returncode != 0:
            problems.append("promtool: " + (result.stdout + result.stderr).strip())
    return problems


if __name__ == "__main__":
    target = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "ops", "alerts.yml")
    found = check(target)
    for line in found:
        print(line)
    if not found:
        print(f"{target}: fine")
    sys.exit(1 if found else 0)
