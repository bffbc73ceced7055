import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { schemaText } from '../src/cli/schema.js';

const root = new URL('../', import.meta.url);
const read = (path: string): string => readFileSync(new URL(path, root), 'utf8');

describe('the JSON Schema for editors', () => {
  it('is the one generated from the validator’s definition (run `npm run schema` after changing it)', () => {
    expect(read('schema/annotation.schema.json')).toBe(schemaText());
  });

  it('is referenced by the sample annotation', () => {
    expect(read('decks/china-trump-russia-pivot.yaml').split('\n')[0]).toBe('# yaml-language-server: $schema=../schema/annotation.schema.json');
  });

  it('accepts the sample as an editor reads it (YAML 1.2 core: 1969 is a number) and rejects a misspelt key', () => {
    const validate = new Ajv2020({ allErrors: true, strict: false }).compile(JSON.parse(read('schema/annotation.schema.json')));
    const sample = parse(read('decks/china-trump-russia-pivot.yaml')) as Record<string, unknown>;
    expect(validate(sample), JSON.stringify(validate.errors)).toBe(true);

    const quotes = sample.quotes as Record<string, unknown>[];
    const broken = { ...sample, quotes: [{ ...quotes[0], speakr: 'wang-yi' }] };
    expect(validate(broken)).toBe(false);
    expect(validate.errors?.some((e) => e.keyword === 'additionalProperties' && e.params.additionalProperty === 'speakr')).toBe(true);

    const withNumbers = { ...sample, format: 1, events: [{ id: 'e', what: 'x', when: 1969 }] };
    expect(validate(withNumbers), JSON.stringify(validate.errors)).toBe(true);
  });
});
