/**
 * The Cliniko emulator for bench/pull.ts, on a thread of its own: Cliniko is another machine, so
 * its work (building and serialising pages) must not be counted as the pull's, nor share the
 * pull's thread. Generates the clinic, moves its clock past the overlap, says where it listens,
 * then answers requests for its stats until told to stop.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { startClinikoEmulator } from '../src/sandbox/cliniko/index.js';
import { makeManualClock } from '../src/time/clock.js';

const port = parentPort!;
const clock = makeManualClock(Date.now());
const emulator = await startClinikoEmulator({
  clock,
  seedClinic: true,
  rateLimit: { enabled: false },
});
emulator.control.generateInvoices((workerData as { invoices: number }).invoices);
clock.advance(10 * 60_000); // the clinic's last change is past the 5-minute overlap
port.on('message', (message: string) => {
  if (message === 'reset-stats') emulator.control.resetStats();
  if (message === 'stats') port.postMessage({ stats: emulator.control.stats() });
  if (message === 'stop') void emulator.stop().then(() => port.close());
});
port.postMessage({ apiUrl: emulator.apiUrl, apiKey: emulator.control.addApiKey() });
