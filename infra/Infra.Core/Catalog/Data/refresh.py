#!/usr/bin/env python3
"""Rebuilds the catalogue data files of this folder from the shared reference files, or checks them.

    python3 infra/Infra.Core/Catalog/Data/refresh.py ../shared/reference           # rewrite
    python3 infra/Infra.Core/Catalog/Data/refresh.py ../shared/reference --check   # exit 1 when stale

mattermost-settings.json: every Mattermost server setting of config.go (mattermost-settings.json) and of the web
app's AdminConfig types (mattermost-settings-ts.json), one row each with the sources that list it, plus the
special variables the server reads that are not settings (each verified in the server's source, cited below).
iam-actions.json: a verbatim copy of the shared file (it carries its own source block).
The tests never read ../shared; .ci/run runs --check so that the copies cannot drift from it.
"""
import hashlib
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
PINNED = "11.7.0"

# Variables Mattermost reads that are not settings of model.Config (read in the sources named).
SPECIAL = [
    {
        "name": "MM_CONFIG",
        "what": "where the configuration is kept: a config.json path or a database DSN (config in the database); read before the settings",
        "source": {"repo": "mattermost/mattermost", "path": "server/cmd/mattermost/commands/utils.go",
                   "commit": "4456281adfb36265598dba4cf2b0acc00289c95b",
                   "code": "func getConfigDSN(command *cobra.Command, env map[string]string) string { ... configDSN = env[\"MM_CONFIG\"] ... }",
                   "caller": "server/cmd/mattermost/commands/server.go @ 4456281a: config.NewStoreFromDSN(getConfigDSN(command, config.GetEnvironment()), ...)"},
        "value": "string",
    },
    {
        "name": "MM_LICENSE",
        "what": "the Enterprise licence text; overrides any licence stored in the database or file",
        "source": {"repo": "mattermost/mattermost", "path": "server/channels/app/platform/license.go",
                   "commit": "7bb5b7feaa7c79f4452cb8eaa415e39339231226",
                   "code": "LicenseEnv = \"MM_LICENSE\" ... func (ps *PlatformService) LoadLicense() { // ENV var overrides all other sources of license. licenseStr := os.Getenv(LicenseEnv) ... }"},
        "value": "string",
    },
    {
        "name": "MM_CUSTOM_DEFAULTS_PATH",
        "what": "a JSON file of configuration defaults applied where the configuration has no value",
        "source": {"repo": "mattermost/mattermost", "path": "server/cmd/mattermost/commands/utils.go",
                   "commit": "4456281adfb36265598dba4cf2b0acc00289c95b",
                   "code": "const CustomDefaultsEnvVar = \"MM_CUSTOM_DEFAULTS_PATH\" ... func loadCustomDefaults() { customDefaultsPath := os.Getenv(CustomDefaultsEnvVar) ... }"},
        "value": "string",
    },
]

ENV_RULE = {
    "repo": "mattermost/mattermost",
    "path": "server/config/environment.go",
    "commit": "41fb56d3f7f174191e442e34159dd3dadf50ebfb",
    "rule": "GetEnvironment() keeps every variable whose upper-cased name starts with MM; applyEnvironmentMap() strips MM_ and "
            "applyEnvKey() walks model.Config one '_'-separated segment at a time, matching upper-cased Go field names. "
            "Values: string verbatim; bool strconv.ParseBool; int and int64 strconv.ParseInt(value, 10, 0); json.RawMessage raw bytes; "
            "any other slice strings.Split(value, \" \") (one space between items); map json.Unmarshal. A name that matches no field, "
            "or ends at a struct, and a value that does not parse, are ignored without a message.",
    "sliceEvidence": "server/config/file_test.go @ f778ee58188fa11d03135e89ddc0e5a0530ae18c: MM_SQLSETTINGS_DATASOURCEREPLICAS="
                     "\"user:pwd@db:5432/test-db user:pwd@db2:5433/test-db2 user:pwd@db3:5434/test-db3\" gives three replicas",
}


