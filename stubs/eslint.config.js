// @ts-check
// The stubs are plain CommonJS packages outside the TypeScript project, so the root config's
// type-aware rules cannot run on them (ESLint 10 uses the nearest config file).
import js from "@eslint/js";
import { defineConfig } from "eslint/config";

export default defineConfig(js.configs.recommended, {
  files: ["matrix-sdk-crypto-nodejs/**/*.js"],
  languageOptions: { sourceType: "commonjs", globals: { module: "writable" } },
  linterOptions: { reportUnusedDisableDirectives: "error" },
});
