// The browser-runtime benchmark: playwright-core (pinned in package-lock.json) drives Debian's Chromium against a site
// exported with `descent export --runtime` and served by `descent serve`. bench/browser/run.sh builds the site, starts
// the server, runs the desktop engine (`descent run`) for the ratios and then this script; see bench/README.md.
//
//   node bench.mjs --base http://127.0.0.1:PORT/ --site DIR --out FILE.json
//                  [--descent DESCENT.dll --notebooks DIR --desktop-dir DIR]
//                  [--runs 5] [--trivial 30] [--lesson 01-minimizing-a-function] [--only 01,07] [--chromium PATH]
// With --descent, each lesson runs on the desktop engine (`dotnet DESCENT.dll run --no-build NOTEBOOK`, a process of its
// own, as each lesson page has a worker of its own) right before it runs in the browser, so that the two times of a
// ratio are taken a few seconds apart, under the same load.
//
// Every time is taken inside the page with performance.now() (status text and cell states watched by a
// MutationObserver installed before the page's own scripts), so Playwright's round trips are not in the figures.
// Nothing leaves the machine: Chromium resolves no host but localhost/127.0.0.1 (--host-resolver-rules), every request
// is watched, and every phase whose figure does not need the HTTP cache also aborts non-local requests with
// context.route (Playwright's routing disables Chromium's HTTP cache, so the warm-load phase cannot use it). Any
// request to another host fails the benchmark. Exit code: 0 measured (targets met or not), 1 a step failed.

import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// ---------------------------------------------------------------------------------------------------------------------
// Arguments

function parseArgs(argv) {
  const args = { runs: 5, trivial: 30, lesson: null, only: null, chromium: '/usr/bin/chromium' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    switch (a) {
      case '--base': args.base = value(); break;
      case '--site': args.site = value(); break;
      case '--descent': args.descent = value(); break;
      case '--notebooks': args.notebooks = value(); break;
      case '--desktop-dir': args.desktopDir = value(); break;
      case '--out': args.out = value(); break;
      case '--runs': args.runs = Number(value()); break;
      case '--trivial': args.trivial = Number(value()); break;
      case '--lesson': args.lesson = value(); break;
      case '--only': args.only = value().split(',').filter(Boolean); break;
      case '--chromium': args.chromium = value(); break;
      default: throw new Error(`unknown argument ${a}`);
    }
  }
  for (const required of ['base', 'site', 'out']) if (!args[required]) throw new Error(`--${required} is required`);
  if (!(args.runs >= 1) || !(args.trivial >= 1)) throw new Error('--runs and --trivial take a positive number');
  if (!args.base.endsWith('/')) args.base += '/';
  if (args.descent && !(args.notebooks && args.desktopDir)) throw new Error('--descent needs --notebooks and --desktop-dir');
  return args;
}

// ---------------------------------------------------------------------------------------------------------------------
// Timeouts per step (milliseconds)

const TIMEOUT = {
  launch: 60_000,
  navigation: 60_000,
  ready: 120_000,
  cell: 120_000,
  trivialCell: 30_000,
  runAll: 300_000,
  desktopRun: 600_000,
};

// ---------------------------------------------------------------------------------------------------------------------
// Small helpers

