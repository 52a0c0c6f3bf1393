import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

// What a process tree costs, read from /proc: for the benchmarks (bench.ts, measure-workers.ts).

/** A process and all its descendants. */
export function processTree(pid: number): Set<number> {
  const table = execFileSync('ps', ['-eo', 'pid=,ppid='])
    .toString()
    .trim()
    .split('\n')
    .map((l) => l.trim().split(/\s+/).map(Number));
  const ids = new Set([pid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [p, parent] of table)
      if (ids.has(parent) && !ids.has(p)) {
        ids.add(p);
        grew = true;
      }
  }
  return ids;
}

/** Resident memory of a process and its descendants, in MB. */
export function treeRss(pid: number): number {
  let kb = 0;
  for (const id of processTree(pid)) {
    try {
      kb += Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${id}/status`, 'utf8'))?.[1] ?? 0);
    } catch {
      /* exited */
    }
  }
  return kb / 1024;
}

/** CPU time (user + system) a process tree has used so far, in ms. */
export function treeCpuMs(pid: number): number {
  const tick = 1000 / 100; // USER_HZ
  let total = 0;
  for (const id of processTree(pid)) {
    try {
      const fields = fs.readFileSync(`/proc/${id}/stat`, 'utf8').split(') ')[1].split(' ');
      total += (Number(fields[11]) + Number(fields[12])) * tick;
    } catch {
      /* exited */
    }
  }
  return total;
}
