import fs from 'node:fs';
import path from 'node:path';

/**
 * Reads the `.cpuprofile` files `node --cpu-prof` wrote and says where the CPU went: self time by
 * part (a package under node_modules, one of our workspaces, Node itself, the garbage collector)
 * and the hottest functions. Our own: the profilers on npm draw flame graphs for a person to look
 * at; the bench needs the same split as numbers it can write into docs/benchmarks.md, per process.
 */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/**
 * A stretch of measured load, in the monotonic microseconds both V8's profiles and
 * `process.hrtime` count (one clock on Linux, whichever process reads it).
 */
export interface ProfileWindow {
  /** The run it belongs to, e.g. `sqlite, 1×`: the suffix of the profiled process's folder. */
  label: string;
  target: string;
  from: number;
  to: number;
  requests: number;
}

export interface ProfileSummary {
  file: string;
  /** Milliseconds of samples, idle excluded. */
  busyMs: number;
  /** Requests answered in the windows counted (when windows were given). */
  requests?: number;
  /** Self milliseconds by part, most first. */
  parts: [string, number][];
  /** Self milliseconds by function (`name part:line`), most first. */
  functions: [string, number][];
}

/** The part a frame belongs to: `pkg` for node_modules/pkg, our workspace folder, or Node's. */
export function partOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const modules = url.lastIndexOf('/node_modules/');
  if (modules >= 0) {
    const [first, second] = url.slice(modules + '/node_modules/'.length).split('/');
    return first.startsWith('@') ? `${first}/${second}` : first;
  }
  if (url.startsWith('node:')) return '(node)';
  const ours = url.match(/\/(packages|subgraphs|plugins|gateway|scripts)\/([^/]+)?/);
  if (ours)
    return ours[1] === 'gateway' || ours[1] === 'scripts' ? ours[1] : `${ours[1]}/${ours[2]}`;
  return '(other)';
}

/** Self time per function, counting only samples inside `windows` (all samples without). */
export function summarise(file: string, windows?: ProfileWindow[]): ProfileSummary {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  const inWindow = (t: number) => !windows || windows.some((w) => t >= w.from && t <= w.to);
  // A sample's time is the delta before the next sample (what Chrome's DevTools count too).
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i];
    if (!inWindow(t)) continue;
    const dt = profile.timeDeltas[i + 1] ?? 0;
    self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + dt);
  }
  const parts = new Map<string, number>();
  const functions = new Map<string, number>();
  let busy = 0;
  for (const [id, us] of self) {
    const { callFrame } = byId.get(id)!;
    if (callFrame.functionName === '(idle)') continue;
    const ms = us / 1000;
    busy += ms;
    const part = partOf(callFrame.url, callFrame.functionName);
    parts.set(part, (parts.get(part) ?? 0) + ms);
    const name = `${callFrame.functionName || '(anonymous)'} ${
      callFrame.url ? `${path.basename(callFrame.url)}:${callFrame.lineNumber + 1}` : ''
    }`.trim();
    functions.set(`${name} [${part}]`, (functions.get(`${name} [${part}]`) ?? 0) + ms);
  }
  const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]);
  return {
    file,
    busyMs: busy,
    requests: windows?.reduce((n, w) => n + w.requests, 0),
    parts: sorted(parts),
    functions: sorted(functions),
  };
}

/**
 * Every profile in a folder and below, summed per process (the folder it was written to, named
 * `process, label`). With the folder's windows.json, a gateway counts the windows of its own
 * target (`gateway (a)` → a), any other process every window of its label.
 */
export function summariseFolder(dir: string): Map<string, ProfileSummary> {
  const out = new Map<string, ProfileSummary>();
  const windowsFile = path.join(dir, 'windows.json');
  const windows: ProfileWindow[] | undefined = fs.existsSync(windowsFile)
    ? JSON.parse(fs.readFileSync(windowsFile, 'utf8'))
    : undefined;
  for (const entry of fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    if (!entry.endsWith('.cpuprofile')) continue;
    const name = path.dirname(entry) === '.' ? path.basename(entry) : path.dirname(entry);
    const target = name.match(/^gateway \((\w+)\)/)?.[1];
    const mine = windows?.filter(
      (w) => name.endsWith(`, ${w.label}`) && (!target || w.target === target),
    );
    const summary = summarise(path.join(dir, entry), mine);
    const into = out.get(name);
    if (!into) {
      out.set(name, summary);
      continue;
    }
    // Worker threads of one process write one file each: one process, one summary.
    const add = (a: [string, number][], b: [string, number][]) => {
      const m = new Map(a);
      for (const [k, v] of b) m.set(k, (m.get(k) ?? 0) + v);
      return [...m].sort((x, y) => y[1] - x[1]);
    };
    out.set(name, {
      file: name,
      busyMs: into.busyMs + summary.busyMs,
      requests: into.requests,
      parts: add(into.parts, summary.parts),
      functions: add(into.functions, summary.functions),
    });
  }
  return out;
}

/** Markdown: per process, the parts over 1% of its busy time and its ten hottest functions. */
export function profileTables(summaries: Map<string, ProfileSummary>): string[] {
  const lines: string[] = [];
  const pct = (ms: number, of: number) => `${((ms / of) * 100).toFixed(1)}%`;
  for (const [name, s] of summaries) {
    const perRequest = s.requests
      ? ` over ${s.requests} requests, ${(s.busyMs / s.requests).toFixed(2)} ms per request`
      : '';
    lines.push(`**${name}**: ${Math.round(s.busyMs)} ms busy${perRequest}.`, '');
    lines.push('| part | self ms | share |', '|---|---|---|');
    for (const [part, ms] of s.parts.filter(([, ms]) => ms / s.busyMs >= 0.01))
      lines.push(`| ${part} | ${Math.round(ms)} | ${pct(ms, s.busyMs)} |`);
    lines.push('', '| hottest functions (self) | ms | share |', '|---|---|---|');
    for (const [fn, ms] of s.functions.slice(0, 10))
      lines.push(`| ${fn.replace(/\|/g, '\\|')} | ${Math.round(ms)} | ${pct(ms, s.busyMs)} |`);
    lines.push('');
  }
  return lines;
}