function median(xs) {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function percentile(xs, p) {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

function ms(x) { return !Number.isFinite(x) ? '-' : x < 1000 ? `${Math.round(x)} ms` : `${(x / 1000).toFixed(2)} s`; }
function mb(bytes) { return `${(bytes / 1e6).toFixed(1)} MB`; }
function log(message) { process.stderr.write(`[bench/browser ${new Date().toISOString().slice(11, 19)}] ${message}\n`); }

class StepError extends Error {}

// Runs a step with a time limit and a message that says which step did not finish.
async function step(name, timeoutMs, fn) {
  let timer;
  try {
    return await Promise.race([
      fn(),
      new Promise((_, reject) => { timer = setTimeout(() => reject(new StepError(`${name}: no result after ${timeoutMs / 1000} s`)), timeoutMs); }),
    ]);
  } catch (e) {
    if (e instanceof StepError) throw e;
    throw new StepError(`${name}: ${e && e.message ? e.message.split('\n')[0] : e}`);
  } finally {
    clearTimeout(timer);
  }
}

function isLocal(url) {
  let u;
  try { u = new URL(url); } catch { return true; }
  if (u.protocol === 'data:' || u.protocol === 'blob:' || u.protocol === 'about:') return true;
  return u.hostname === '127.0.0.1' || u.hostname === 'localhost' || u.hostname === '[::1]';
}

// ---------------------------------------------------------------------------------------------------------------------
// In the page: a record of the status line (text, time), of the worker's "warm" mark, installed before notebook.js.

// With runOnReady (a cell's selector), the probe itself clicks that cell's Run button the moment the status line first
// reads "Ready" and records when the cell is done (firstRun), so "right after Ready" has no round trip in it.
const PAGE_PROBE = (config) => {
  const probe = { log: [], readyAt: null, warmAt: null, fatal: null, firstRun: null };
  window.__descentBench = probe;
  const runOnReady = config && config.runOnReady;
  const check = () => {
    const el = document.querySelector('.runtime-status-text');
    if (el) {
      const text = el.textContent;
      const last = probe.log[probe.log.length - 1];
      if (!last || last.text !== text) {
        const t = performance.now();
        probe.log.push({ t, text });
        if (probe.fatal === null && /^The C# runtime (could not start|stopped)/.test(text)) probe.fatal = text;
        if (probe.readyAt === null && /^Ready/.test(text)) {
          probe.readyAt = t;
          const button = runOnReady && document.querySelector(runOnReady + ' button.run-cell');
          if (runOnReady) {
            probe.firstRun = { clickedAt: performance.now(), doneAt: null, state: button ? null : 'missing' };
            if (button) button.click();
          }
        }
      }
    }
    if (probe.firstRun && probe.firstRun.doneAt === null && probe.firstRun.state === null) {
      const state = document.querySelector(runOnReady).getAttribute('data-run');
      if (state && state !== 'queued' && state !== 'running') { probe.firstRun.state = state; probe.firstRun.doneAt = performance.now(); }
    }
    if (probe.warmAt === null && document.querySelector('main[data-runtime-warm]')) probe.warmAt = performance.now();
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['data-runtime-warm', 'data-run'] });
};

// Clicks a cell's Run button inside the page and resolves when the cell has finished: its state (data-run), the time
// to its first new output and to the end of the run, both from the click.
const RUN_CELL = ({ selector, timeoutMs }) => new Promise((resolve) => {
  const section = document.querySelector(selector);
  if (!section) { resolve({ state: 'missing', error: `no ${selector} on the page` }); return; }
  const button = section.querySelector('button.run-cell');
  if (!button) { resolve({ state: 'missing', error: `${selector} has no Run button` }); return; }
  const before = new Set(section.querySelector('.outputs') ? section.querySelector('.outputs').children : []);
  let firstOutput = null;
  let t0 = 0;
  let startedAt = 0;
  let finished = false;
  const finish = (result) => {
    if (finished) return;
    finished = true;
    observer.disconnect();
    clearTimeout(timer);
    const outputs = section.querySelector('.outputs');
    resolve(Object.assign({ firstOutput, clickedAt: startedAt, text: outputs ? outputs.textContent.trim().slice(0, 200) : '' }, result));
  };
  const check = () => {
    const outputs = section.querySelector('.outputs');
    if (firstOutput === null && outputs) {
      for (const child of outputs.children) if (!before.has(child)) { firstOutput = performance.now() - t0; break; }
    }
    const state = section.getAttribute('data-run');
    if (state && state !== 'queued' && state !== 'running') finish({ state, done: performance.now() - t0 });
  };
  const observer = new MutationObserver(check);
  observer.observe(section, { subtree: true, childList: true, characterData: true, attributes: true });
  const timer = setTimeout(() => finish({ state: 'timeout' }), timeoutMs);
  t0 = performance.now();
  startedAt = t0;
  button.click(); // synchronously queues the cell and starts it (data-run: queued, then running)
});

// ---------------------------------------------------------------------------------------------------------------------
// The browser

const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-default-apps', '--disable-extensions',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
];

class Session {
  // A browser with its own profile folder (fresh unless given one), the network watched and, with guard, routed.
  static async open(args, { profile, guard, label, runOnReady = null }) {
    const s = new Session();
    s.label = label;
    s.profile = profile || fs.mkdtempSync(path.join(os.tmpdir(), 'descent-bench-profile-'));
    s.ownsProfile = !profile;
    s.offsite = [];
    s.consoleErrors = [];
    s.transfers = [];
    s.routed = 0;
    s.context = await step(`${label}: start ${args.chromium}`, TIMEOUT.launch, () => chromium.launchPersistentContext(s.profile, {
      executablePath: args.chromium, headless: true, args: CHROMIUM_ARGS, viewport: { width: 1280, height: 900 },
      serviceWorkers: 'block', acceptDownloads: false,
    }));
    s.context.setDefaultTimeout(TIMEOUT.navigation);
    await s.context.addInitScript(PAGE_PROBE, { runOnReady });
    s.context.on('request', (request) => { if (!isLocal(request.url())) s.offsite.push(request.url()); });
    s.context.on('requestfinished', async (request) => {
      try {
        const sizes = await request.sizes();
        const response = await request.response();
        const headers = response ? await response.allHeaders() : {};
        s.transfers.push({
          url: request.url(), status: response ? response.status() : 0, encoding: headers['content-encoding'] || null,
          body: sizes.responseBodySize, headers: sizes.responseHeadersSize, fromCache: response ? response.fromServiceWorker() : false,
        });
      } catch { /* the page went away */ }
    });
    if (guard) {
      await s.context.route('**/*', (route) => {
        const url = route.request().url();
        s.routed++;
        if (isLocal(url)) return route.continue();
        s.offsite.push(url);
        return route.abort('blockedbyclient');
      });
    }
    s.page = s.context.pages()[0] || await s.context.newPage();
    s.page.on('console', (m) => { if (m.type() === 'error') s.consoleErrors.push(m.text()); });
    s.page.on('pageerror', (e) => s.consoleErrors.push(String(e && e.message || e)));
    return s;
  }

  problems() {
    const lines = [];
    if (this.consoleErrors.length) lines.push(`console: ${this.consoleErrors.slice(0, 5).join(' | ')}`);
    return lines.join('; ');
  }

  assertStayedLocal() {
    if (this.offsite.length) {
      throw new StepError(`${this.label}: the page asked for ${this.offsite.length} address(es) outside localhost, e.g. ${[...new Set(this.offsite)].slice(0, 5).join(', ')}`);
    }
  }

  async close() {
    try { await this.context.close(); } catch { /* already gone */ }
    if (this.ownsProfile) fs.rmSync(this.profile, { recursive: true, force: true });
  }
}

// Navigates (or reloads) and waits for the status line to read Ready; the times are from the navigation's start.
async function loadToReady(session, url, { reload = false, label }) {
  const page = session.page;
  await step(`${label}: ${reload ? 'reload' : 'open'} ${url}`, TIMEOUT.navigation, async () => {
    const response = reload ? await page.reload({ waitUntil: 'commit' }) : await page.goto(url, { waitUntil: 'commit' });
    if (response && !response.ok() && response.status() !== 304) throw new Error(`HTTP ${response.status()} for ${url}`);
  });
  await step(`${label}: the status line never read "Ready" (${session.problems()})`, TIMEOUT.ready, async () => {
    const handle = await page.waitForFunction(() => {
      const p = window.__descentBench;
      return p && (p.readyAt !== null || p.fatal !== null) ? { readyAt: p.readyAt, fatal: p.fatal } : null;
    }, null, { polling: 50, timeout: TIMEOUT.ready });
    const r = await handle.jsonValue();
    if (r.fatal) throw new Error(r.fatal);
  });
  session.assertStayedLocal();
  return page.evaluate(() => ({
    readyAt: window.__descentBench.readyAt,
    warmAt: window.__descentBench.warmAt,
    domContentLoaded: performance.getEntriesByType('navigation')[0]?.domContentLoadedEventEnd ?? null,
    status: document.querySelector('.runtime-status-text')?.textContent ?? null,
  }));
}

async function runCell(session, selector, label, timeoutMs = TIMEOUT.cell) {
  const r = await step(`${label}: ${selector}`, timeoutMs + 5_000, () => session.page.evaluate(RUN_CELL, { selector, timeoutMs }));
  if (r.state !== 'ok') throw new StepError(`${label}: ${selector} ended "${r.state}"${r.error ? ` (${r.error})` : ''}; outputs: ${r.text || '(none)'}; ${session.problems()}`);
  return r;
}

async function waitForWarm(session, label) {
  await step(`${label}: the worker never reported Roslyn warm (data-runtime-warm)`, TIMEOUT.ready, () =>
    session.page.waitForFunction(() => window.__descentBench && window.__descentBench.warmAt !== null, null, { polling: 100, timeout: TIMEOUT.ready }));
}

// ---------------------------------------------------------------------------------------------------------------------
// Sizes on disk

function runtimeSizes(siteDir) {
  const root = path.join(siteDir, 'assets', 'runtime');
  if (!fs.existsSync(root)) throw new StepError(`${root} does not exist: was the site exported with --runtime?`);
  let raw = 0, brotliOrRaw = 0, files = 0;
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) { walk(full); continue; }
      if (/\.(br|gz)$/.test(entry.name)) continue;
      const size = fs.statSync(full).size;
      raw += size;
      files++;
      const br = full + '.br';
      brotliOrRaw += fs.existsSync(br) ? fs.statSync(br).size : size;
    }
  };
  walk(root);
  return { files, raw, brotliOrRaw };
}

