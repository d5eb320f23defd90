// Descent: the runnable lesson page. On a site exported with the browser runtime, a lesson's <main> names the
// runtime's worker (data-runtime="assets/runtime/worker.js"). Served over http(s), this script
//   - starts the worker at once, so the C# runtime warms up while the student reads,
//   - turns each code cell into an editor (assets/editor.js, CodeMirror) with a Run button,
//   - runs cells in the worker one at a time, earlier cells first when they have not run yet,
//   - shows their outputs as the site shows exported ones (site.js typesets formulas and draws charts in them),
//   - keeps the student's edits in localStorage, and builds "my notebook" (.ipynb) from the editors and the outputs.
// Opened from disk (file:), the page stays as exported and shows the one line the exporter wrote (hidden) on how to
// make the cells runnable: a module worker and fetch() need http.
//
// The worker speaks the protocol of tools/Descent.Browser/PROTOCOL.md (plain objects with postMessage):
//   page → worker: start {lesson}, run {runId, cell, code}
//   worker → page: progress {loaded, total}, ready {ms}, warm {ms}, fatal {message}, started {runId, executionCount},
//                  output {runId, output, html}, update {runId, displayId, output, html}, done {runId, status, executionCount, ms}
// `html` is an output rendered by the site's own renderer (already sanitized), `output` the nbformat output object.
// There is no "stop" message: Stop terminates the worker and starts a new one, so the C# state starts over.
(function () {
  'use strict';

  var main = document.querySelector('main[data-runtime]');
  if (!main) return;
  var sections = Array.prototype.slice.call(main.querySelectorAll('section.cell-code'))
    .filter(function (s) { return /^cell-\d+$/.test(s.id) && s.querySelector('.input pre.code > code'); });
  var hint = main.querySelector('.runtime-hint'); // written hidden by the exporter
  if (sections.length === 0) return;

  if (location.protocol === 'file:') {
    if (hint) hint.hidden = false;
    main.setAttribute('data-runtime-ui', 'hint');
    return;
  }
  if (hint) hint.remove();
  if (typeof Worker === 'undefined' || !window.DescentEditor) {
    console.error('Descent: ' + (window.DescentEditor ? 'this browser has no Web Workers' : 'the code editor (assets/editor.js) did not load')
      + ', so the code cells cannot run here.');
    return;
  }

  var slug = main.getAttribute('data-slug') || location.pathname.replace(/^.*\//, '').replace(/\.html?$/, '');
  var notebookFile = main.getAttribute('data-notebook') || slug + '.ipynb';
  var workerUrl = new URL(main.getAttribute('data-runtime'), document.baseURI).href;
  var storagePrefix = 'descent:v1:' + slug + ':';

  // ---------------------------------------------------------------------------------------------------------------
  // Small helpers

  function element(tag, attributes, children) {
    var el = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      if (name === 'text') el.textContent = attributes.text;
      else if (attributes[name] === true) el.setAttribute(name, '');
      else if (attributes[name] !== false && attributes[name] != null) el.setAttribute(name, attributes[name]);
    });
    (children || []).forEach(function (child) { el.append(child); });
    return el;
  }

  function seconds(ms) { return (ms / 1000).toFixed(1) + ' s'; }

  // How long something took: "85 ms", "1.2 s".
  function duration(ms) { return ms < 1000 ? Math.round(ms) + ' ms' : seconds(ms); }

  function now() { return performance.now(); }

  // "cell 7" (or "Cell 7" to start a sentence), a link to the cell.
  function cellLink(cell, capital) {
    return element('a', { href: '#' + cell.section.id, text: (capital ? 'Cell ' : 'cell ') + cell.number });
  }

  // "cell 4", "cells 4 and 6", "cells 4–6" (code cells in a row, markdown between them or not), "cells 4, 6 and 9".
  function cellList(list, capital) {
    var word = list.length === 1 ? 'cell ' : 'cells ';
    if (capital) word = word.charAt(0).toUpperCase() + word.slice(1);
    if (list.length === 1) return word + list[0].number;
    var inARow = list.every(function (c, i) { return i === 0 || c.position === list[i - 1].position + 1; });
    if (inARow && list.length > 2) return word + list[0].number + '–' + list[list.length - 1].number;
    var numbers = list.map(function (c) { return c.number; });
    return word + numbers.slice(0, -1).join(', ') + ' and ' + numbers[numbers.length - 1];
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Saved edits (localStorage key descent:v1:<slug>:cell-<index in the notebook>, only for cells that differ from the
  // lesson's code)

  var storage = (function () {
    try {
      var s = window.localStorage;
      s.setItem(storagePrefix + 'probe', '1');
      s.removeItem(storagePrefix + 'probe');
      return s;
    } catch (e) {
      return null; // storage disabled: edits last until the page is closed
    }
  })();
  var storageWarned = false;

  function storageKey(cell) { return storagePrefix + 'cell-' + cell.index; }

  function savedText(cell) {
    if (!storage) return null;
    try { return storage.getItem(storageKey(cell)); } catch (e) { return null; }
  }

  function save(cell) {
    clearTimeout(cell.saveTimer);
    cell.saveTimer = null;
    if (!storage) return;
    var text = cell.editor.getText();
    try {
      if (text === cell.original) storage.removeItem(storageKey(cell));
      else storage.setItem(storageKey(cell), text);
    } catch (e) {
      if (!storageWarned) note(['Your edits cannot be kept in this browser (' + (e && e.message || e) + '): they last until you close the page.']);
      storageWarned = true;
    }
  }

  function saveSoon(cell) {
    clearTimeout(cell.saveTimer);
    cell.saveTimer = setTimeout(function () { save(cell); }, 400);
  }

  function saveAllNow() { cells.forEach(function (cell) { if (cell.saveTimer) save(cell); }); }

  window.addEventListener('pagehide', saveAllNow);
  document.addEventListener('visibilitychange', function () { if (document.visibilityState === 'hidden') saveAllNow(); });

  // ---------------------------------------------------------------------------------------------------------------
  // The toolbar: status, a note that explains what happened, and the lesson's buttons.

  var statusText = element('span', { class: 'runtime-status-text' });
  var statusTime = element('span', { class: 'runtime-elapsed', 'aria-hidden': 'true' }); // ticks: not read aloud
  var status = element('p', { class: 'runtime-status', role: 'status' }, [statusText, statusTime]);
  var noteLine = element('p', { class: 'runtime-note', 'aria-live': 'polite' });
  var runAllButton = element('button', { type: 'button', class: 'run-all', text: 'Run all', title: 'Run every code cell of the lesson, in order' });
  var stopButton = element('button', { type: 'button', class: 'stop', text: 'Stop', title: 'Stop the running cell; the C# state starts over', disabled: true });
  var resetLessonButton = element('button', { type: 'button', class: 'reset-lesson', text: 'Reset lesson', title: "Put the lesson's code back in every cell" });
  var downloadButton = element('button', { type: 'button', class: 'download-notebook', text: 'Download my notebook', title: 'Your code and the outputs of this session, as a .ipynb file' });
  var bar = element('div', { class: 'runtime-bar', role: 'region', 'aria-label': 'Run the code cells' }, [
    element('div', { class: 'runtime-text' }, [status, noteLine]),
    element('div', { class: 'runtime-buttons' }, [runAllButton, stopButton, resetLessonButton, downloadButton]),
  ]);
  main.insertBefore(bar, main.firstChild);

  // The bar sticks to the top of the window: links to a cell (#cell-7) and the editors' cursor stay below it.
  function barHeight() { return bar.getBoundingClientRect().height; }
  function keepAnchorsBelowTheBar() { document.documentElement.style.scrollPaddingTop = Math.ceil(barHeight() + 8) + 'px'; }
  if (typeof ResizeObserver !== 'undefined') new ResizeObserver(keepAnchorsBelowTheBar).observe(bar);
  keepAnchorsBelowTheBar();

  // Replaces the note: a list of strings and elements (links to cells), or nothing to clear it.
  function note(parts) {
    noteLine.replaceChildren.apply(noteLine, parts || []);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // The code cells

  var cells = sections.map(function (section, position) {
    var index = Number(section.id.slice('cell-'.length)) - 1; // the cell's index in the notebook (ids count from 1)
    var pre = section.querySelector('.input pre.code');
    var cell = {
      index: index,
      number: index + 1,
      position: position,                   // among the code cells
      section: section,
      prompt: section.querySelector('.prompt'),
      original: pre.querySelector('code').textContent.replace(/\r\n?/g, '\n'), // the lesson's code, exactly
      raisesException: false,               // tagged raises-exception in the notebook: its error is the lesson's point
      ran: false,                           // ran (without an unexpected error) in the current worker
      result: null,                         // {executionCount, outputs: [{output}]} of its last run on this page (nbformat)
      saveTimer: null,
    };

    var holder = element('div', { class: 'editor' });
    pre.replaceWith(holder);
    var saved = savedText(cell);
    cell.editor = window.DescentEditor.create(holder, {
      text: saved !== null ? saved : cell.original,
      label: 'Code of cell ' + cell.number,
      onRun: function () { request({ kind: 'cell', cell: cell }); },
      onChange: function (text) { markEdited(cell, text !== cell.original); saveSoon(cell); },
      scrollTop: barHeight,
    });
    holder.descentEditor = cell.editor; // the cell's editor, for the page's tests and a curious student's console

    cell.runButton = element('button', { type: 'button', class: 'run-cell', 'aria-label': 'Run cell ' + cell.number, title: 'Run this cell (Shift+Enter)' },
      [element('span', { 'aria-hidden': 'true', class: 'run-icon', text: '▶' }), ' Run']);
    cell.editedLabel = element('span', { class: 'edited-label', text: 'edited', hidden: true });
    cell.resetButton = element('button', { type: 'button', class: 'reset-cell', 'aria-label': "Reset cell " + cell.number + " to the lesson's code", text: 'Reset cell', hidden: true });
    section.querySelector('.input').append(element('div', { class: 'cell-tools' }, [cell.runButton, cell.editedLabel, cell.resetButton]));
    cell.runButton.addEventListener('click', function () { request({ kind: 'cell', cell: cell }); });
    cell.resetButton.addEventListener('click', function () { resetCell(cell); cell.editor.focus(); });
    markEdited(cell, saved !== null && saved !== cell.original);
    return cell;
  });

  function markEdited(cell, edited) {
    cell.section.classList.toggle('cell-edited', edited);
    cell.resetButton.hidden = !edited;
    cell.editedLabel.hidden = !edited;
  }

  function resetCell(cell) {
    if (cell.editor.getText() !== cell.original) cell.editor.setText(cell.original);
    markEdited(cell, false);
    save(cell); // removes the key
  }

  function setPrompt(cell, text) { if (cell.prompt) cell.prompt.textContent = text; }

  // data-run on the cell's section: queued, running, ok, error, interrupted, timeout or stopped (for styles and tests).
  function setRunState(cell, state) {
    if (state) cell.section.setAttribute('data-run', state);
    else cell.section.removeAttribute('data-run');
  }

  function outputsOf(cell) {
    var outputs = cell.section.querySelector('.outputs');
    if (!outputs) {
      outputs = element('div', { class: 'outputs' });
      cell.section.querySelector('.input').after(outputs);
    }
    return outputs;
  }

  runAllButton.addEventListener('click', function () { request({ kind: 'all' }); });
  stopButton.addEventListener('click', function () { stop(); });
  resetLessonButton.addEventListener('click', function () {
    if (!window.confirm("Put the lesson's code back in every cell of this lesson? Your edits will be lost.")) return;
    cells.forEach(resetCell);
    if (storage) {
      try {
        for (var i = storage.length - 1; i >= 0; i--) {
          var key = storage.key(i);
          if (key && key.indexOf(storagePrefix) === 0) storage.removeItem(key);
        }
      } catch (e) { /* nothing left to remove */ }
    }
    note(["Every cell has the lesson's code again."]);
  });
  downloadButton.addEventListener('click', function () { downloadNotebook(); });

  // ---------------------------------------------------------------------------------------------------------------
  // The worker

  var worker = null;
  var generation = 0;   // messages from a terminated worker are ignored
  var runtime = { state: 'loading', loaded: 0, total: 0, error: null };
  var requests = [];    // runs asked for while another runs or the runtime loads: {kind: 'cell', cell} or {kind: 'all'}
  var job = null;       // what runs now: {kind, target, steps: [cells], at, startedAt}
  var running = null;   // the cell the worker runs now: {cell, runId, startedAt, executionCount}
  var nextRunId = 1;
  var lastResult = null; // what the status says when nothing runs
  var ticker = null;
  var displays = new Map(); // display id → {cell, nodes: [its elements on the page], entries: [its outputs in cell.result]}

  function startWorker() {
    var mine = ++generation;
    runtime = { state: 'loading', loaded: 0, total: 0, error: null };
    try {
      worker = new Worker(workerUrl, { type: 'module' });
    } catch (e) {
      fail('the worker could not be created (' + (e && e.message || e) + ')');
      return;
    }
    worker.onmessage = function (e) { if (mine === generation) receive(e.data || {}); };
    worker.onerror = function (e) {
      if (mine !== generation) return;
      e.preventDefault();
      fail(e.message || ('assets/runtime/worker.js did not load'));
    };
    worker.postMessage({ type: 'start', lesson: slug });
    render();
  }

  function receive(message) {
    switch (message.type) {
      case 'progress':
        runtime.loaded = message.loaded || 0;
        runtime.total = message.total || 0;
        render();
        break;
      case 'ready':
        runtime.state = 'ready';
        runtime.started = true;
        runtime.readyMs = message.ms;
        render();
        pump();
        break;
      case 'warm':
        main.setAttribute('data-runtime-warm', 'true');
        break;
      case 'fatal':
        fail(message.message || 'the runtime stopped');
        break;
      case 'started':
        if (isCurrent(message)) started(message);
        break;
      case 'output':
        if (isCurrent(message)) output(message);
        break;
      case 'update':
        if (isCurrent(message)) update(message);
        break;
      case 'done':
        if (isCurrent(message)) done(message);
        break;
      default:
        break; // reset-done, or a message this page does not know: nothing to show
    }
  }

  function isCurrent(message) { return running !== null && message.runId === running.runId; }

  // The runtime cannot run anything any more (it did not load, or died).
  function fail(message) {
    runtime.state = 'fatal';
    runtime.error = message;
    if (running) {
      setPrompt(running.cell, '[ ]');
      setRunState(running.cell, 'error');
      running.cell.section.classList.add('cell-failed');
    }
    clearQueue();
    note(['Reload the page to try again.']);
    render();
  }

  // Stop: the worker is single-threaded, so the only way to stop a cell is to end the worker. A new one starts at
  // once; every cell counts as not run, so a cell that needs earlier ones runs them again by itself.
  function stop() {
    if (!running && !job && requests.length === 0) return;
    var stopped = running;
    worker.terminate();
    if (stopped) {
      var after = seconds(now() - stopped.startedAt);
      outputsOf(stopped.cell).append(element('p', { class: 'output output-stopped', text: 'Stopped after ' + after + '.' }));
      if (stopped.cell.result) stopped.cell.result.executionCount = null;
    }
    clearQueue();
    cells.forEach(function (cell) {
      cell.ran = false;
      setPrompt(cell, '[ ]');
      if (cell !== (stopped && stopped.cell)) setRunState(cell, null);
    });
    if (stopped) setRunState(stopped.cell, 'stopped');
    displays.clear();
    lastResult = 'Stopped';
    var why = 'The C# state was reset: earlier cells will run again when needed.';
    note(stopped ? ['Stopped ', cellLink(stopped.cell), ' after ' + after + '. ' + why] : ['Stopped. ' + why]);
    startWorker();
  }

  function clearQueue() {
    if (job) job.steps.forEach(function (cell) { if (cell.section.getAttribute('data-run') === 'queued') setRunState(cell, cell.lastState); });
    requests.forEach(function (r) { if (r.cell && r.cell.section.getAttribute('data-run') === 'queued') setRunState(r.cell, r.cell.lastState); });
    requests = [];
    job = null;
    running = null;
    clearInterval(ticker);
    ticker = null;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Running: requests wait in line; a request becomes a job (its steps: the cells to run, in order).

  function request(r) {
    if (runtime.state === 'fatal') {
      note(['The C# runtime is not available (' + runtime.error + '). Reload the page to try again.']);
      return;
    }
    var waiting = requests.some(function (q) { return q.kind === r.kind && q.cell === r.cell; });
    if (!waiting) requests.push(r);
    if (r.cell && !(running && running.cell === r.cell)) markQueued(r.cell);
    pump();
  }

  function markQueued(cell) {
    var state = cell.section.getAttribute('data-run');
    if (state !== 'queued' && state !== 'running') cell.lastState = state;
    setRunState(cell, 'queued');
  }

  function pump() {
    if (job) return;
    if (runtime.state !== 'ready') {
      if (requests.length && runtime.state === 'loading') note(['The code will run as soon as the C# runtime has loaded.']);
      render();
      return;
    }
    var r = requests.shift();
    if (!r) { render(); return; }
    var steps;
    if (r.kind === 'all') {
      steps = cells.slice();
      note(['Running all ' + cells.length + ' code cells in order.']);
    } else {
      var earlier = cells.filter(function (c) { return c.position < r.cell.position && !c.ran; });
      steps = earlier.concat([r.cell]);
      if (earlier.length) note(['Running ' + cellList(earlier) + ' first: ', cellLink(r.cell), ' needs them.']);
      else note(null);
    }
    steps.forEach(markQueued);
    // What the note says once the job is over: nothing after Run all (the status line says which cells ran), and in
    // the past tense after earlier cells were run first, so a student who looks away still learns why they ran.
    var after = r.kind === 'cell' && earlier.length
      ? [cellList(earlier, true) + ' ran first: ', cellLink(r.cell), ' needs ' + (earlier.length === 1 ? 'it.' : 'them.')]
      : null;
    job = { kind: r.kind, target: r.cell || null, steps: steps, at: 0, startedAt: now(), after: after };
    runNext();
  }

  function runNext() {
    if (job.at >= job.steps.length) {
      var took = duration(now() - job.startedAt);
      lastResult = 'Ready · ' + (job.steps.length === 1 ? 'cell ' + job.steps[0].number + ' ran in ' : cellList(job.steps) + ' ran in ') + took;
      note(job.after);
      job = null;

      pump();
      render();
      return;
    }
    var cell = job.steps[job.at];
    running = { cell: cell, runId: nextRunId++, startedAt: now(), executionCount: null };
    setRunState(cell, 'running');
    worker.postMessage({ type: 'run', runId: running.runId, cell: cell.index, code: cell.editor.getText() });
    clearInterval(ticker);
    ticker = setInterval(render, 100);
    render();
  }

  function started(message) {
    var cell = running.cell;
    running.executionCount = message.executionCount;
    clearOutputs(cell);
    cell.result = { executionCount: null, outputs: [] };
    cell.section.classList.remove('cell-failed', 'cell-not-run');
    setPrompt(cell, '[*]');
  }

  function done(message) {
    var cell = running.cell;
    var count = message.executionCount != null ? message.executionCount : running.executionCount;
    if (!cell.result) cell.result = { executionCount: null, outputs: [] };
    cell.result.executionCount = count != null ? count : null;
    setPrompt(cell, count != null ? '[' + count + ']' : '[ ]');
    // A cell tagged raises-exception fails on purpose (the lesson shows the error): the cells after it still run.
    var ok = message.status === 'ok' || (message.status === 'error' && cell.raisesException);
    cell.ran = ok;
    cell.section.classList.toggle('cell-failed', !ok);
    setRunState(cell, message.status || 'error');
    cell.lastState = message.status;
    running = null;
    clearInterval(ticker);
    ticker = null;
    if (ok) {
      job.at++;
      runNext();
      return;
    }
    lastResult = message.status === 'timeout' ? 'Cell ' + cell.number + ' took too long and was stopped'
      : message.status === 'interrupted' ? 'Cell ' + cell.number + ' was interrupted'
      : 'Cell ' + cell.number + ' failed';
    var left = job.steps.slice(job.at + 1);
    var target = job.target;
    var kind = job.kind;
    var waiting = requests.length;
    clearQueue();
    if (kind === 'all' && left.length) note(['Run all stopped at ', cellLink(cell), ': the cells after it did not run.']);
    else if (kind === 'cell' && target !== cell) note([cellLink(cell, true), ' failed, so ', cellLink(target), ' did not run.']);
    else note(null);
    if (waiting) noteLine.append(' The cells waiting to run did not run.');
    render();
  }

  // The status line, from the state of the runtime and of the running cell.
  function render() {
    var text;
    var time = '';
    if (running) {
      text = 'Running cell ' + running.cell.number + '…';
      time = ' ' + seconds(now() - running.startedAt);
    } else if (runtime.state === 'fatal') {
      text = (runtime.started ? 'The C# runtime stopped: ' : 'The C# runtime could not start: ') + runtime.error;
    } else if (runtime.state === 'loading') {
      text = 'Loading the C# runtime…' + (runtime.total ? ' ' + runtime.loaded + '/' + runtime.total + ' files' : '');
    } else {
      text = lastResult || 'Ready';
    }
    if (statusText.textContent !== text) statusText.textContent = text;
    statusTime.textContent = time;
    stopButton.disabled = !(running || job || requests.length);
    main.setAttribute('data-runtime-state', running ? 'running' : runtime.state);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Outputs

  var chartSerial = 0;

  // The html of an output as nodes. Chart ids are renumbered: the worker's renderer numbers its charts from 1, and
  // the page already has charts of its own.
  function fragmentOf(html) {
    var template = document.createElement('template');
    template.innerHTML = html || '';
    var content = template.content;
    content.querySelectorAll('.chart[data-figure]').forEach(function (chart) {
      var figure = content.getElementById(chart.getAttribute('data-figure'));
      var id = 'chart-run-' + (++chartSerial);
      chart.id = id;
      chart.setAttribute('data-figure', id + '-figure');
      if (figure) figure.id = id + '-figure';
    });
    return content;
  }

  function elementsOf(fragment) {
    return Array.prototype.slice.call(fragment.children);
  }

  // Formulas and charts in new output elements, as site.js does for the exported ones.
  function finish(nodes) {
    if (!window.DescentSite) return;
    nodes.forEach(function (node) {
      window.DescentSite.typeset(node);
      window.DescentSite.drawCharts(node);
    });
  }

  // Frees plotly.js's memory for the charts in an element that leaves the page.
  function release(node) {
    if (typeof Plotly === 'undefined' || !node.querySelectorAll) return;
    var charts = Array.prototype.slice.call(node.querySelectorAll('.chart'));
    if (node.matches && node.matches('.chart')) charts.push(node);
    charts.forEach(function (chart) { if (chart._fullLayout) Plotly.purge(chart); });
  }

  function clearOutputs(cell) {
    var outputs = cell.section.querySelector('.outputs');
    if (outputs) {
      Array.prototype.slice.call(outputs.children).forEach(release);
      outputs.replaceChildren();
    }
    displays.forEach(function (record, id) { if (record.cell === cell) displays.delete(id); });
  }

  function isStream(el) { return el && el.tagName === 'PRE' && el.classList.contains('output-stream') && !el.hasAttribute('data-display-id'); }

  // The nbformat output as a notebook file keeps it: no transient part (a display id lives only in a session).
  function notebookOutput(output) {
    if (!output || typeof output !== 'object') return null;
    var copy = JSON.parse(JSON.stringify(output));
    delete copy.transient;
    if (copy.output_type === 'update_display_data') copy.output_type = 'display_data';
    return copy;
  }

  function isStreamOutput(output) { return !!output && output.output_type === 'stream'; }

  // nbformat multiline text: a string or a list of lines.
  function textOf(text) { return Array.isArray(text) ? text.join('') : String(text || ''); }

  function displayIdOf(message, nodes) {
    if (message.displayId) return String(message.displayId);
    var o = message.output;
    if (o && o.transient && o.transient.display_id) return String(o.transient.display_id);
    for (var i = 0; i < nodes.length; i++) {
      var marked = nodes[i].hasAttribute('data-display-id') ? nodes[i] : nodes[i].querySelector('[data-display-id]');
      if (marked) return marked.getAttribute('data-display-id');
    }
    return null;
  }

  function output(message) {
    var cell = running.cell;
    if (!cell.result) cell.result = { executionCount: null, outputs: [] };
    var outputs = outputsOf(cell);
    var fragment = fragmentOf(message.html);
    var nodes = elementsOf(fragment);
    var last = outputs.lastElementChild;
    if (nodes.length === 1 && isStream(nodes[0]) && isStream(last) && last.className === nodes[0].className) {
      last.append(nodes[0].textContent); // consecutive prints read as one block, as in the exported page
      nodes = [];
    } else {
      outputs.append(fragment);
    }
    var entry = { output: notebookOutput(message.output) };
    var previous = cell.result.outputs[cell.result.outputs.length - 1];
    if (isStreamOutput(entry.output) && previous && isStreamOutput(previous.output) && previous.output.name === entry.output.name) {
      // The worker sends console text as it is flushed; the notebook keeps consecutive prints as one stream output,
      // as `descent run` (and Jupyter) save them.
      previous.output.text = sourceLines(textOf(previous.output.text) + textOf(entry.output.text));
    } else if (entry.output) {
      cell.result.outputs.push(entry);
    }
    var displayId = displayIdOf(message, nodes);
    if (displayId) {
      var record = displays.get(displayId);
      if (!record) displays.set(displayId, record = { cell: cell, nodes: [], entries: [] });
      record.nodes = record.nodes.concat(nodes);
      record.entries.push(entry);
    }
    finish(nodes);
  }

  // display(x).Update(y): the element with the display's data-display-id is replaced; if the page cannot find one,
  // the elements its first output put on the page are.
  function update(message) {
    var id = String(message.displayId);
    var record = displays.get(id);
    var fresh = [];
    var marked = Array.prototype.slice.call(main.querySelectorAll('[data-display-id="' + CSS.escape(id) + '"]'));
    if (marked.length) {
      marked.forEach(function (el) {
        var fragment = fragmentOf(message.html);
        fresh = fresh.concat(elementsOf(fragment));
        release(el);
        el.replaceWith(fragment);
      });
    } else if (record && record.nodes.length) {
      var fragment = fragmentOf(message.html);
      fresh = elementsOf(fragment);
      record.nodes[0].before(fragment);
      record.nodes.forEach(function (node) { release(node); node.remove(); });
    } else {
      return; // a display this page never showed (it was cleared by a new run of its cell, or by Stop)
    }
    if (record) {
      record.nodes = fresh;
      var replacement = notebookOutput(message.output);
      if (replacement) record.entries.forEach(function (entry) { entry.output = replacement; });
    }
    finish(fresh);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // The lesson's notebook: its raises-exception tags now, and "Download my notebook" later.

  function fetchNotebook() {
    return fetch(notebookFile, { cache: 'no-cache' }).then(function (response) {
      if (!response.ok) throw new Error(notebookFile + ': HTTP ' + response.status);
      return response.json();
    });
  }

  fetchNotebook().then(function (notebook) {
    cells.forEach(function (cell) {
      var source = notebook.cells && notebook.cells[cell.index];
      var tags = source && source.metadata && source.metadata.tags;
      cell.raisesException = Array.isArray(tags) && tags.indexOf('raises-exception') >= 0;
    });
  }, function () { /* the download says what is wrong, if the student asks for it */ });

  // The source of a cell as nbformat keeps it: lines, each with its "\n" except the last.
  function sourceLines(text) {
    var lines = [];
    var start = 0;
    for (var i = 0; i < text.length; i++) {
      if (text[i] === '\n') { lines.push(text.slice(start, i + 1)); start = i + 1; }
    }
    if (start < text.length) lines.push(text.slice(start));
    return lines;
  }

  // Objects with sorted keys, as `descent` writes notebooks (sorted keys, one-space indent, final newline).
  function sorted(value) {
    if (Array.isArray(value)) return value.map(sorted);
    if (value && typeof value === 'object') {
      var copy = {};
      Object.keys(value).sort().forEach(function (key) { copy[key] = sorted(value[key]); });
      return copy;
    }
    return value;
  }

  // The lesson's notebook with the student's code: a cell run on this page gets the outputs it produced here and its
  // execution count; a cell not run keeps the lesson's outputs if its code is the lesson's, and has none otherwise.
  function downloadNotebook() {
    saveAllNow();
    downloadButton.disabled = true;
    fetchNotebook().then(function (notebook) {
      cells.forEach(function (cell) {
        var c = notebook.cells && notebook.cells[cell.index];
        if (!c || c.cell_type !== 'code') throw new Error(notebookFile + ' does not match this page (its cell ' + cell.number + ' is not a code cell)');
      });
      cells.forEach(function (cell) {
        var c = notebook.cells[cell.index];
        var text = cell.editor.getText();
        var lessonSource = (Array.isArray(c.source) ? c.source.join('') : String(c.source || '')).replace(/\r\n?/g, '\n');
        var unchanged = text === lessonSource;
        if (!unchanged) c.source = sourceLines(text);
        if (cell.result) {
          c.outputs = cell.result.outputs.map(function (entry) { return entry.output; });
          c.execution_count = cell.result.executionCount;
        } else if (!unchanged) {
          c.outputs = [];
          c.execution_count = null;
        }
      });
      var json = JSON.stringify(sorted(notebook), null, 1) + '\n';
      var link = element('a', { href: URL.createObjectURL(new Blob([json], { type: 'application/x-ipynb+json' })), download: slug + '.ipynb', hidden: true });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(function () { URL.revokeObjectURL(link.href); }, 60000);
    }).catch(function (e) {
      note(['Your notebook could not be made: ' + (e && e.message || e) + '.']);
    }).then(function () {
      downloadButton.disabled = false;
    });
  }

  // ---------------------------------------------------------------------------------------------------------------

  startWorker();
  main.setAttribute('data-runtime-ui', 'editors');
})();
