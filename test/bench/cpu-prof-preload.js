// Preloaded by `npm run bench:calls` with CPU_PROF=1 (NODE_OPTIONS=--require ...; --cpu-prof is not
// allowed there): SIGUSR2 starts a V8 CPU profile, the next SIGUSR2 writes it to CPU_PROF_DIR.
const { Session } = require('node:inspector');
const { mkdirSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const session = new Session();
session.connect();
let running = false;
let n = 0;
process.on('SIGUSR2', () => {
  if (!running) {
    session.post('Profiler.enable', () => session.post('Profiler.setSamplingInterval', { interval: 200 }, () => session.post('Profiler.start')));
    running = true;
    return;
  }
  running = false;
  session.post('Profiler.stop', (err, { profile }) => {
    if (err) return;
    const dir = process.env.CPU_PROF_DIR || '/tmp/gg-cpu-prof';
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${process.env.PROF_NAME || 'node'}-${process.pid}-${n++}.cpuprofile`), JSON.stringify(profile));
  });
});
