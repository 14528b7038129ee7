// @ts-check
import js from "@eslint/js";
import { defineConfig } from "eslint/config";
import tseslint from "typescript-eslint";

// The pure core (parsing, meeting state, extraction, rendering) must not do I/O, so that it can be
// reused by the importer, the CLI and the live bot alike, and tested without fakes.
const ioModules = [
  "fs",
  "node:fs",
  "fs/promises",
  "node:fs/promises",
  "path",
  "node:path",
  "http",
  "node:http",
  "https",
  "node:https",
  "net",
  "node:net",
  "child_process",
  "node:child_process",
  "node:sqlite",
  "process",
  "node:process",
  "os",
  "node:os",
  "readline",
  "node:readline",
  "worker_threads",
  "node:worker_threads",
  "dgram",
  "node:dgram",
];

export default defineConfig(
  { ignores: ["dist/", "node_modules/", "coverage/", "bench/out/"] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ["eslint.config.js", "scripts/*/*.mjs"] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      "@typescript-eslint/consistent-type-imports": "error",
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
      // Numbers in template strings are common and harmless in renderers.
      "@typescript-eslint/restrict-template-expressions": ["error", { allowNumber: true }],
      // `x == null` (null or undefined) is allowed; everything else compares strictly.
      eqeqeq: ["error", "always", { null: "ignore" }],
    },
  },
  {
    files: ["src/core/**/*.ts", "src/render/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: ioModules.map((name) => ({
            name,
            message: "src/core and src/render are pure: no I/O here.",
          })),
          patterns: [
            {
              group: ["**/store/**", "**/cli/**", "**/io/**"],
              message: "The pure core must not import the I/O shell.",
            },
          ],
        },
      ],
      "no-restricted-globals": [
        "error",
        { name: "process", message: "The pure core must not read process state." },
        { name: "fetch", message: "No network in the pure core." },
      ],
      "no-console": "error",
    },
  },
  {
    // Plain Node scripts (e.g. fixture regeneration): linted, but not type-checked.
    files: ["**/*.mjs"],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { globals: { console: "readonly", process: "readonly" } },
  },
  {
    files: ["test/**/*.ts", "bench/**/*.ts"],
    rules: {
      "@typescript-eslint/no-non-null-assertion": "off",
    },
  },
);
