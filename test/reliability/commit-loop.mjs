// The I/O of a build, again and again, until it is killed (test/reliability/build-kills.test.ts):
// read the output folder (which finishes an interrupted commit) and commit the next of two
// builds' packages and manifest, alternately (at most the 4th argument's times), with the built code of src/class/output-folder.ts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';

const [distRoot, outDir, statesFile, most] = process.argv.slice(2);
const { commitOutputFolder, readOutputFolder } = await import(join(distRoot, 'src/class/output-folder.js'));
const { parseManifest } = await import(join(distRoot, 'src/anki/manifest.js'));
const { StagedFiles } = await import(join(distRoot, 'src/cli/files.js'));
const states = JSON.parse(readFileSync(statesFile, 'utf8')).map((state) => ({
  manifest: parseManifest(state.manifest).manifest,
  files: state.files.map((f) => ({ path: join(outDir, f.name), data: Buffer.from(f.base64, 'base64') })),
}));
const quiet = new Writable({ write: (_chunk, _encoding, done) => done() });
const io = { stdout: quiet, stderr: quiet, stdin: process.stdin, env: {}, cwd: outDir, now: () => new Date(0) };
process.stdout.write('ready\n');
for (let i = 0; i < Number(most ?? Infinity); i++) {
  const state = states[(i + 1) % 2];
  readOutputFolder(outDir, io, false);
  // A build stages each package as it is made, then commits them with the manifest.
  const staged = new StagedFiles();
  for (const { path, data } of state.files) staged.add(path, data);
  commitOutputFolder(outDir, state.manifest, staged, io);
  process.stdout.write(`committed ${i}\n`);
}
