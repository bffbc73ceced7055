/** The command name: one of newsdeck's commands, and nothing an object literal inherits. */
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { fakeIo } from '../helpers/io.js';

describe('newsdeck COMMAND', () => {
  for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'nonsense']) {
    it(`calls '${name}' an unknown command (usage status 2), listing the commands`, async () => {
      const { io, stderr } = fakeIo();
      expect(await main([name], io)).toBe(2);
      expect(stderr()).toMatch(new RegExp(`^newsdeck: unknown command '${name}'\\. Commands: check, init, build, .*\\.\\nRun 'newsdeck --help' for usage\\.\\n$`));
    });
  }
});
