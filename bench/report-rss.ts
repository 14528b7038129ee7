// Preloaded into the benchmarked child process (`node --import`): reports its peak RSS on exit.
process.on("exit", () => {
  process.stderr.write(`\nBENCH_MAX_RSS_KB=${process.resourceUsage().maxRSS}\n`);
});
