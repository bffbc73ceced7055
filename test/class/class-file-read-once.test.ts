/**
 * Every command reads the class file once per run and passes what it found
 * down (to the templates folder, the annotations it names, the decks' class
 * settings): a class file read twice could be two different files to one run,
 * if the teacher saves it meanwhile.
 */
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as config from '../../src/class/config.js';
import { main } from '../../src/cli/main.js';
import { fakeIo } from '../helpers/io.js';
import { classFolder } from './class-folder.js';

vi.mock('../../src/class/config.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/class/config.js')>();
  return { ...original, parseClassFile: vi.fn(original.parseClassFile) };
});

const parses = vi.mocked(config.parseClassFile);

describe('the class file', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await classFolder(['maldives-carbon-neutral']);
    parses.mockClear();
  });

  for (const args of [['build'], ['check'], ['preview'], ['stats', '--progress', 'progress.jsonl'], ['quiz', '--plain', '--progress', 'progress.jsonl']]) {
    it(`is read once by newsdeck ${args.join(' ')}`, async () => {
      const { io, stderr } = fakeIo({ cwd: dir, env: { SOURCE_DATE_EPOCH: '1750000000' } });
      const status = await main(args, io);
      expect(status, stderr()).toBe(0);
      expect(parses).toHaveBeenCalledTimes(1);
      expect(parses.mock.calls[0]?.[0]).toContain('Class 10B');
    });
  }

  it('is read once when named on the command line too', async () => {
    const { io, stderr } = fakeIo({ cwd: join(dir, '..') });
    expect(await main(['check', 'class-10b'], io), stderr()).toBe(0);
    expect(parses).toHaveBeenCalledTimes(1);
  });
});
