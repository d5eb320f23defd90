// Descent site: present mode. The "Present" button (or the key P) turns a lesson page into one section per screen, for
// a projector: large type, code and its output, a one-line prompt, the prose hidden. Keys: → Space PageDown next,
// ← PageUp previous (Shift+Space too), Home first, End last, A opens or closes this screen's answers, S opens the
// speaker-notes window, Esc (or P) leaves and scrolls the page to where the presentation was.
//
// The screens come from Jupyter's slideshow metadata, which the exporter writes on each cell as data-slide-type, read
// as `jupyter nbconvert --to slides` reads it (nbconvert/exporters/slides.py, templates/reveal/base.html.j2):
//   slide, subslide  start a new screen (subslides are screens in their turn, as RISE's Space goes through them);
//   fragment         starts a step revealed by the next key press; the cells after it marked "-" belong to that step;
//   -                continues the current screen (and the current fragment); a cell without metadata counts as "-";
//   skip             not shown when presenting;
//   notes            speaker notes for the current screen, only in the speaker-notes window, never on the projected screen.
// The first cell that is neither skip nor notes starts the first screen, whatever its type. Notes before it belong to it.
// A page whose cells mark no slide or subslide (today's lessons; or only notes and skip) falls back to its headings: each # or ## heading starts a screen, which shows
// the heading, the first sentence of the prose after it (the prompt), the code cells with their outputs and the
// answers (<details>, closed); the rest of the prose is hidden. Notes cells are then the notes of the screen they
// fall in, and skip cells are left out, as with full metadata.
//
// Nothing is moved: the page's elements are shown or hidden by classes, so runnable cells (notebook.js) keep their
// editors and state, and can be run live while presenting. The <details> answers are closed on entering (revealed on
// demand: click or A) and left as the reader had them on leaving.
(function () {
  'use strict';

  var main = document.querySelector('main.lesson');
  if (!main || main.classList.contains('handout')) return;
  var root = document.documentElement;

  var screens = null;   // built on first use
  var current = 0;      // the screen shown
  var revealed = 0;     // how many of its fragments are shown
  var bar = null, counter = null;
  var notesWindow = null;
  var openInReading = []; // the <details> open when presenting began

  function cells() {
    return Array.prototype.filter.call(main.children, function (el) { return el.classList.contains('cell'); });
  }

  function newScreen(list, anchor) {
    var screen = { parts: [], notes: [], fragments: 0, anchor: anchor };
    list.push(screen);
    return screen;
  }

  // The screens of a notebook with slideshow metadata (nbconvert's rules, above).
  function fromMetadata() {
    var list = [], screen = null, inFragment = false, early = [];
    cells().forEach(function (cell) {
      var type = cell.getAttribute('data-slide-type') || '-';
      if (type === 'skip') return;
      if (type === 'notes') { (screen ? screen.notes : early).push(cell); return; }
      if (!screen || type === 'slide' || type === 'subslide') {
        screen = newScreen(list, cell);
        screen.notes = early.concat(screen.notes);
        early = [];
        inFragment = false;
      } else if (type === 'fragment') {
        screen.fragments++;
        inFragment = true;
      }
      screen.parts.push({ el: cell, fragment: inFragment ? screen.fragments : 0 });
    });
    return list;
  }

  // The screens of a notebook without slideshow metadata: one per # or ## heading.
  function fromHeadings() {
    var list = [], screen = null;
    var early = [];
    cells().forEach(function (cell) {
      var type = cell.getAttribute('data-slide-type');
      if (type === 'skip') return;
      if (type === 'notes') { (screen ? screen.notes : early).push(cell); return; }
      if (!cell.classList.contains('cell-markdown')) {
        if (!screen) screen = newScreen(list, cell);
        screen.parts.push({ el: cell, fragment: 0 });
        return;
      }
      Array.prototype.slice.call(cell.children).forEach(function (el) {
        if (el.classList.contains('present-prompt')) return;
        var heading = el.tagName === 'H1' || el.tagName === 'H2';
        if (heading || !screen) { screen = newScreen(list, el); screen.prompted = false; }
        if (heading || el.tagName === 'DETAILS') screen.parts.push({ el: el, host: cell, fragment: 0 });
        else if (el.tagName === 'P' && !screen.prompted) {
          screen.prompted = true;
          screen.parts.push({ el: promptFrom(el), host: cell, fragment: 0 });
        }
      });
    });
    if (list.length > 0) list[0].notes = early.concat(list[0].notes);
    return list;
  }

  // A copy of a paragraph cut after its first sentence, placed after it and shown only when presenting.
  function promptFrom(paragraph) {
    var prompt = paragraph.cloneNode(true);
    prompt.removeAttribute('id');
    Array.prototype.forEach.call(prompt.querySelectorAll('[id]'), function (el) { el.removeAttribute('id'); });
    prompt.classList.add('present-prompt');
    cutAfterFirstSentence(prompt);
    paragraph.parentNode.insertBefore(prompt, paragraph.nextSibling);
    return prompt;
  }

  function cutAfterFirstSentence(element) {
    var walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) { return node.parentElement.closest('.math, .katex, code') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT; }
    });
    for (var node = walker.nextNode(); node; node = walker.nextNode()) {
      var ends = /[.!?](?=\s|$)/g, end;
      while ((end = ends.exec(node.data)) && /\b(?:e\.g|i\.e|etc|cf|vs)\.$/.test(node.data.slice(0, end.index + 1))) { /* an abbreviation */ }
      if (!end) continue;
      node.data = node.data.slice(0, end.index + 1);
      for (var n = node; n && n !== element; n = n.parentNode)
        while (n.nextSibling) n.parentNode.removeChild(n.nextSibling);
      return;
    }
  }

  function build() {
    if (screens) return;
    screens = main.getAttribute('data-slideshow') === 'metadata' ? fromMetadata() : fromHeadings();
    if (screens.length === 0) newScreen(screens, main);
  }

  function clear() {
    Array.prototype.forEach.call(main.querySelectorAll('.present-on, .present-host, .present-waiting'), function (el) {
      el.classList.remove('present-on', 'present-host', 'present-waiting');
    });
  }

  function show(index, fragmentsShown) {
    current = Math.max(0, Math.min(screens.length - 1, index));
    var screen = screens[current];
    revealed = Math.max(0, Math.min(screen.fragments, fragmentsShown));
    clear();
    screen.parts.forEach(function (part) {
      part.el.classList.add('present-on');
      if (part.host) part.host.classList.add('present-host');
      if (part.fragment > revealed) part.el.classList.add('present-waiting');
    });
    counter.textContent = (current + 1) + ' / ' + screens.length;
    bar.setAttribute('data-fragments', screen.fragments > 0 ? revealed + '/' + screen.fragments : '');
    main.setAttribute('data-present-screen', String(current + 1));
    window.scrollTo(0, 0);
    // The charts shown now fit the screen's width (site.js sizes them on resize; hidden ones keep their width).
    window.dispatchEvent(new Event('resize'));
    updateNotes();
  }

  function next() {
    if (revealed < screens[current].fragments) show(current, revealed + 1);
    else if (current < screens.length - 1) show(current + 1, 0);
  }

  function previous() {
    if (revealed > 0) show(current, revealed - 1);
    else if (current > 0) show(current - 1, screens[current - 1].fragments); // back onto a screen: all its steps shown
  }

  // The screen the reader is at: the last one whose first element is above a third of the window.
  function screenAtScrollPosition() {
    var line = window.innerHeight / 3, found = 0;
    screens.forEach(function (screen, i) {
      var anchor = screen.anchor;
      if (anchor !== main && anchor.getBoundingClientRect().top <= line) found = i;
    });
    return found;
  }

  function button(text, title, action) {
    var b = document.createElement('button');
    b.type = 'button';
    b.textContent = text;
    b.title = title;
    b.tabIndex = -1; // keys drive the presentation; a focused button would take Space
    b.addEventListener('click', function () { action(); b.blur(); });
    return b;
  }

  function makeBar() {
    bar = document.createElement('div');
    bar.className = 'present-bar';
    bar.setAttribute('role', 'toolbar');
    bar.setAttribute('aria-label', 'Presentation');
    counter = document.createElement('span');
    counter.className = 'present-counter';
    counter.setAttribute('aria-live', 'polite');
    bar.appendChild(button('←', 'Previous (← or PageUp)', previous));
    bar.appendChild(counter);
    bar.appendChild(button('→', 'Next (→, Space or PageDown)', next));
    bar.appendChild(button('Answers', 'Open or close this screen\'s answers (A)', toggleAnswers));
    bar.appendChild(button('Speaker notes', 'Open the speaker-notes window, for the presenter\'s screen (S)', openNotes));
    bar.appendChild(button('Exit', 'Back to the page, at this section (Esc)', leave));
    document.body.appendChild(bar);
  }

  function enter() {
    if (root.classList.contains('presenting')) return;
    build();
    var start = screenAtScrollPosition();
    openInReading = Array.prototype.filter.call(main.querySelectorAll('details'), function (d) { return d.open; });
    openInReading.forEach(function (d) { d.open = false; });
    if (!bar) makeBar();
    bar.hidden = false;
    root.classList.add('presenting');
    show(start, 0);
  }

  function leave() {
    if (!root.classList.contains('presenting')) return;
    var anchor = screens[current].anchor;
    root.classList.remove('presenting');
    clear();
    main.removeAttribute('data-present-screen');
    bar.hidden = true;
    Array.prototype.forEach.call(main.querySelectorAll('details'), function (d) { d.open = openInReading.indexOf(d) >= 0; });
    window.dispatchEvent(new Event('resize'));
    if (anchor !== main) anchor.scrollIntoView({ block: 'start' });
    if (notesWindow && !notesWindow.closed) notesWindow.close();
    notesWindow = null;
  }

  function toggleAnswers() {
    var answers = Array.prototype.filter.call(main.querySelectorAll('details'), function (d) {
      return d.closest('.present-on') && !d.closest('.present-waiting');
    });
    var open = answers.some(function (d) { return !d.open; });
    answers.forEach(function (d) { d.open = open; });
  }

  // The speaker notes live in a window of their own, for the presenter's screen; the projected page never shows them.
  function openNotes() {
    if (!notesWindow || notesWindow.closed) {
      notesWindow = window.open('', 'descent-speaker-notes', 'popup,width=640,height=720');
      if (!notesWindow) { counter.title = 'The browser blocked the speaker-notes window: allow pop-ups for this page.'; return; }
      var doc = notesWindow.document;
      doc.title = 'Speaker notes · ' + document.title;
      var style = doc.createElement('style');
      style.textContent = 'body{font:18px/1.5 system-ui,sans-serif;margin:1.5rem;color:#1b1f24}' +
        '.where{color:#57606a;font-size:.9em}.next{margin-top:2rem;color:#57606a}.none{color:#57606a;font-style:italic}' +
        // a formula's MathML copy (for screen readers) stays hidden even where the stylesheet below cannot load (from disk)
        '.katex-mathml{position:absolute;clip:rect(1px,1px,1px,1px);padding:0;border:0;height:1px;width:1px;overflow:hidden}';
      doc.head.appendChild(style);
      // The notes may hold typeset formulas: the window asks for KaTeX's stylesheet too (served pages; from disk a
      // blank window may not read file: URLs, and the formulas then show in the system's fonts).
      var katexStyle = document.querySelector('link[href$="katex.min.css"]');
      if (katexStyle) {
        var link = doc.createElement('link');
        link.rel = 'stylesheet';
        link.href = katexStyle.href;
        doc.head.appendChild(link);
      }
      doc.addEventListener('keydown', onKey);
    }
    updateNotes();
    notesWindow.focus();
  }

  function updateNotes() {
    if (!notesWindow || notesWindow.closed) return;
    var doc = notesWindow.document, screen = screens[current];
    doc.body.textContent = '';
    var where = doc.createElement('p');
    where.className = 'where';
    where.textContent = 'Screen ' + (current + 1) + ' / ' + screens.length +
      (screen.fragments ? ' · step ' + revealed + ' of ' + screen.fragments : '') + ' · ' + title(screen);
    doc.body.appendChild(where);
    var notes = doc.createElement('div');
    notes.className = 'notes';
    screen.notes.forEach(function (cell) {
      Array.prototype.forEach.call(cell.children, function (el) { notes.appendChild(doc.importNode(el, true)); });
    });
    if (!notes.firstChild) { notes.className = 'none'; notes.textContent = 'No speaker notes for this screen.'; }
    doc.body.appendChild(notes);
    if (current + 1 < screens.length) {
      var after = doc.createElement('p');
      after.className = 'next';
      after.textContent = 'Next: ' + title(screens[current + 1]);
      doc.body.appendChild(after);
    }
  }

  function title(screen) {
    var heading = screen.anchor.matches && screen.anchor.matches('h1, h2, h3') ? screen.anchor : screen.anchor.querySelector && screen.anchor.querySelector('h1, h2, h3');
    return heading ? heading.textContent.trim() : (screen.anchor.textContent || '').trim().slice(0, 60);
  }

  function typing(target) {
    return target && target.closest && !!target.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"], .cm-editor');
  }

  function onKey(e) {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return;
    var presenting = root.classList.contains('presenting');
    var key = e.key;
    if (!presenting) {
      if (key === 'p' || key === 'P') { e.preventDefault(); enter(); }
      return;
    }
    var onControl = e.target && e.target.closest && e.target.closest('summary, button, a');
    if (key === 'ArrowRight' || key === 'PageDown' || (key === ' ' && !e.shiftKey && !onControl)) next();
    else if (key === 'ArrowLeft' || key === 'PageUp' || (key === ' ' && e.shiftKey && !onControl)) previous();
    else if (key === 'Home') show(0, 0);
    else if (key === 'End') show(screens.length - 1, screens[screens.length - 1].fragments);
    else if (key === 'Escape' || key === 'p' || key === 'P') leave();
    else if (key === 'a' || key === 'A') toggleAnswers();
    else if (key === 's' || key === 'S') openNotes();
    else return;
    e.preventDefault();
  }

  document.addEventListener('keydown', onKey);
  // An answer opened with the mouse does not keep the focus, so that Space goes on to the next step.
  main.addEventListener('click', function (e) {
    var summary = root.classList.contains('presenting') && e.target.closest && e.target.closest('summary');
    if (summary) setTimeout(function () { summary.blur(); }, 0);
  });
  Array.prototype.forEach.call(document.querySelectorAll('.present-start'), function (b) {
    b.addEventListener('click', function () { b.blur(); enter(); });
  });
  window.addEventListener('beforeunload', function () { if (notesWindow && !notesWindow.closed) notesWindow.close(); });

  window.DescentPresent = {
    enter: enter,
    leave: leave,
    screens: function () { build(); return screens.length; }
  };
})();
