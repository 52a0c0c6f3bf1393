import fs from 'node:fs';

/**
 * Replaces what lies between `<!-- NAME:start -->` and `<!-- NAME:end -->` in a document with
 * generated text (the settings and events tables); the tests that compare them read the same markers.
 */
export function writeMarkedSection(file: string, name: string, content: string): void {
  const doc = fs.readFileSync(file, 'utf8');
  const marked = new RegExp(`<!-- ${name}:start -->\\n[\\s\\S]*?<!-- ${name}:end -->`);
  if (!marked.test(doc)) throw new Error(`${file} has no <!-- ${name}:start/end --> markers`);
  fs.writeFileSync(
    file,
    doc.replace(marked, () => `<!-- ${name}:start -->\n${content}\n<!-- ${name}:end -->`),
  );
  console.log(`${file}: ${name} written`);
}
