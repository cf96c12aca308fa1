#!/usr/bin/env python3
"""Checks a running hub against sync/openapi.yaml: calls every operation (happy paths and
the documented error answers) and validates each response's status and JSON body against
the schema the document gives for it.

    scripts/check-hub-conformance.py HUB_URL NODE_ID NODE_TOKEN ADMIN_TOKEN

Prints one line per mismatch and `N/M conform`; exits 0 only when all conform. Uses only
synthetic data (the payload comes from `onething catalog example` when ONETHING_BIN is
set, else a minimal synthetic payload the hub must reject as invalid).
"""
import gzip, hashlib, json, os, subprocess, sys, urllib.error, urllib.request, uuid

import jsonschema
import yaml

SPEC_PATH = os.path.join(os.path.dirname(__file__), "..", "sync", "openapi.yaml")


def load_spec():
    with open(SPEC_PATH) as f:
        return yaml.safe_load(f)


def resolve(spec, node):
    while isinstance(node, dict) and "$ref" in node:
        parts = node["$ref"].lstrip("#/").split("/")
        node = spec
        for p in parts:
            node = node[p]
    return node


def call(url, method, path, token, body=None, gz=False, headers=None):
    data = None
    hdrs = {"Accept": "application/json", "Accept-Encoding": "gzip"}
    if token:
        hdrs["Authorization"] = "Bearer " + token
    if body is not None:
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        hdrs["Content-Type"] = "application/json"
        if gz:
            data = gzip.compress(data)
            hdrs["Content-Encoding"] = "gzip"
    hdrs.update(headers or {})
    req = urllib.request.Request(url + path, data=data, method=method, headers=hdrs)
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            status, raw, enc = r.status, r.read(), r.headers.get("Content-Encoding")
    except urllib.error.HTTPError as e:
        status, raw, enc = e.code, e.read(), e.headers.get("Content-Encoding")
    if enc == "gzip":
        raw = gzip.decompress(raw)
    return status, raw


class Checker:
    def __init__(self, spec):
        self.spec, self.ok, self.total = spec, 0, 0

    def check(self, label, op_path, method, status, raw, allowed):
        self.total += 1
        op = self.spec["paths"][op_path][method]
        if status not in allowed:
            print(f"does not conform: {label}: HTTP {status}, expected one of {allowed}")
            return None
        response = resolve(self.spec, op["responses"].get(str(status)))
        if response is None:
            print(f"does not conform: {label}: HTTP {status} is not documented for {method.upper()} {op_path}")
            return None
        schema = resolve(self.spec, response["content"]["application/json"]["schema"])
        try:
            body = json.loads(raw)
        except ValueError:
            print(f"does not conform: {label}: body is not JSON")
            return None
        full = dict(schema)
        full["components"] = self.spec["components"]
        try:
            jsonschema.Draft202012Validator(full).validate(body)
        except jsonschema.ValidationError as e:
            print(f"does not conform: {label}: {e.message} at {list(e.absolute_path)}")
            return None
        self.ok += 1
        return body


