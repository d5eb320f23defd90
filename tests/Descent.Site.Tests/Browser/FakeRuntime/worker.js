// A stand-in for the browser runtime (assets/runtime/worker.js) in the runnable-page tests. It speaks the page ⇄
// worker protocol of tools/Descent.Browser/PROTOCOL.md but runs no C#: a cell's "run" echoes its code, and markers in
// the code choose what else it does:
//   throw            → an error output, status "error"
//   while (true)     → loops forever (the page can only stop it by terminating the worker)
//   // chart         → also a plotly chart (execute_result), rendered as the site renders charts
//   // formula       → also a display formula (text/latex), which the page typesets
//   // display       → a display output with data-display-id, then an update that replaces it
//   // crash         → the runtime dies: a fatal message, and the worker closes itself
// Every stdout echo also lists the cells this worker ran so far, so a test sees what one session ran, and in what order.
'use strict';

let executionCount = 0;
const ranCells = [];

const escape = text => text.replace(/[&<>"]/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

self.onmessage = async event => {
  const message = event.data;
  if (message.type === 'start') {
    const total = 5;
    for (let loaded = 1; loaded <= total; loaded++) {
      postMessage({ type: 'progress', loaded, total });
      await sleep(10);
    }
    postMessage({ type: 'ready', ms: 50 });
    postMessage({ type: 'warm', ms: 5 });
  } else if (message.type === 'run') {
    run(message);
  } else if (message.type === 'reset') {
    executionCount = 0;
    ranCells.length = 0;
    postMessage({ type: 'reset-done' });
  }
};

function run({ runId, cell, code }) {
  const began = performance.now();
  const count = ++executionCount;
  ranCells.push(cell);
  postMessage({ type: 'started', runId, executionCount: count });
  const send = (output, html) => postMessage({ type: 'output', runId, output, html });

  const text = `cell ${cell} ran: ${code}\nsession: ${ranCells.join(',')}\n`;
  send({ output_type: 'stream', name: 'stdout', text }, `<pre class="output output-stream">${escape(text)}</pre>\n`);

  if (code.includes('// crash')) {
    postMessage({ type: 'fatal', message: 'the fake runtime crashed' });
    close();
    return;
  }
  if (code.includes('while (true)')) {
    for (;;) { /* a cell that never ends */ }
  }
  if (code.includes('throw')) {
    const evalue = 'thrown by the fake runtime';
    send({ output_type: 'error', ename: 'System.Exception', evalue, traceback: ['System.Exception: ' + evalue, '   at Submission#' + count] },
      `<div class="output output-error" role="alert"><pre><strong class="ename">System.Exception</strong>: ${evalue}\n   at Submission#${count}</pre></div>\n`);
    postMessage({ type: 'done', runId, status: 'error', executionCount: count, ms: performance.now() - began });
    return;
  }
  if (code.includes('// chart')) {
    // The renderer numbers charts from 1 in every run, as the site's OutputRenderer does: the page makes ids unique.
    const figure = { data: [{ type: 'scatter', mode: 'lines', name: 'fake', x: [0, 1, 2, 3], y: [3, 1, 0.5, 0.2] }], layout: { title: { text: 'A fake descent' }, width: 500, height: 300 } };
    send({ output_type: 'execute_result', execution_count: count, metadata: {}, data: { 'application/vnd.plotly.v1+json': figure, 'text/plain': 'chart' } },
      '<div class="output output-chart"><div class="chart" id="chart-fake-1" data-figure="chart-fake-1-figure" role="img" aria-label="Interactive chart: A fake descent"></div>'
      + `<script type="application/json" id="chart-fake-1-figure">${JSON.stringify(figure).replace(/</g, '\\u003c')}</script></div>\n`);
  }
  if (code.includes('// formula')) {
    send({ output_type: 'display_data', metadata: {}, data: { 'text/latex': '$$x_{t+1} = x_t - \\eta f\'(x_t)$$', 'text/plain': 'formula' } },
      '<div class="output output-latex"><span class="math math-display">x_{t+1} = x_t - \\eta f&#39;(x_t)</span></div>\n');
  }
  if (code.includes('// display')) {
    const displayId = 'fake-display-' + count;
    send({ output_type: 'display_data', metadata: {}, data: { 'text/plain': 'step 0' }, transient: { display_id: displayId } },
      `<pre class="output output-text" data-display-id="${displayId}">step 0</pre>\n`);
    postMessage({ type: 'update', runId, displayId, output: { output_type: 'display_data', metadata: {}, data: { 'text/plain': 'step 3' }, transient: { display_id: displayId } },
      html: `<pre class="output output-text" data-display-id="${displayId}">step 3</pre>\n` });
  }
  postMessage({ type: 'done', runId, status: 'ok', executionCount: count, ms: performance.now() - began });
}