// ---------------------------------------------------------------------------------------------------------------------
// The desktop engine's time for one lesson: `descent run --no-build` of that notebook in a process of its own; the
// time is the one its summary table prints (the notebook's run, engine start included, process start and build not),
// and the executed copy's cells' total (Jupyter timing metadata) is kept beside it.

function desktopRun(args, lesson) {
  const notebook = path.join(args.notebooks, lesson + '.ipynb');
  if (!fs.existsSync(notebook)) throw new StepError(`desktop run: there is no ${notebook} for the page ${lesson}.html`);
  const out = path.join(args.desktopDir, lesson);
  fs.rmSync(out, { recursive: true, force: true });
  return step(`desktop run of ${lesson}`, TIMEOUT.desktopRun, () => new Promise((resolve, reject) => {
    const child = spawn('dotnet', [args.descent, 'run', '--no-build', '--out', out, notebook], { stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    child.stdout.on('data', (d) => { text += d; });
    child.stderr.on('data', (d) => { text += d; });
    child.on('error', reject);
    child.on('close', (code) => {
      fs.mkdirSync(out, { recursive: true });
      fs.writeFileSync(path.join(out, 'run.log'), text);
      if (code !== 0) { reject(new Error(`descent run exited ${code}: ${text.split('\n').slice(-15).join('\n')}`)); return; }
      let time = null;
      for (const line of text.split('\n')) {
        const m = /^(\S+\.ipynb)\s+(\d+)\/(\d+)\s+(.*?)\s+(\d+\.\d+) s\s*$/.exec(line);
        if (m) time = { notebookMs: Number(m[5]) * 1000, cells: Number(m[3]), status: m[4].trim() };
      }
      if (!time) { reject(new Error(`no summary line for ${lesson} in descent run's output (${path.join(out, 'run.log')})`)); return; }
      const executed = path.join(out, lesson + '.ipynb');
      if (fs.existsSync(executed)) {
        let total = 0;
        for (const cell of JSON.parse(fs.readFileSync(executed, 'utf8')).cells) {
          const e = cell.metadata && cell.metadata.execution;
          if (e) total += Date.parse(e['iopub.status.idle']) - Date.parse(e['iopub.execute_input']);
        }
        time.cellsMs = total;
      }
      resolve(time);
    });
  }));
}

// ---------------------------------------------------------------------------------------------------------------------
// The phases

async function coldLoads(args, url, results) {
  results.cold = [];
  for (let i = 1; i <= args.runs; i++) {
    const label = `cold load ${i}/${args.runs}`;
    log(label);
    const s = await Session.open(args, { guard: true, label, runOnReady: results.firstCell });
    try {
      const r = await loadToReady(s, url, { label });
      // Right after Ready (clicked by the page probe): the first code cell (the lesson's setup, #r lines, no output),
      // then the first cell with an output (its earlier cells run first).
      const first = await step(`${label}, first code cell clicked at Ready: not done (${s.problems()})`, TIMEOUT.cell, async () => {
        const handle = await s.page.waitForFunction(() => {
          const f = window.__descentBench.firstRun;
          return f && f.state !== null ? { state: f.state, done: f.doneAt === null ? null : f.doneAt - f.clickedAt, clickedAt: f.clickedAt } : null;
        }, null, { polling: 50, timeout: TIMEOUT.cell });
        return handle.jsonValue();
      });
      if (first.state !== 'ok') throw new StepError(`${label}: the first code cell, clicked at Ready, ended "${first.state}"; ${s.problems()}`);
      let firstOutput = null;
      if (results.firstOutputCell && results.firstOutputCell !== results.firstCell) {
        firstOutput = await runCell(s, results.firstOutputCell, `${label}, first cell with an output`);
      }
      s.assertStayedLocal();
      const warmAt = await s.page.evaluate(() => window.__descentBench.warmAt);
      const runtime = s.transfers.filter((t) => new URL(t.url).pathname.includes('/assets/runtime/'));
      const sum = (xs, f) => xs.reduce((a, t) => a + f(t), 0);
      results.cold.push({
        readyMs: r.readyAt, warmMs: warmAt, domContentLoadedMs: r.domContentLoaded,
        firstCellClickedAfterReadyMs: first.clickedAt - r.readyAt, firstCellMs: first.done, firstOutputCellMs: firstOutput ? (firstOutput.firstOutput ?? firstOutput.done) : null,
        requests: s.transfers.length, routedRequests: s.routed,
        transferredBytes: sum(s.transfers, (t) => Math.max(0, t.body) + Math.max(0, t.headers)),
        runtimeRequests: runtime.length,
        runtimeBodyBytes: sum(runtime, (t) => Math.max(0, t.body)),
        runtimeBrotliBodyBytes: sum(runtime.filter((t) => t.encoding === 'br'), (t) => Math.max(0, t.body)),
        runtimeNotBrotli: runtime.filter((t) => t.encoding !== 'br').map((t) => `${new URL(t.url).pathname} (${t.encoding || 'identity'}, ${t.body} B)`),
      });
      log(`  ready ${ms(r.readyAt)}, first cell ${ms(first.done)}, runtime ${mb(results.cold.at(-1).runtimeBodyBytes)} over ${runtime.length} requests`);
    } finally {
      await s.close();
    }
  }
}

async function warmLoads(args, url, results) {
  // No routing here (it would disable the HTTP cache): the host resolver and the request watch keep it local.
  const label = 'warm loads';
  log(`${label}: priming a fresh profile`);
  const s = await Session.open(args, { guard: false, label });
  try {
    const prime = await loadToReady(s, url, { label: `${label}, priming load` });
    await waitForWarm(s, `${label}, priming load`);
    results.primingLoad = { readyMs: prime.readyAt, warmMs: await s.page.evaluate(() => window.__descentBench.warmAt) };
    results.warm = [];
    for (let i = 1; i <= args.runs; i++) {
      s.transfers.length = 0;
      const r = await loadToReady(s, url, { reload: true, label: `warm load ${i}/${args.runs}` });
      await waitForWarm(s, `warm load ${i}/${args.runs}`);
      const w = await s.page.evaluate(() => window.__descentBench.warmAt);
      const sum = s.transfers.reduce((a, t) => a + Math.max(0, t.body) + Math.max(0, t.headers), 0);
      results.warm.push({ readyMs: r.readyAt, warmMs: w, requests: s.transfers.length, transferredBytes: sum });
      log(`  warm load ${i}: ready ${ms(r.readyAt)}, ${s.transfers.length} requests, ${mb(sum)} transferred`);
    }

    // The trivial cell, on the last warm page: the first code cell's text becomes `1 + 1` (through the cell's editor,
    // as typing would), and it runs again and again (no earlier cell to run first).
    log(`trivial cell: \`1 + 1\` x ${args.trivial}`);
    await runCell(s, results.firstCell, 'trivial cell, the setup run');
    const set = await s.page.evaluate((selector) => {
      const holder = document.querySelector(selector + ' .editor');
      if (!holder || !holder.descentEditor) return false;
      holder.descentEditor.setText('1 + 1');
      return holder.descentEditor.getText() === '1 + 1';
    }, results.firstCell);
    if (!set) throw new StepError(`trivial cell: could not set the text of ${results.firstCell} through its editor (.editor.descentEditor)`);
    results.trivial = [];
    for (let i = 0; i < args.trivial; i++) {
      const r = await runCell(s, results.firstCell, `trivial cell run ${i + 1}`, TIMEOUT.trivialCell);
      if (!/\b2\b/.test(r.text)) throw new StepError(`trivial cell: \`1 + 1\` printed "${r.text}", not 2`);
      results.trivial.push({ outputMs: r.firstOutput, doneMs: r.done });
      await s.page.waitForTimeout(50);
    }
    s.assertStayedLocal();
  } finally {
    await s.close();
  }
}

async function runAll(args, lessons, results) {
  results.lessons = [];
  const s = await Session.open(args, { guard: true, label: 'run all' });
  try {
    for (const lesson of lessons) {
      const label = `run all ${lesson}`;
      let d = {};
      if (args.descent) {
        log(`desktop run ${lesson}`);
        d = await desktopRun(args, lesson);
      }
      log(label);
      const url = args.base + lesson + '.html';
      const r = await loadToReady(s, url, { label });
      const codeCells = await s.page.evaluate(() => document.querySelectorAll('main section.cell-code button.run-cell').length);
      const outcome = await step(`${label}: Run all did not finish (${s.problems()})`, TIMEOUT.runAll, async () => {
        const t0 = await s.page.evaluate(() => { const t = performance.now(); document.querySelector('button.run-all').click(); return t; });
        const handle = await s.page.waitForFunction((t0) => {
          const p = window.__descentBench;
          const end = p.log.find((e) => e.t >= t0 && /^(Ready · |Cell \d+ (failed|took too long|was interrupted)|Stopped|The C# runtime)/.test(e.text));
          return end ? { ms: end.t - t0, status: end.text } : null;
        }, t0, { polling: 100, timeout: TIMEOUT.runAll });
        return handle.jsonValue();
      });
      const states = await s.page.evaluate(() => [...document.querySelectorAll('main section.cell-code[data-run]')].map((e) => e.getAttribute('data-run')));
      const ok = /^Ready · /.test(outcome.status);
      s.assertStayedLocal();
      results.lessons.push({
        lesson, codeCells, browserReadyMs: r.readyAt, browserRunAllMs: outcome.ms, status: outcome.status,
        cellsOk: states.filter((x) => x === 'ok').length, cellsError: states.filter((x) => x === 'error').length,
        desktopMs: d.notebookMs ?? null, desktopCellsMs: d.cellsMs ?? null, desktopStatus: d.status ?? null,
        ratio: d.notebookMs ? outcome.ms / d.notebookMs : null,
      });
      log(`  ${ok ? '' : 'FAILED: '}${outcome.status}; run all ${ms(outcome.ms)}, desktop ${ms(d.notebookMs)}`);
      if (!ok) {
        const why = await s.page.evaluate(() => [...document.querySelectorAll('main section.cell-code.cell-failed')]
          .map((e) => `${e.id}: ${(e.querySelector('.outputs .output-error') || e.querySelector('.outputs') || { textContent: '(no output)' }).textContent.trim().slice(0, 300)}`).join(' | '));
        throw new StepError(`${label}: ${outcome.status}: ${why}; ${s.problems()}`);
      }
    }
  } finally {
    await s.close();
  }
}

// ---------------------------------------------------------------------------------------------------------------------
// The report

function report(results) {
  const rows = [];
  const target = (ok) => (ok === null ? '' : ok ? 'met' : '**not met**');
  const cold = results.cold || [];
  const warm = results.warm || [];
  const trivial = results.trivial || [];
  const sizes = results.runtimeOnDisk;
  const coldBrotli = median(cold.map((c) => c.runtimeBodyBytes));
  const TARGET = results.targets;

  rows.push(['runtime download, cold load (bytes on the wire, runtime files)', cold.length ? `${mb(coldBrotli)} (${median(cold.map((c) => c.runtimeRequests))} requests; whole page ${mb(median(cold.map((c) => c.transferredBytes)))})` : '-', `≤ ${mb(TARGET.downloadBytes)} Brotli`, cold.length ? target(coldBrotli <= TARGET.downloadBytes) : '']);
  rows.push(['runtime on disk (assets/runtime, raw; Brotli siblings)', `${mb(sizes.raw)} in ${sizes.files} files; ${mb(sizes.brotliOrRaw)} as .br`, '', '']);
  const coldReady = median(cold.map((c) => c.readyMs));
  rows.push([`cold load to Ready (fresh profile), median of ${cold.length}`, `${ms(coldReady)} (${cold.map((c) => ms(c.readyMs)).join(', ')})`, `< ${ms(TARGET.coldReadyMs)}`, cold.length ? target(coldReady < TARGET.coldReadyMs) : '']);
  const warmReady = median(warm.map((c) => c.readyMs));
  rows.push([`warm load to Ready (same profile, reload), median of ${warm.length}`, `${ms(warmReady)} (${warm.map((c) => ms(c.readyMs)).join(', ')}; ${mb(median(warm.map((c) => c.transferredBytes)))} transferred)`, `< ${ms(TARGET.warmReadyMs)}`, warm.length ? target(warmReady < TARGET.warmReadyMs) : '']);
  const warmup = (xs) => median(xs.filter((c) => c.warmMs !== null).map((c) => c.warmMs - c.readyMs));
  rows.push(['  Ready to Roslyn warm (data-runtime-warm), cold / warm loads', `${ms(warmup(cold))} / ${ms(warmup(warm))}`, '', '']);
  const first = median(cold.map((c) => c.firstCellMs));
  rows.push([`first code cell (setup, \`#r\`) clicked at Ready (cold loads), to its result, median of ${cold.length}`, `${ms(first)} (${cold.map((c) => ms(c.firstCellMs)).join(', ')})`, `< ${ms(TARGET.firstCellMs)}`, cold.length ? target(first < TARGET.firstCellMs) : '']);
  if (cold.some((c) => c.firstOutputCellMs !== null)) rows.push([`  then the first cell with an output (${results.firstOutputCell}), click to output`, ms(median(cold.map((c) => c.firstOutputCellMs))), '', '']);
  const triv = median(trivial.map((t) => t.outputMs ?? t.doneMs));
  rows.push([`trivial cell \`1 + 1\`, click to output, median of ${trivial.length}`, `${ms(triv)} (p90 ${ms(percentile(trivial.map((t) => t.outputMs ?? t.doneMs), 90))})`, `< ${ms(TARGET.trivialCellMs)}`, trivial.length ? target(triv < TARGET.trivialCellMs) : '']);

  const out = [];
  out.push('| measure | figure | target | met |');
  out.push('|---|---|---|---|');
  for (const r of rows) out.push(`| ${r.join(' | ')} |`);
  out.push('');
  out.push('| lesson | cells | browser Run all | desktop `descent run` | ratio | target | met |');
  out.push('|---|---|---|---|---|---|---|');
  for (const l of results.lessons || []) {
    const ratio = l.ratio === null ? '-' : `${l.ratio.toFixed(1)}×`;
    out.push(`| ${l.lesson} | ${l.codeCells} | ${ms(l.browserRunAllMs)} | ${ms(l.desktopMs)} | ${ratio} | ≤ ${TARGET.runAllRatio}× | ${l.ratio === null ? 'no desktop time' : target(l.ratio <= TARGET.runAllRatio)} |`);
  }
  const lessons = results.lessons || [];
  if (lessons.length) {
    const worst = Math.max(...lessons.map((l) => l.ratio ?? Infinity));
    const desktopSum = lessons.every((l) => l.desktopMs) ? lessons.reduce((a, l) => a + l.desktopMs, 0) : NaN;
    out.push(`| **every lesson** | ${lessons.reduce((a, l) => a + l.codeCells, 0)} | ${ms(lessons.reduce((a, l) => a + l.browserRunAllMs, 0))} | ${ms(desktopSum)} | worst ${Number.isFinite(worst) ? worst.toFixed(1) + '×' : '-'} | ≤ ${TARGET.runAllRatio}× | ${target(worst <= TARGET.runAllRatio)} |`);
  }
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------------------------------------

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (!fs.existsSync(args.chromium)) throw new StepError(`${args.chromium} is not installed (apt-get install chromium), or give --chromium PATH`);
  const started = new Date();
  const lessons = fs.readdirSync(args.site).filter((f) => /\.html$/.test(f) && f !== 'index.html').map((f) => f.replace(/\.html$/, '')).sort()
    .filter((l) => !args.only || args.only.some((o) => l.startsWith(o)));
  if (lessons.length === 0) throw new StepError(`${args.site} has no lesson pages${args.only ? ` matching --only ${args.only.join(',')}` : ''}`);
  const lesson = args.lesson || lessons[0];
  const url = args.base + lesson + '.html';

  const results = {
    started: started.toISOString(), measured: process.env.DESCENT_BENCH_COMMIT || null, base: args.base, lesson, runs: args.runs, trivialRuns: args.trivial,
    chromium: args.chromium, loadAverage: fs.readFileSync('/proc/loadavg', 'utf8').trim(), cpus: os.cpus().length,
    targets: { warmReadyMs: 1500, coldReadyMs: 5000, firstCellMs: 1000, trivialCellMs: 100, runAllRatio: 5, downloadBytes: 12e6 },
    runtimeOnDisk: runtimeSizes(args.site),
  };

  // The lesson page's code cells: the first one, and the first with an output in the exported page.
  const probe = await Session.open(args, { guard: true, label: 'probe' });
  try {
    await step(`open ${url}`, TIMEOUT.navigation, async () => {
      const response = await probe.page.goto(url, { waitUntil: 'domcontentloaded' });
      if (!response || !response.ok()) throw new Error(`HTTP ${response ? response.status() : 'no response'} for ${url}: is the site served at ${args.base}?`);
    });
    const cells = await probe.page.evaluate(() => [...document.querySelectorAll('main section.cell-code')]
      .filter((s) => /^cell-\d+$/.test(s.id)).map((s) => ({ id: s.id, outputs: s.querySelectorAll('.outputs > *').length })));
    if (cells.length === 0) throw new StepError(`${url} has no code cells (section.cell-code#cell-N)`);
    const hasRuntime = await probe.page.evaluate(() => !!document.querySelector('main[data-runtime]'));
    if (!hasRuntime) throw new StepError(`${url} has no main[data-runtime]: the site was exported without --runtime`);
    results.firstCell = '#' + cells[0].id;
    const withOutput = cells.find((c) => c.outputs > 0);
    results.firstOutputCell = withOutput ? '#' + withOutput.id : null;
  } finally {
    await probe.close();
  }

  const failures = [];
  const phase = async (name, fn) => {
    try { await fn(); } catch (e) {
      failures.push(`${name}: ${e.message}`);
      log(`FAILED ${name}: ${e.message}`);
    }
  };
  await phase('cold loads', () => coldLoads(args, url, results));
  await phase('warm loads and the trivial cell', () => warmLoads(args, url, results));
  await phase('run all', () => runAll(args, lessons, results));
  results.finished = new Date().toISOString();
  results.loadAverageAtEnd = fs.readFileSync('/proc/loadavg', 'utf8').trim();
  results.failures = failures;

  fs.mkdirSync(path.dirname(path.resolve(args.out)), { recursive: true });
  fs.writeFileSync(args.out, JSON.stringify(results, null, 2) + '\n');
  process.stdout.write(report(results) + '\n');
  process.stdout.write(`\nlesson ${lesson}; load average ${results.loadAverage} at the start, ${results.loadAverageAtEnd} at the end; raw numbers: ${args.out}\n`);
  if (failures.length) {
    process.stderr.write(`\nbench/browser: ${failures.length} step(s) failed:\n${failures.map((f) => '  ' + f).join('\n')}\n`);
    process.exitCode = 1;
  }
}

main().catch((e) => {
  process.stderr.write(`bench/browser: ${e instanceof StepError ? e.message : (e && e.stack) || e}\n`);
  process.exit(1);
});
