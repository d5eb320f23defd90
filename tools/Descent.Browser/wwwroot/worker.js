// Descent's browser runtime: a module Web Worker that starts .NET WebAssembly (the files in ./_framework/) and runs
// notebook cells with the engine's browser host (Descent.Browser). It speaks the protocol in PROTOCOL.md.
import { dotnet } from './_framework/dotnet.js';

let exports = null;
let queue = Promise.resolve();

function post(json) { self.postMessage(JSON.parse(json)); }

async function start() {
  const t0 = performance.now();
  let loaded = 0;
  const runtime = await dotnet
    .withResourceLoader((type, name, defaultUri) => { loaded++; self.postMessage({ type: 'progress', loaded, total: null }); return defaultUri; })
    .create();
  runtime.setModuleImports('descent', { post });
  exports = (await runtime.getAssemblyExports('Descent.Browser')).Descent.Browser.Runtime;
  self.postMessage({ type: 'ready', ms: performance.now() - t0 });
  await exports.Start();
}

self.onmessage = (event) => {
  const message = event.data;
  if (message.type === 'start') {
    queue = start().catch((e) => self.postMessage({ type: 'fatal', message: 'The C# runtime could not start: ' + (e && e.message || e) }));
  } else if (message.type === 'run') {
    queue = queue.then(() => exports.Run(message.runId, message.code)).catch((e) =>
      self.postMessage({ type: 'fatal', message: 'The C# runtime failed: ' + (e && e.message || e) }));
  }
};
