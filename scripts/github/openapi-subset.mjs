#!/usr/bin/env node
// Regenerates test/fixtures/github/openapi-subset.json: the part of GitHub's official OpenAPI
// description (npm package @octokit/openapi, file generated/api.github.com.json) that sigmeet's
// GitHub fake answers for, with every schema those operations reference. Run it after bumping
// OPENAPI_VERSION:   node scripts/github/openapi-subset.mjs
// (It downloads the package from the npm registry into a temporary folder; ~29 MB.)
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";

const OPENAPI_VERSION = "23.0.2";
const OPERATIONS = [
  ["get", "/repos/{owner}/{repo}/issues"],
  ["post", "/repos/{owner}/{repo}/issues"],
  ["get", "/repos/{owner}/{repo}/issues/{issue_number}"],
  ["patch", "/repos/{owner}/{repo}/issues/{issue_number}"],
  ["post", "/repos/{owner}/{repo}/issues/{issue_number}/comments"],
  ["get", "/repos/{owner}/{repo}/issues/{issue_number}/comments"],
  ["post", "/repos/{owner}/{repo}/issues/{issue_number}/labels"],
  ["post", "/repos/{owner}/{repo}/issues/{issue_number}/assignees"],
  ["get", "/repos/{owner}/{repo}/assignees/{assignee}"],
  ["get", "/repos/{owner}/{repo}/labels"],
  ["get", "/repos/{owner}/{repo}/labels/{name}"],
  ["post", "/repos/{owner}/{repo}/labels"],
  ["get", "/search/issues"],
  // GitHub App authentication: an installation token, asked for with the app's JWT.
  ["post", "/app/installations/{installation_id}/access_tokens"],
];

const out = resolve(import.meta.dirname, "../../test/fixtures/github/openapi-subset.json");
const work = mkdtempSync(join(tmpdir(), "sigmeet-openapi-"));
try {
  execFileSync("npm", ["pack", `@octokit/openapi@${OPENAPI_VERSION}`, "--silent"], {
    cwd: work,
    stdio: "inherit",
  });
  execFileSync(
    "tar",
    ["xzf", `octokit-openapi-${OPENAPI_VERSION}.tgz`, "package/generated/api.github.com.json"],
    { cwd: work },
  );
  const spec = JSON.parse(
    readFileSync(join(work, "package/generated/api.github.com.json"), "utf8"),
  );

  const subset = {
    openapi: spec.openapi,
    info: { ...spec.info, "x-sigmeet-subset-of": `@octokit/openapi@${OPENAPI_VERSION}` },
    paths: {},
    components: {},
  };
  const pending = [];
  // Examples are large and not needed to validate; drop them everywhere.
  const strip = (node) => {
    if (Array.isArray(node)) return node.map(strip);
    if (node === null || typeof node !== "object") return node;
    const copy = {};
    for (const [k, v] of Object.entries(node)) {
      if (k === "examples" || k === "example") continue;
      if (k === "$ref" && typeof v === "string") pending.push(v);
      copy[k] = strip(v);
    }
    return copy;
  };
  for (const [method, path] of OPERATIONS) {
    const op = spec.paths[path]?.[method];
    if (op === undefined)
      throw new Error(`not in the OpenAPI description: ${method.toUpperCase()} ${path}`);
    subset.paths[path] ??= {};
    subset.paths[path][method] = strip(op);
  }
  const seen = new Set();
  while (pending.length > 0) {
    const ref = pending.pop();
    if (seen.has(ref)) continue;
    seen.add(ref);
    const [, section, name] = /^#\/components\/([^/]+)\/(.+)$/.exec(ref) ?? [];
    if (section === undefined) throw new Error(`unexpected $ref ${ref}`);
    const node = spec.components[section]?.[name];
    if (node === undefined) throw new Error(`dangling $ref ${ref}`);
    subset.components[section] ??= {};
    subset.components[section][name] = strip(node);
  }
  // Sorted, so that a regeneration shows as a readable diff.
  for (const [name, section] of Object.entries(subset.components)) {
    subset.components[name] = Object.fromEntries(
      Object.entries(section).sort(([a], [b]) => a.localeCompare(b)),
    );
  }
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(subset, null, 1)}\n`);
  const counts = Object.entries(subset.components).map(([s, v]) => `${Object.keys(v).length} ${s}`);
  console.log(`wrote ${out}: ${OPERATIONS.length} operations, ${counts.join(", ")}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
