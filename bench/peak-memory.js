// Preloaded into a benchmarked child process (node -r ./bench/peak-memory.js): prints the process's peak
// resident set size on stderr as it exits, for bench/run.ts to read (measure.ts peakRssMb).
'use strict';
process.on('exit', () => {
  process.stderr.write(`\nbench-peak-rss-kb: ${process.resourceUsage().maxRSS}\n`);
});
