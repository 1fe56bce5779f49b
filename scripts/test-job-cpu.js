// Preloaded (node -r) into the top process of each npm test job by scripts/test.js: when the process
// exits, it writes the CPU seconds that it and every child it waited for used (Linux's /proc/self/stat:
// utime, stime, cutime, cstime) to the file IPIC_TEST_JOB_CPU names, so the job table can show CPU beside
// wall time. The machine is CPU-bound during npm test, so CPU is what a faster job must save. Elsewhere
// (no /proc) it writes nothing, and the table shows no CPU.
'use strict';
const { appendFileSync, readFileSync } = require('node:fs');

const out = process.env.IPIC_TEST_JOB_CPU;
// Only this process: its children must not add their own totals, which are already in cutime and cstime.
delete process.env.IPIC_TEST_JOB_CPU;
/** Linux's USER_HZ, the unit of /proc/<pid>/stat times, is 100 on every architecture Node runs on. */
const TICKS_PER_SECOND = 100;

if (out)
  process.on('exit', () => {
    try {
      const stat = readFileSync('/proc/self/stat', 'utf8');
      // Fields after the command name (which may hold spaces) start at state, field 3; utime is field 14.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ticks = fields.slice(11, 15).reduce((sum, f) => sum + Number(f), 0);
      appendFileSync(out, `${ticks / TICKS_PER_SECOND}\n`);
    } catch {
      // No /proc: no CPU figure for this job.
    }
  });
