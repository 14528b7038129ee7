import { configDefaults, defineConfig } from "vitest/config";

// The real-Synapse end-to-end tier: run by `npm run test:e2e` (scripts/synapse/test.sh), which
// starts a fresh Synapse first. Its files end in `.e2e-test.ts` so that the main config
// (`test/**/*.test.ts`) never picks them up without a server.
//
// Two passes, each against its own server (test.sh runs both for `npm run test:e2e`):
// - SYNAPSE_RATE_LIMITS unset or `raised`: every `*.e2e-test.ts` except the `*.stock-e2e-test.ts`
//   files (which also end in `e2e-test.ts`, hence the exclude);
// - SYNAPSE_RATE_LIMITS=stock: the `*.stock-e2e-test.ts` files, which need Synapse's default
//   message rate limit, and the tier's smoke test, which checks that the limit is the stock one.
const STOCK_ONLY = "test/**/*.stock-e2e-test.ts";
const stock = process.env["SYNAPSE_RATE_LIMITS"] === "stock";

export default defineConfig({
  test: {
    include: stock ? [STOCK_ONLY, "test/e2e/synapse.e2e-test.ts"] : ["test/**/*.e2e-test.ts"],
    exclude: stock ? configDefaults.exclude : [...configDefaults.exclude, STOCK_ONLY],
    pool: "forks",
    // Every test registers its own users (random suffixes), so files may run side by side.
    // A client-server call takes tens of milliseconds on loopback.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
