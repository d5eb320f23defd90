// The code editor of a lesson page: CodeMirror 6 set up for C#, bundled by build.mjs into assets/editor.js (one
// minified script, no imports at run time). It exports a small API on window.DescentEditor, which assets/notebook.js
// uses to turn each code cell into an editor:
//
//   const editor = DescentEditor.create(parent, {
//     text: 'var x = 1;',            // the initial text
//     label: 'Code of cell 4',       // the accessible name of the editing area
//     onRun: () => { ... },          // Shift+Enter or Ctrl+Enter (Cmd+Enter on a Mac)
//     onChange: text => { ... },     // after every change of the text
//     scrollTop: () => 60,           // px hidden under a sticky bar: the cursor is kept below it
//   });
//   editor.getText(); editor.setText('...'); editor.focus(); editor.destroy();

import { EditorState, Prec } from '@codemirror/state';
import {
  EditorView, keymap, lineNumbers, highlightActiveLine, highlightActiveLineGutter, highlightSpecialChars, drawSelection
} from '@codemirror/view';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { StreamLanguage, HighlightStyle, syntaxHighlighting, bracketMatching, indentOnInput, indentUnit } from '@codemirror/language';
import { csharp } from '@codemirror/legacy-modes/mode/clike';
import { tags } from '@lezer/highlight';

// The colours of the site's own C# highlighting (site.css: .k keyword, .s string, .n number, .c comment, .t type,
// .pp preprocessor), so a cell looks the same before and after it becomes an editor.
const colours = HighlightStyle.define([
  { tag: [tags.keyword, tags.modifier, tags.controlKeyword, tags.definitionKeyword, tags.operatorKeyword, tags.atom, tags.bool, tags.null], color: '#0033b3', fontWeight: '600' },
  { tag: [tags.string, tags.special(tags.string), tags.character], color: '#067d17' },
  { tag: tags.number, color: '#1750eb' },
  { tag: [tags.comment, tags.lineComment, tags.blockComment], color: '#6a737d', fontStyle: 'italic' },
  { tag: [tags.typeName, tags.className, tags.standard(tags.typeName)], color: '#7b2bb5' },
  { tag: [tags.meta, tags.processingInstruction], color: '#9e4a00' },
  { tag: tags.definition(tags.variableName), color: '#1b1f24' },
  { tag: tags.invalid, color: '#b42318' },
]);

// Sizes and fonts follow the page's `pre.code` (site.css); borders and background are the container's (.editor).
const look = EditorView.theme({
  '&': { fontSize: '.88rem', backgroundColor: 'transparent' },
  '&.cm-focused': { outline: 'none' },
  '.cm-scroller': {
    fontFamily: 'ui-monospace, "DejaVu Sans Mono", "Cascadia Mono", Menlo, Consolas, monospace',
    lineHeight: '1.45',
  },
  '.cm-content': { padding: '.6em 0' },
  '.cm-gutters': { backgroundColor: 'transparent', color: '#57606a', border: 'none', paddingLeft: '.3em' },
  // The line with the cursor is marked only in the editor being typed in, not in every cell of the page.
  '.cm-activeLine, .cm-activeLineGutter': { backgroundColor: 'transparent' },
  '&.cm-focused .cm-activeLine': { backgroundColor: 'rgba(10, 88, 202, .05)' },
  '&.cm-focused .cm-activeLineGutter': { backgroundColor: 'rgba(10, 88, 202, .08)' },
  '&.cm-focused .cm-matchingBracket': { backgroundColor: 'rgba(10, 88, 202, .18)', outline: '1px solid rgba(10, 88, 202, .4)' },
  '&.cm-focused .cm-nonmatchingBracket': { backgroundColor: 'rgba(180, 35, 24, .2)' },
});

// Typing over a selection that spans lines: Chromium (seen in 156) replaces the selected lines' DOM but leaves an
// empty line behind, which CodeMirror then reads as part of the change ("x" over two selected lines became "x\n").
// The typed text replaces the selection here instead, as CodeMirror already does for lines that hold widgets.
const typeOverLines = EditorView.domEventHandlers({
  beforeinput(event, view) {
    if (event.inputType !== 'insertText' || !event.data || view.composing) return false;
    const { state } = view;
    if (!state.selection.ranges.some(r => state.doc.lineAt(r.from).to < r.to)) return false;
    event.preventDefault();
    view.dispatch(state.replaceSelection(event.data), { userEvent: 'input.type', scrollIntoView: true });
    return true;
  },
});

/**
 * Creates an editor in `parent`.
 * @param {HTMLElement} parent where the editor goes (appended as its last child)
 * @param {{text?: string, label?: string, onRun?: () => void, onChange?: (text: string) => void, scrollTop?: () => number}} options
 */
function create(parent, options) {
  const o = options || {};
  const run = () => { if (o.onRun) o.onRun(); return true; };
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: o.text || '',
      extensions: [
        // Before the default keys: Ctrl+Enter would otherwise insert a blank line.
        Prec.highest(keymap.of([
          { key: 'Shift-Enter', run },
          { key: 'Mod-Enter', run },
        ])),
        lineNumbers(),
        highlightActiveLineGutter(),
        highlightSpecialChars(),
        history(),
        drawSelection(),
        indentOnInput(),
        indentUnit.of('    '),
        EditorState.tabSize.of(4),
        bracketMatching(),
        highlightActiveLine(),
        StreamLanguage.define(csharp),
        syntaxHighlighting(colours),
        // No Tab binding: Tab and Shift+Tab leave the editor, so a keyboard user is never trapped in it.
        keymap.of([...defaultKeymap, ...historyKeymap]),
        EditorView.contentAttributes.of({ 'aria-label': o.label || 'Code', spellcheck: 'false', autocorrect: 'off', autocapitalize: 'off' }),
        EditorView.scrollMargins.of(() => ({ top: o.scrollTop ? o.scrollTop() : 0 })),
        EditorView.updateListener.of(update => {
          if (update.docChanged && o.onChange) o.onChange(update.state.doc.toString());
        }),
        typeOverLines,
        look,
      ],
    }),
  });
  return {
    view,
    getText: () => view.state.doc.toString(),
    /** Replaces the whole text (one undoable change; onChange is called). */
    setText(text) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
    },
    focus: () => view.focus(),
    destroy: () => view.destroy(),
  };
}

window.DescentEditor = { create };
