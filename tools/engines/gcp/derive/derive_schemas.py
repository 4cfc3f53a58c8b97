#!/usr/bin/env python3
"""Dev-only: regenerates the table in ../schemas.ts from the Terraform google-beta provider's sources.

Usage (from the repository root, after npm ci):
    python3 tools/engines/gcp/derive/derive_schemas.py <terraform-provider-google-beta checkout>
    npx prettier --write tools/engines/gcp/schemas.ts

It walks each resource's `Schema:` map (nested `Elem: &schema.Resource{...}` blocks and
`Elem: someFunc()` helpers included), records Required/Optional/Computed, MaxItems 1 and literal
`Default`s, reads the CustomizeDiff list, and matches every Terraform name against the property
tree @pulumi/gcp declares (tsdump.js), which settles the bridge's renames and pluralisations.
Problems (names on one side only) are printed; names only @pulumi/gcp declares are kept as "o".
"""
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SCHEMAS_TS = os.path.join(HERE, "..", "schemas.ts")

# (Pulumi token, @pulumi/gcp file#class, Terraform file under google-beta/services, schema function)
TYPES = [
    ("gcp:cloudrunv2/service:Service", "cloudrunv2/service.d.ts#Service", "cloudrunv2/resource_cloud_run_v2_service.go", "ResourceCloudRunV2Service"),
    ("gcp:cloudrunv2/job:Job", "cloudrunv2/job.d.ts#Job", "cloudrunv2/resource_cloud_run_v2_job.go", "ResourceCloudRunV2Job"),
    ("gcp:cloudrunv2/workerPool:WorkerPool", "cloudrunv2/workerPool.d.ts#WorkerPool", "cloudrunv2/resource_cloud_run_v2_worker_pool.go", "ResourceCloudRunV2WorkerPool"),
    ("gcp:cloudrun/service:Service", "cloudrun/service.d.ts#Service", "cloudrun/resource_cloud_run_service.go", "ResourceCloudRunService"),
    ("gcp:cloudfunctionsv2/function:Function", "cloudfunctionsv2/function.d.ts#Function", "cloudfunctions2/resource_cloudfunctions2_function.go", "ResourceCloudfunctions2function"),
    ("gcp:cloudfunctions/function:Function", "cloudfunctions/function.d.ts#Function", "cloudfunctions/resource_cloudfunctions_function.go", "ResourceCloudFunctionsFunction"),
    ("gcp:binaryauthorization/policy:Policy", "binaryauthorization/policy.d.ts#Policy", "binaryauthorization/resource_binary_authorization_policy.go", "ResourceBinaryAuthorizationPolicy"),
    ("gcp:orgpolicy/policy:Policy", "orgpolicy/policy.d.ts#Policy", "orgpolicy/resource_org_policy_policy.go", "ResourceOrgPolicyPolicy"),
    ("gcp:orgpolicy/customConstraint:CustomConstraint", "orgpolicy/customConstraint.d.ts#CustomConstraint", "orgpolicy/resource_org_policy_custom_constraint.go", "ResourceOrgPolicyCustomConstraint"),
    ("gcp:organizations/policy:Policy", "organizations/policy.d.ts#Policy", "resourcemanager/resource_google_organization_policy.go", "ResourceGoogleOrganizationPolicy"),
    ("gcp:folder/organizationPolicy:OrganizationPolicy", "folder/organizationPolicy.d.ts#OrganizationPolicy", "resourcemanager/resource_google_folder_organization_policy.go", "ResourceGoogleFolderOrganizationPolicy"),
    ("gcp:projects/organizationPolicy:OrganizationPolicy", "projects/organizationPolicy.d.ts#OrganizationPolicy", "resourcemanager/resource_google_project_organization_policy.go", "ResourceGoogleProjectOrganizationPolicy"),
    ("gcp:firebase/appHostingBackend:AppHostingBackend", "firebase/appHostingBackend.d.ts#AppHostingBackend", "firebaseapphosting/resource_firebase_app_hosting_backend.go", "ResourceFirebaseAppHostingBackend"),
    ("gcp:firebase/appHostingBuild:AppHostingBuild", "firebase/appHostingBuild.d.ts#AppHostingBuild", "firebaseapphosting/resource_firebase_app_hosting_build.go", "ResourceFirebaseAppHostingBuild"),
    ("gcp:clouddeploy/target:Target", "clouddeploy/target.d.ts#Target", "clouddeploy/resource_clouddeploy_target.go", "ResourceClouddeployTarget"),
    # IAM members: the parent schema plus tpgiamresource.IamMemberBaseSchema.
    ("gcp:cloudrunv2/serviceIamMember:ServiceIamMember", "cloudrunv2/serviceIamMember.d.ts#ServiceIamMember", "cloudrunv2/iam_cloud_run_v2_service.go", "var CloudRunV2ServiceIamSchema"),
]
HOOKS = {
    "tpgresource.SetLabelsDiff": "labels",
    "tpgresource.SetAnnotationsDiff": "annotations",
    "tpgresource.DefaultProviderProject": "project",
    "tpgresource.DefaultProviderRegion": "region",
    'tpgresource.DefaultProviderDeletionPolicy("DELETE")': "deletionPolicy",
    "tpgresource.SetMetadataLabelsDiff": "metadataLabels",
    "tpgresource.SetMetadataAnnotationsDiff": "metadataAnnotations",
}


