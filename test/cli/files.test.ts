/**
 * writeNewFile, the one way newsdeck creates a file that must not exist yet
 * (init's draft, init --class's class file, an exam's results): written whole
 * or not at all, never over an existing file, no temporary file left.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeNewFile } from '../../src/cli/files.js';
import { ExitError } from '../../src/cli/io.js';
import { tempFolder } from '../helpers/tmp.js';

function thrown(write: () => void): ExitError {
  try {
    write();
  } catch (error) {
    if (error instanceof ExitError) return error;
    throw error;
  }
  throw new Error('expected writeNewFile to refuse');
}

describe('writeNewFile', () => {
  it('creates the file with the data and leaves nothing else', () => {
    const dir = tempFolder('newsdeck-files-');
    writeNewFile({ cwd: dir }, join(dir, 'a.yaml'), 'draft\n', { exists: () => 'unused' });
    expect(readFileSync(join(dir, 'a.yaml'), 'utf8')).toBe('draft\n');
    expect(readdirSync(dir)).toEqual(['a.yaml']);
  });

  it("refuses an existing file with the caller's words, leaving it as it was and no temporary file", () => {
    const dir = tempFolder('newsdeck-files-');
    writeFileSync(join(dir, 'a.yaml'), 'the teacher’s own\n');
    const error = thrown(() => writeNewFile({ cwd: dir }, join(dir, 'a.yaml'), 'draft\n', { exists: (kept) => `a.yaml is there (kept: ${String(kept)}); move it away` }));
    expect(error.message).toBe('a.yaml is there (kept: undefined); move it away');
    expect(readFileSync(join(dir, 'a.yaml'), 'utf8')).toBe('the teacher’s own\n');
    expect(readdirSync(dir)).toEqual(['a.yaml']);
  });

  it('keeps the data under keepAs when the name is taken, and says where', () => {
    const dir = tempFolder('newsdeck-files-');
    writeFileSync(join(dir, 'exam.csv'), 'another run\n');
    const keepAs = join(dir, 'exam.csv.kept');
    const error = thrown(() => writeNewFile({ cwd: dir }, join(dir, 'exam.csv'), 'my answers\n', { keepAs, exists: (kept) => `taken; answers in ${String(kept)}` }));
    expect(error.message).toBe('taken; answers in exam.csv.kept');
    expect(readFileSync(join(dir, 'exam.csv'), 'utf8')).toBe('another run\n');
    expect(readFileSync(keepAs, 'utf8')).toBe('my answers\n');
    expect(readdirSync(dir).sort()).toEqual(['exam.csv', 'exam.csv.kept']);
  });

  it('says what failed and that nothing was written when the folder is missing', () => {
    const dir = tempFolder('newsdeck-files-');
    const error = thrown(() => writeNewFile({ cwd: dir }, join(dir, 'no-folder', 'a.yaml'), 'draft\n', { exists: () => 'unused' }));
    expect(error.message).toMatch(/^cannot write no-folder\/a\.yaml: ENOENT.*; nothing was written$/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('removes the temporary file a killed write of the same file left', () => {
    const dir = tempFolder('newsdeck-files-');
    const { pid } = spawnSync(process.execPath, ['-e', '']);
    writeFileSync(join(dir, `a.yaml.${String(pid)}.tmp`), 'partial');
    writeNewFile({ cwd: dir }, join(dir, 'a.yaml'), 'draft\n', { exists: () => 'unused' });
    expect(readdirSync(dir)).toEqual(['a.yaml']);
  });
});
