// Descent site: typesets the formulas with KaTeX and draws the charts with plotly.js. Both libraries are files of
// the site (assets/); this script loads nothing else. When it is done, <html data-ready="true"> is set.
(function () {
  'use strict';

  function typeset() {
    var formulas = document.querySelectorAll('.math');
    if (formulas.length === 0) return;
    if (typeof katex === 'undefined') {
      console.error('Descent: KaTeX did not load, so ' + formulas.length + ' formulas stay as TeX.');
      return;
    }
    var macros = {}; // \def and \newcommand carry over from one formula to the next, as in a LaTeX document
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

  function drawCharts() {
    var charts = document.querySelectorAll('.chart[data-figure]');
    if (charts.length === 0) return Promise.resolve();
    if (typeof Plotly === 'undefined') {
      console.error('Descent: plotly.js did not load, so ' + charts.length + ' charts stay empty.');
      return Promise.resolve();
    }
    var drawn = [];
    charts.forEach(function (el) {
      var figure;
      try {
        figure = JSON.parse(document.getElementById(el.getAttribute('data-figure')).textContent);
      } catch (e) {
        console.error('Descent: the figure of ' + el.id + ' is not valid JSON: ' + e);
        return;
      }
      var config = Object.assign({ responsive: true, displaylogo: false }, figure.config || {});
      drawn.push(Plotly.newPlot(el, { data: figure.data, layout: figure.layout || {}, frames: figure.frames, config: config })
        .then(function () { el.setAttribute('data-rendered', 'true'); },
              function (e) { console.error('Descent: chart ' + el.id + ' could not be drawn: ' + e); }));
    });
    return Promise.all(drawn);
  }

  function foldContentsOnNarrowScreens() {
    var toc = document.querySelector('.toc details');
    if (toc && window.matchMedia && window.matchMedia('(max-width: 64rem)').matches) toc.open = false;
  }

  // Printing: every <details> answer opens, so the printout has the answers the teacher wrote.
  window.addEventListener('beforeprint', function () {
    document.querySelectorAll('details').forEach(function (d) {
      if (!d.open) { d.setAttribute('data-print-opened', ''); d.open = true; }
    });
  });
  window.addEventListener('afterprint', function () {
    document.querySelectorAll('details[data-print-opened]').forEach(function (d) {
      d.open = false; d.removeAttribute('data-print-opened');
    });
  });

  foldContentsOnNarrowScreens();
  typeset();
  drawCharts().then(function () { document.documentElement.setAttribute('data-ready', 'true'); });
})();