def skip_string(s, j):
    if s[j] == "`":
        return s.index("`", j + 1)
    j += 1
    while s[j] != '"':
        if s[j] == "\\":
            j += 1
        j += 1
    return j


def match_brace(s, i):
    depth, j = 0, i
    while j < len(s):
        c = s[j]
        if c in '`"':
            j = skip_string(s, j)
        elif c == "/" and s[j + 1] == "/":
            j = s.index("\n", j)
        elif c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                return j
        j += 1
    raise ValueError("unbalanced braces")


def top_level_text(body):
    out, depth, j = [], 0, 0
    while j < len(body):
        c = body[j]
        if c in '`"':
            k = skip_string(body, j)
            if depth == 0:
                out.append(body[j : k + 1])
            j = k + 1
            continue
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
        elif depth == 0:
            out.append(c)
        j += 1
    return "".join(out)


ENTRY = re.compile(r'"([a-z0-9_]+)"\s*:\s*\{')
DELETION_POLICY_ENTRY = re.compile(r'"([a-z0-9_]+)"\s*:\s*tpgresource\.DeletionPolicySchemaEntry\(')


def parse_map(src, body):
    res, j, depth = {}, 0, 0
    while j < len(body):
        c = body[j]
        if c in '`"':
            if depth == 0:
                m = ENTRY.match(body, j)
                if m:
                    ob = m.end() - 1
                    cb = match_brace(body, ob)
                    res[m.group(1)] = parse_entry(src, body[ob + 1 : cb])
                    j = cb + 1
                    continue
                m = DELETION_POLICY_ENTRY.match(body, j)
                if m:  # tpgresource.DeletionPolicySchemaEntry: Optional + Computed string
                    res[m.group(1)] = {"type": "TypeString", "optional": True, "computed": True}
            j = skip_string(body, j) + 1
            continue
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
        j += 1
    return res


def schema_map_in(src, text):
    k = text.find("Schema: map[string]*schema.Schema{")
    if k < 0:
        return None
    ob = text.index("{", k + len("Schema: map[string]*schema.Schema"))
    return parse_map(src, text[ob + 1 : match_brace(text, ob)])


def parse_entry(src, body):
    top = top_level_text(body)
    e = {}
    m = re.search(r"Type:\s*schema\.(\w+)", top)
    e["type"] = m.group(1) if m else "?"
    for f in ("Optional", "Required", "Computed"):
        if re.search(f + r":\s*true", top):
            e[f.lower()] = True
    m = re.search(r"MaxItems:\s*(\d+)", top)
    if m:
        e["maxItems"] = int(m.group(1))
    m = re.search(r"\bDefault:\s*([^,\n]+),", top)
    if m:
        e["default"] = m.group(1).strip()
    k = body.find("Elem:")
    if k >= 0:
        rest = body[k + 5 :].lstrip()
        if rest.startswith("&schema.Resource{"):
            ob = body.index("{", k)
            e["block"] = schema_map_in(src, body[ob : match_brace(body, ob) + 1])
        else:
            m = re.match(r"(\w+)\(\)", rest)
            if m:
                fn = re.search(r"func " + m.group(1) + r"\(\) \*schema\.Resource \{", src)
                if fn:
                    ob = fn.end() - 1
                    e["block"] = schema_map_in(src, src[ob : match_brace(src, ob) + 1])
    return e


def resource_schema(path, fn):
    src = open(path).read()
    if fn.startswith("var "):
        m = re.search(re.escape(fn) + r" = map\[string\]\*schema\.Schema\{", src)
        ob = m.end() - 1
        return parse_map(src, src[ob + 1 : match_brace(src, ob)])
    m = re.search(r"func " + fn + r"\(\) \*schema\.Resource \{", src)
    ob = m.end() - 1
    text = src[ob : match_brace(src, ob) + 1]
    k = text.find("Schema: tpgresource.MergeSchemas(")
    if k >= 0:  # MergeSchemas(shared, map{...}): the literal map here, the shared one added by the caller
        ob2 = text.index("{", text.index("map[string]*schema.Schema{", k))
        return parse_map(src, text[ob2 + 1 : match_brace(text, ob2)])
    return schema_map_in(src, text)


