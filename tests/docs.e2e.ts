import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from './faults/harness.js';

/** Every Markdown file a clone holds, outside dependencies and build output. */
function markdownFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (['node_modules', 'dist', '.git', '.turbo'].includes(entry.name)) return [];
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return markdownFiles(full);
    return entry.name.endsWith('.md') ? [full] : [];
  });
}

describe('the docs stand alone in a clone', () => {
  const files = markdownFiles(root);

  it('finds the docs', () => {
    expect(files.map((f) => path.relative(root, f))).toEqual(
      expect.arrayContaining([
        'README.md',
        'docs/README.md',
        'docs/design.md',
        'docs/seed/README.md',
      ]),
    );
  });

  it('point nowhere outside the repository', () => {
    const outside = files.flatMap((file) =>
      fs
        .readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((line, i) =>
          /\.\.\/shared\b/.test(line) ? [`${path.relative(root, file)}:${i + 1}`] : [],
        ),
    );
    expect(outside).toEqual([]);
  });

  it('link only to files that exist', () => {
    const broken: string[] = [];
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z]+:/i.test(target) || target.startsWith('#')) continue;
        const resolved = path.resolve(path.dirname(file), target.split('#')[0]);
        if (!resolved.startsWith(root) || !fs.existsSync(resolved))
          broken.push(`${path.relative(root, file)} → ${target}`);
      }
    }
    expect(broken).toEqual([]);
  });
});
