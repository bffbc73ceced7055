/**
 * A teacher's class folder for the tests: newsdeck.yaml from `init --class`,
 * annotations/ beside articles/ (`text_file: ../articles/x.txt`), holding the
 * sample article and the four dev-set articles of test/fixtures.
 */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument, type Document } from 'yaml';
import { expect } from 'vitest';
import { main } from '../../src/cli/main.js';
import { fakeIo } from '../helpers/io.js';
import { tempFolder } from '../helpers/tmp.js';

const ROOT = new URL('../../', import.meta.url).pathname;
export const SAMPLE = 'china-trump-russia-pivot';
export const DEV_SET = ['aretha-franklin-dies', 'maldives-carbon-neutral', 'south-korea-beef-protests', 'us-senate-bailout-vote'];
export const ARTICLES = [SAMPLE, ...DEV_SET];

/** Runs a newsdeck command in `cwd`. */
export async function run(cwd: string, args: string[], epoch = 1_750_000_000): Promise<{ status: number; stdout: string; stderr: string }> {
  const { io, stdout, stderr } = fakeIo({ cwd, env: { SOURCE_DATE_EPOCH: String(epoch) } });
  const status = await main(args, io);
  return { status, stdout: stdout(), stderr: stderr() };
}

/** A new class folder "Class 10B" with the sample and the dev-set articles named (all four by default). */
export async function classFolder(devSet: readonly string[] = DEV_SET): Promise<string> {
  const dir = join(tempFolder('newsdeck-class-'), 'class-10b');
  const init = await run(dir.replace(/\/class-10b$/, ''), ['init', '--class', 'class-10b', '--name', 'Class 10B']);
  expect(init.status, init.stderr).toBe(0);
  copyFileSync(join(ROOT, 'decks', `${SAMPLE}.txt`), join(dir, 'articles', `${SAMPLE}.txt`));
  const sample = readFileSync(join(ROOT, 'decks', `${SAMPLE}.yaml`), 'utf8').replace(`text_file: ${SAMPLE}.txt`, `text_file: ../articles/${SAMPLE}.txt`);
  writeFileSync(join(dir, 'annotations', `${SAMPLE}.yaml`), sample);
  for (const id of devSet) {
    copyFileSync(join(ROOT, 'test/fixtures/articles/articles', `${id}.txt`), join(dir, 'articles', `${id}.txt`));
    const text = readFileSync(join(ROOT, 'test/fixtures/articles', `${id}.yaml`), 'utf8').replace('text_file: articles/', 'text_file: ../articles/');
    writeFileSync(join(dir, 'annotations', `${id}.yaml`), text);
  }
  return dir;
}

/** Edits one annotation of the class as a YAML document (comments and layout kept). */
export function editAnnotation(dir: string, article: string, edit: (doc: Document) => void): void {
  const path = join(dir, 'annotations', `${article}.yaml`);
  const doc = parseDocument(readFileSync(path, 'utf8'));
  edit(doc);
  writeFileSync(path, doc.toString({ lineWidth: 0 }));
}

/** The index of the item with `id` in the list `list` of a document. */
export function indexOf(doc: Document, list: string, id: string): number {
  const items = (doc.get(list) as { items: unknown[] }).items;
  const index = items.findIndex((_, i) => doc.getIn([list, i, 'id']) === id);
  if (index < 0) throw new Error(`no ${list} item ${id}`);
  return index;
}
