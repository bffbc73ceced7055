import { describe, expect, it } from 'vitest';
import { parseRetention } from '../../src/cli/args.js';
import { ExitError } from '../../src/cli/io.js';

describe('parseRetention', () => {
  it('reads a retention from 0.7 to 0.99; no option is undefined', () => {
    expect(parseRetention(undefined)).toBeUndefined();
    expect(['0.7', '0.85', '0.99', '9e-1'].map(parseRetention)).toEqual([0.7, 0.85, 0.99, 0.9]);
  });

  it('refuses anything else as bad usage (exit 2), with one message', () => {
    for (const value of ['0.69', '1', '0x1', 'Infinity', 'NaN', '', ' ', 'ninety']) {
      let error: unknown;
      try {
        parseRetention(value);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ExitError);
      expect(error).toMatchObject({ status: 2, message: `--retention must be a number from 0.7 to 0.99 (e.g. 0.9), got '${value}'` });
    }
  });
});
