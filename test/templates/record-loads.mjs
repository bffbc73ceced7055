// Preloaded with `node --import`: writes every module the process loaded to $LOAD_LOG when it exits,
// ES modules through a resolve hook and CommonJS ones (ts-morph loads typescript with require) from require.cache.
import { appendFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';

const log = process.env.LOAD_LOG;
if (log) {
  const hook = `
    import { appendFileSync } from 'node:fs';
    export async function resolve(specifier, context, next) {
      const resolved = await next(specifier, context);
      appendFileSync(${JSON.stringify(log)}, resolved.url + '\\n');
      return resolved;
    }`;
  register(`data:text/javascript,${encodeURIComponent(hook)}`);
  const require = createRequire(import.meta.url);
  process.on('exit', () => appendFileSync(log, Object.keys(require.cache).join('\n') + '\n'));
}
