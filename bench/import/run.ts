/**
 * Import throughput on the seed roadmaps: time per seed (median of several runs after a warm-up), the CPU
 * time it took (steadier than wall time on a shared machine) and activities per second. Target: the
 * largest seed (003, 135 KiB) in under 200 ms.
 *
 *   node -r ./scripts/register.js bench/import/run.ts [--runs N]
 */
import { readdirSync, readFileSync, statSync } from 'fs';
import { resolve } from 'path';
import { performance } from 'perf_hooks';
import { parseArgs } from 'util';
import { importRoadmap } from '@karta/importer';

const TARGET_MS = 200;
const SEEDS = resolve(__dirname, '..', '..', '..', 'shared', 'seeds');

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '15' } } });
  const runs = Math.max(1, Number(values.runs) || 15);
  const files = readdirSync(SEEDS)
    .filter((f) => f.endsWith('.txt'))
    .sort();
  if (!files.length) {
    process.stderr.write(`no seeds in ${SEEDS}\n`);
    return 1;
  }
  const largest = files.reduce((a, b) =>
    statSync(resolve(SEEDS, b)).size > statSync(resolve(SEEDS, a)).size ? b : a,
  );
  process.stdout.write(`import bench: ${files.length} seeds, median of ${runs} runs after a warm-up\n\n`);
  process.stdout.write(
    `${'seed'.padEnd(26)} ${'KB'.padStart(6)} ${'acts'.padStart(5)} ${'median ms'.padStart(10)} ${'p90 ms'.padStart(8)} ${'cpu ms'.padStart(7)} ${'acts/s'.padStart(9)}\n`,
  );
  let failed = false;
  let totalActs = 0;
  let totalMs = 0;
  for (const f of files) {
    const bytes = new Uint8Array(readFileSync(resolve(SEEDS, f)));
    const first = await importRoadmap({ bytes, fileName: f }); // warm-up: JIT, lazy adapter load
    const times: number[] = [];
    const cpu: number[] = [];
    for (let i = 0; i < runs; i++) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      await importRoadmap({ bytes, fileName: f });
      times.push(performance.now() - t0);
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1000);
    }
    times.sort((a, b) => a - b);
    cpu.sort((a, b) => a - b);
    const cpuMedian = cpu[Math.floor(cpu.length / 2)]!;
    const median = times[Math.floor(times.length / 2)]!;
    const p90 = times[Math.min(times.length - 1, Math.floor(times.length * 0.9))]!;
    const acts = first.activities.length;
    totalActs += acts;
    totalMs += median;
    const mark =
      f === largest ? (median < TARGET_MS ? '  ← largest, under target' : '  ← largest, OVER TARGET') : '';
    if (f === largest && median >= TARGET_MS) failed = true;
    process.stdout.write(
      `${f.padEnd(26)} ${(bytes.length / 1024).toFixed(1).padStart(6)} ${String(acts).padStart(5)} ${median.toFixed(1).padStart(10)} ${p90.toFixed(1).padStart(8)} ${cpuMedian.toFixed(1).padStart(7)} ${Math.round(
        (acts / median) * 1000,
      )
        .toString()
        .padStart(9)}${mark}\n`,
    );
  }
  process.stdout.write(
    `\nall seeds: ${totalActs} activities in ${totalMs.toFixed(1)} ms (sum of medians), ${Math.round((totalActs / totalMs) * 1000)} activities/s\n`,
  );
  process.stdout.write(
    `target: largest seed (${largest}) under ${TARGET_MS} ms — ${failed ? 'MISSED' : 'met'}\n`,
  );
  return failed ? 1 : 0;
}

main().then(
  (code) => (process.exitCode = code),
  (e) => {
    process.stderr.write(`${(e as Error).stack}\n`);
    process.exitCode = 1;
  },
);
