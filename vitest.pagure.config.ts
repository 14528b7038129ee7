import { defineConfig } from "vitest/config";

// The real-Pagure tier: run by `npm run test:pagure` (scripts/pagure/test.sh), which starts the
// server first. Its files end in `.real-test.ts` so that the main config (`test/**/*.test.ts`)
// never picks them up without a server.
export default defineConfig({
  test: {
    include: ["test/**/*.real-test.ts"],
    pool: "forks",
    // One Werkzeug server with SQLite behind it: one test file at a time.
    fileParallelism: false,
    // About a second per write on the real server; the longest tests make a dozen.
    testTimeout: 120_000,
    hookTimeout: 30_000,
  },
});