def sha256(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def one_line(text):
    return re.sub(r"\s+", " ", text).strip()


def build(ref):
    go_file, ts_file = ref / "mattermost-settings.json", ref / "mattermost-settings-ts.json"
    go, ts = json.loads(go_file.read_text()), json.loads(ts_file.read_text())
    versions = sorted(ts["source"]["versions"])
    rows, seen = [], set()

    def add(section, name, go_row, ts_row):
        env = (ts_row or go_row)["env"]
        if go_row and ts_row and go_row["env"] != ts_row["env"]:
            raise SystemExit(f"{section}.{name}: env differs between the two files")
        if env in seen:
            raise SystemExit(f"{env} listed twice")
        seen.add(env)
        row = {"section": section, "name": name, "env": env}
        sources = []
        if go_row and "added" not in go_row:
            row["go"] = go_row["type"]
            sources.append("config.go")
        if ts_row:
            row["ts"] = one_line(ts_row["tsType"])
            sources += [f"types@{v}" for v in versions if v in ts_row["in"]]
        if go_row and "added" in go_row:
            sources.append("hand")
            row["go"] = go_row["type"]
            row["note"] = go_row["note"]
        row["in"] = sources
        if go_row and go_row.get("sensitive"):
            row["sensitive"] = True
        rows.append(row)

    sections = list(go["sections"]) + [s for s in ts["sections"] if s not in go["sections"]]
    for section in sections:
        g, t = go["sections"].get(section, {}), ts["sections"].get(section, {})
        for name in list(g) + [n for n in t if n not in g]:
            add(section, name, g.get(name), t.get(name))

    source = {
        "description": "Mattermost server settings for the pinned server version, each with the MM_* variable that overrides it, "
                       "its Go type (config.go) and TypeScript type (@mattermost/types), and which sources list it. A setting listed "
                       "by both @mattermost/types versions, which bracket the pinned server version, exists in it. Rows are generated "
                       "by refresh.py from the two shared reference files named below; the special variables were verified in "
                       "Mattermost's source at the commits given.",
        "pinnedServerVersion": PINNED,
        "configGo": {k: go["source"]["config_go"][k] for k in ("repo", "path", "commit")}
                    | {"caveat": "older than the pinned version (its version.go lists releases up to 11.4.4): settings added later are missing, settings removed since may still be listed"},
        "types": {"package": ts["source"]["package"], "versions": ts["source"]["versions"]},
        "environmentRule": ENV_RULE,
        "sharedFiles": {
            "mattermost-settings.json": {"sha256": sha256(go_file)},
            "mattermost-settings-ts.json": {"sha256": sha256(ts_file)},
        },
        "generatedBy": "infra/Infra.Core/Catalog/Data/refresh.py",
    }
    lines = ["{", '  "source": ' + json.dumps(source, ensure_ascii=False, indent=2).replace("\n", "\n  ") + ",",
             '  "specialVariables": [']
    lines += ["    " + json.dumps(s, ensure_ascii=False) + ("," if i < len(SPECIAL) - 1 else "") for i, s in enumerate(SPECIAL)]
    lines += ["  ],", '  "settings": [']
    lines += ["    " + json.dumps(r, ensure_ascii=False) + ("," if i < len(rows) - 1 else "") for i, r in enumerate(rows)]
    lines += ["  ]", "}", ""]
    return {"mattermost-settings.json": "\n".join(lines).encode(), "iam-actions.json": (ref / "iam-actions.json").read_bytes()}


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    if len(args) != 1:
        raise SystemExit(__doc__)
    files = build(Path(args[0]))
    stale = [name for name, data in files.items() if not (HERE / name).exists() or (HERE / name).read_bytes() != data]
    if "--check" in sys.argv:
        for name in stale:
            print(f"{HERE / name} differs from what {args[0]} gives; run: python3 infra/Infra.Core/Catalog/Data/refresh.py {args[0]}")
        sys.exit(1 if stale else 0)
    for name, data in files.items():
        (HERE / name).write_bytes(data)
    print(f"wrote {', '.join(files)}")


if __name__ == "__main__":
    main()