def example_payload(application_id):
    binary = os.environ.get("ONETHING_BIN")
    if binary:
        out = subprocess.run([binary, "catalog", "example", "birth"], capture_output=True, text=True, check=True).stdout
        fields = {k: str(v).lower() if isinstance(v, bool) else str(v) for k, v in json.loads(out).items()}
        items = ["birth-certificate", "vaccination-certificate", "household-registration", "maternity-insurance",
                 "medical-insurance-enrolment", "social-security-card"]
    else:
        fields, items = {}, ["birth-certificate"]
    payload = {"application_id": application_id, "revision": 1, "base_revision": None, "bundle": "birth",
               "items": items, "fields": fields, "situations": [], "catalog_version": "2026.11-1",
               "region": "350100", "operator": None}
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def main():
    url, node, token, admin = sys.argv[1:5]
    spec, c = load_spec(), None
    c = Checker(spec)
    s, raw = call(url, "GET", "/v1/health", None)
    c.check("health", "/v1/health", "get", s, raw, [200])

    push_path = "/v1/nodes/{node_id}/push"
    changes_path = "/v1/nodes/{node_id}/changes"
    app_id = "OT-" + "".join("0123456789ABCDEFGHJKMNPQRSTVWXYZ"[b % 32] for b in uuid.uuid4().bytes[:10])
    text = example_payload(app_id)
    entry = {"seq": 1, "idempotency_key": str(uuid.uuid4()), "application_id": app_id, "revision": 1,
             "base_revision": None, "payload_sha256": hashlib.sha256(text.encode()).hexdigest(), "payload": text}
    # Protocol 2: the payload object itself, spliced in as the bytes that were hashed.
    envelope = json.dumps({k: v for k, v in entry.items() if k != "payload"})
    raw_body = ('{"entries":[' + envelope[:-1] + ',"payload":' + text + '}]}').encode()
    s, raw = call(url, "POST", f"/v1/nodes/{node}/push", token, raw_body, gz=True)
    body = c.check("push", push_path, "post", s, raw, [200])
    # The same entry as a protocol 1 node sends it (the payload's text in a string): the
    # same bytes hashed, so it is answered from the hub's record.
    s, raw = call(url, "POST", f"/v1/nodes/{node}/push", token, {"entries": [entry]})
    again = c.check("push re-sent (protocol 1 form)", push_path, "post", s, raw, [200])
    if again:
        c.total += 1
        if again["results"][0]["status"] == "already_applied":
            c.ok += 1
        else:
            print("does not conform: push re-sent: status is not already_applied")
    s, raw = call(url, "POST", f"/v1/nodes/{node}/push", "wrong-token-000000000000000000", {"entries": [entry]})
    c.check("push with a wrong token", push_path, "post", s, raw, [401])
    s, raw = call(url, "POST", f"/v1/nodes/{node}/push", token, None, headers={"Content-Type": "application/json"})
    c.check("push without a body", push_path, "post", s, raw, [400])
    s, raw = call(url, "POST", f"/v1/nodes/{node}/push", token, {"entries": "not-a-list"})
    c.check("push of the wrong shape", push_path, "post", s, raw, [400])

    ratings_path = "/v1/nodes/{node_id}/ratings"
    unknown_id = "OT-" + "0" * 10
    s, raw = call(url, "POST", f"/v1/nodes/{node}/ratings", token,
                  {"ratings": [{"application_id": app_id, "score": 5}, {"application_id": unknown_id, "score": 3}]}, gz=True)
    rated = c.check("ratings", ratings_path, "post", s, raw, [200])
    if rated:
        c.total += 1
        if rated["stored"] == 1 and rated["unknown"] == [unknown_id]:
            c.ok += 1
        else:
            print("does not conform: ratings: expected 1 stored and the unknown application listed")
    s, raw = call(url, "POST", f"/v1/nodes/{node}/ratings", token, {"ratings": [{"application_id": app_id, "score": 9}]})
    c.check("ratings out of range", ratings_path, "post", s, raw, [400])
    s, raw = call(url, "POST", f"/v1/nodes/{node}/ratings", "wrong-token-000000000000000000", {"ratings": []})
    c.check("ratings with a wrong token", ratings_path, "post", s, raw, [401])

    s, raw = call(url, "GET", f"/v1/nodes/{node}/changes?after=0&limit=10&catalog_version=0.0-old", token)
    page = c.check("changes", changes_path, "get", s, raw, [200])
    s, raw = call(url, "GET", f"/v1/nodes/{node}/changes?after=-5", token)
    c.check("changes with a bad cursor", changes_path, "get", s, raw, [400])
    s, raw = call(url, "GET", f"/v1/nodes/{node}/changes", "wrong-token-000000000000000000")
    c.check("changes with a wrong token", changes_path, "get", s, raw, [401])

    s, raw = call(url, "GET", "/v1/admin/applications", admin)
    listing = c.check("admin list", "/v1/admin/applications", "get", s, raw, [200])
    s, raw = call(url, "GET", "/v1/admin/applications", token)
    c.check("admin list with a node token", "/v1/admin/applications", "get", s, raw, [401])
    province = None
    if body and body["results"] and body["results"][0].get("province_no"):
        province = body["results"][0]["province_no"]
    if province:
        one = "/v1/admin/applications/{province_no}"
        s, raw = call(url, "GET", f"/v1/admin/applications/{province}", admin)
        c.check("admin show", one, "get", s, raw, [200])
        s, raw = call(url, "GET", "/v1/admin/applications/FJ9999999999", admin)
        c.check("admin show unknown", one, "get", s, raw, [404])
        s, raw = call(url, "PATCH", f"/v1/admin/applications/{province}", admin,
                      {"fields": {"delivery_address": "福建省福州市鼓楼区示例路2号"}})
        c.check("admin amend", one, "patch", s, raw, [200])
        s, raw = call(url, "PATCH", f"/v1/admin/applications/{province}", admin, {"fields": {"no_such_field": "x"}})
        c.check("admin amend of an unknown field", one, "patch", s, raw, [400])
        decide = "/v1/admin/applications/{province_no}/items/{item}/decision"
        s, raw = call(url, "POST", f"/v1/admin/applications/{province}/items/birth-certificate/decision", admin,
                      {"decision": "approve"})
        c.check("admin decide", decide, "post", s, raw, [200])
        s, raw = call(url, "POST", f"/v1/admin/applications/{province}/items/birth-certificate/decision", admin,
                      {"decision": "approve"})
        c.check("admin decide twice", decide, "post", s, raw, [409])
        s, raw = call(url, "POST", f"/v1/admin/applications/{province}/items/social-security-card/decision", admin,
                      {"decision": "approve"})
        c.check("admin decide a waiting item", decide, "post", s, raw, [409])
        s, raw = call(url, "POST", f"/v1/admin/applications/{province}/items/no-such-item/decision", admin,
                      {"decision": "approve"})
        c.check("admin decide an unknown item", decide, "post", s, raw, [404])
        s, raw = call(url, "GET", f"/v1/nodes/{node}/changes?after=0", token)
        c.check("changes after decisions", changes_path, "get", s, raw, [200])
    print(f"{c.ok}/{c.total} conform")
    sys.exit(0 if c.total and c.ok == c.total else 1)


if __name__ == "__main__":
    main()
