// Descent site: typesets the formulas with KaTeX and draws the charts with plotly.js. Both libraries are files of
// the site (assets/); this script loads nothing else. When it is done, <html data-ready="true"> is set.
// It exposes window.DescentSite = { typeset(root), drawCharts(root) }, which the runnable page (notebook.js) calls on
// each output a cell produces in the browser; at page load both run over the whole document.
(function () {
  'use strict';

  // Elements matching `selector` inside root, and root itself when it matches.
  function within(root, selector) {
    var scope = root || document;
    var found = Array.prototype.slice.call(scope.querySelectorAll(selector));
    if (scope.matches && scope.matches(selector)) found.unshift(scope);
    return found;
  }

  var macros = {}; // \def and \newcommand carry over from one formula to the next, as in a LaTeX document

  // Typesets the formulas (.math) in root (default: the page) that are not typeset yet.
  function typeset(root) {
    var formulas = within(root, '.math').filter(function (el) {
      return !el.querySelector('.katex') && !el.classList.contains('math-error');
    });
    if (formulas.length === 0) return;
    if (typeof katex === 'undefined') {
      console.error('Descent: KaTeX did not load, so ' + formulas.length + ' formulas stay as TeX.');
      return;
    }
    formulas.forEach(function (el) {
      var tex = el.textContent;
      try {
        katex.render(tex, el, {
          displayMode: el.classList.contains('math-display'),
          throwOnError: true,
          globalGroup: true,
          macros: macros,
          strict: 'ignore',
          trust: false
        });
      } catch (e) {
        el.textContent = tex;
        el.classList.add('math-error');
        el.title = String(e && e.message || e);
        console.error('Descent: a formula could not be typeset: ' + tex + ' (' + el.title + ')');
      }
    });
  }

  // Charts are sized by this script rather than by plotly.js's own "responsive" mode, which redraws on every window
  // resize, including the one printing causes, and so prints blank charts. A chart keeps the width its figure asks
  // for, or its container's width, whichever is smaller.
  var PRINT_WIDTH = 640; // px: the text width of an A4 or Letter page at 96 dpi, with margins
  var printing = false;
  var charts = [];

  function widthFor(el, available) {
    var wanted = el.descentFigureWidth;
    return Math.max(200, Math.floor(wanted ? Math.min(wanted, available) : available));
  }

  function resizeCharts(available) {
    charts = charts.filter(function (el) { return el.isConnected; }); // a chart of an output replaced in the browser is gone
    charts.forEach(function (el) {
      if (!el.layout) return;
      // A chart that is not laid out (a cell hidden in present mode) keeps its width until it is shown again.
      if (available === undefined && el.parentElement.clientWidth === 0) return;
      var width = widthFor(el, available !== undefined ? available : el.parentElement.clientWidth);
      if (el.layout.width !== width) Plotly.relayout(el, { width: width });
    });
  }

  // Draws the charts (.chart[data-figure]) in root (default: the page) that are not drawn yet. Resolves when all are.
  function drawCharts(root) {
    var elements = within(root, '.chart[data-figure]').filter(function (el) { return !el.descentSeen; });
    if (elements.length === 0) return Promise.resolve();
    if (typeof Plotly === 'undefined') {
      console.error('Descent: plotly.js did not load, so ' + elements.length + ' charts stay empty.');
      return Promise.resolve();
    }
    var drawn = [];
    elements.forEach(function (el) {
      el.descentSeen = true; // drawn (or found broken) once only
      var figure;
      try {
        figure = JSON.parse(document.getElementById(el.getAttribute('data-figure')).textContent);
      } catch (e) {
        console.error('Descent: the figure of ' + el.id + ' is not valid JSON: ' + e);
        return;
      }
      var layout = Object.assign({}, figure.layout || {});
      el.descentFigureWidth = typeof layout.width === 'number' ? layout.width : null;
      layout.width = widthFor(el, el.parentElement.clientWidth);
      var config = Object.assign({ displaylogo: false }, figure.config || {}, { responsive: false });
      charts.push(el);
      drawn.push(Plotly.newPlot(el, { data: figure.data, layout: layout, frames: figure.frames, config: config })
        .then(function () { el.setAttribute('data-rendered', 'true'); },
              function (e) { console.error('Descent: chart ' + el.id + ' could not be drawn: ' + e); }));
    });
    return Promise.all(drawn);
  }

  var pendingResize;
  window.addEventListener('resize', function () {
    if (printing || charts.length === 0) return;
    clearTimeout(pendingResize);
    pendingResize = setTimeout(function () { resizeCharts(); }, 150);
  });

  function foldContentsOnNarrowScreens() {
    var toc = document.querySelector('.toc details');
    if (toc && window.matchMedia && window.matchMedia('(max-width: 64rem)').matches) toc.open = false;
  }

  // Printing: the charts are redrawn once at the page's width before the browser lays out the printout. The answers
  // (<details>) are not opened: a student's printout of the page must not hold them (site.css leaves them out of the
  // print); the teacher handout (descent export --handouts) is the copy with every answer open.
  window.addEventListener('beforeprint', function () {
    printing = true;
    if (typeof Plotly !== 'undefined') resizeCharts(PRINT_WIDTH);
  });
  window.addEventListener('afterprint', function () {
    printing = false;
    if (typeof Plotly !== 'undefined') resizeCharts();
  });
  document.querySelectorAll('.print-page').forEach(function (b) {
    b.addEventListener('click', function () { window.print(); });
  });

  window.DescentSite = { typeset: typeset, drawCharts: drawCharts };

  foldContentsOnNarrowScreens();
  typeset(document);
  drawCharts(document).then(function () { document.documentElement.setAttribute('data-ready', 'true'); });
})();