def tf_schema(services, f, fn):
    s = resource_schema(os.path.join(services, f), fn)
    if f.startswith("cloudrunv2/iam_"):
        iam = os.path.join(services, "..", "tpgiamresource", "resource_iam_member.go")
        s.update(resource_schema(iam, "var IamMemberBaseSchema"))
    if "organization_policy" in f:
        shared = resource_schema(os.path.join(services, "resourcemanager", "resource_google_organization_policy.go"), "var schemaOrganizationPolicy")
        shared.update(s)
        s = shared
    return s


def customize_diff(services, f):
    src = open(os.path.join(services, f)).read()
    m = re.search(r"CustomizeDiff: customdiff\.All\((.*?)\n\t\t\),", src, re.S)
    return [x.strip().rstrip(",") for x in m.group(1).split("\n") if x.strip()] if m else []


def camel(s):
    p = s.split("_")
    return p[0] + "".join(x[:1].upper() + x[1:] for x in p[1:])


def candidates(tfname):
    if tfname == "terraform_labels":
        return ["pulumiLabels"]
    c = camel(tfname)
    out = [c, c + "s", c + "es"]
    if c.endswith("y"):
        out.append(c[:-1] + "ies")
    return out


def convert(tf, ts, where, problems):
    fields, ts = {}, ts or {}
    for name, e in tf.items():
        tsn = next((c for c in candidates(name) if c in ts), None)
        if tsn is None:
            problems.append(f"{where}.{name}: not in @pulumi/gcp types (dropped)")
            continue
        t = ts[tsn]
        flags = ("r" if e.get("required") else "") + ("o" if e.get("optional") else "") + ("c" if e.get("computed") else "")
        flags = flags or "o"
        blk = e.get("block")
        if blk:
            single = bool(t) and not t.get("array")
            inner = (t.get("elem") if t and t.get("array") else t) or {}
            fields[tsn] = [flags + ("1" if single else "*"), convert(blk, inner.get("obj"), f"{where}.{tsn}", problems)]
            continue
        if "default" in e:
            try:
                json.loads(e["default"])
                flags += "=" + e["default"]
            except ValueError:
                problems.append(f"{where}.{name}: default {e['default']} is not a literal (ignored)")
        fields[tsn] = flags
    for k in ts:
        if k not in fields and k not in ("id", "urn"):
            problems.append(f"{where}.{k}: in @pulumi/gcp types, not in the Terraform schema (kept as optional)")
            fields[k] = "o"
    return fields


def ts_fields(f, ind):
    pad = "    " * ind
    lines = ["{"]
    for k, v in f.items():
        if isinstance(v, list):
            lines.append(f"{pad}    {k}: [{json.dumps(v[0])}, " + ts_fields(v[1], ind + 1) + "],")
        else:
            lines.append(f"{pad}    {k}: {json.dumps(v)},")
    lines.append(pad + "}")
    return "\n".join(lines)


def main():
    services = os.path.join(sys.argv[1], "google-beta", "services")
    dump = json.loads(subprocess.check_output(["node", os.path.join(HERE, "tsdump.js"), json.dumps({t[0]: t[1] for t in TYPES})]))
    problems, out = [], []
    for tok, _dts, f, fn in TYPES:
        diffs = [] if f.startswith("cloudrunv2/iam_") else customize_diff(services, f)
        fields = convert(tf_schema(services, f, fn), dump[tok], tok, problems)
        hooks = [HOOKS[h] for h in diffs if h in HOOKS]
        src = os.path.basename(f) + (" + tpgiamresource/resource_iam_member.go" if f.startswith("cloudrunv2/iam_") else "")
        named = ", ".join(x.replace("tpgresource.", "") for x in diffs) or "(none)"
        out.append(f"    // {src}: CustomizeDiff {named}")
        out.append(f"    {json.dumps(tok)}: {{\n        source: {json.dumps(src)},\n        plan: {json.dumps(hooks)},\n        fields: {ts_fields(fields, 2)},\n    }},")
    current = open(SCHEMAS_TS).read()
    head = current[: current.index("export const GCP_SCHEMAS")]
    with open(SCHEMAS_TS, "w") as fh:
        fh.write(head + "export const GCP_SCHEMAS: Readonly<Record<string, TypeSchema>> = {\n" + "\n".join(out) + "\n};\n")
    print("\n".join(problems))


if __name__ == "__main__":
    main()
