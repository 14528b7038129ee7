import { defineConfig } from "vitest/config";

// The real-Synapse end-to-end tier: run by `npm run test:e2e` (scripts/synapse/test.sh), which
// starts a fresh Synapse first. Its files end in `.e2e-test.ts` so that the main config
// (`test/**/*.test.ts`) never picks them up without a server.
export default defineConfig({
  test: {
    include: ["test/**/*.e2e-test.ts"],
    pool: "forks",
    // Every test registers its own users (random suffixes), so files may run side by side.
    // A client-server call takes tens of milliseconds on loopback.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
