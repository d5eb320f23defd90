// Bundles editor.js and the CodeMirror packages it imports (pinned in package-lock.json) into dist/editor.js: one
// minified IIFE script, no imports or fetches at run time. Beside it, dist/editor.LICENSE.txt carries the licence of
// every package that ended up in the bundle. Run by Descent.Site.csproj (target BuildEditorAssets) after `npm ci`.
//
// The site must never load anything from another host, so the bundle is checked for URL strings (the same rule as the
// site tests' external-reference scan: a quoted string that starts with a scheme and // or with //, or "cdn.").
import * as esbuild from 'esbuild';
import { readFileSync, writeFileSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, 'dist');
mkdirSync(dist, { recursive: true });

// @codemirror/view's base theme draws the arrow of highlightWhitespace() (not used here) with an inline SVG image
// whose xmlns="http://www.w3.org/2000/svg" is the bundle's only URL-like string. Nothing fetches it, but the site
// ships no URL strings at all, so that one unused rule loses its image. The build fails if the rule is not found, so
// a CodeMirror update that changes it is looked at again.
const dropUnusedTabArrow = {
  name: 'drop-unused-tab-arrow',
  setup(build) {
    build.onLoad({ filter: /@codemirror[\\/]view[\\/]dist[\\/]index\.js$/ }, args => {
      const source = readFileSync(args.path, 'utf8');
      const arrow = /backgroundImage: `url\('data:image\/svg\+xml,<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^`]*`/;
      if (!arrow.test(source)) throw new Error('@codemirror/view no longer has the .cm-highlightTab image this build removes: check build.mjs');
      return { contents: source.replace(arrow, 'backgroundImage: "none"'), loader: 'js' };
    });
  },
};

const result = await esbuild.build({
  entryPoints: [join(here, 'editor.js')],
  outfile: join(dist, 'editor.js'),
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['es2020'],
  charset: 'utf8',
  legalComments: 'none', // the licences go to editor.LICENSE.txt instead
  banner: { js: '/*! Descent code editor: CodeMirror 6 and its dependencies (MIT licence), bundled. Licences: editor.LICENSE.txt */' },
  metafile: true,
  logLevel: 'warning',
  plugins: [dropUnusedTabArrow],
});

// The packages whose code is in the bundle, from esbuild's list of inputs.
const packages = new Map();
for (const input of Object.keys(result.metafile.inputs)) {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input.replaceAll('\\', '/'));
  if (!m || packages.has(m[1])) continue;
  const folder = join(here, 'node_modules', m[1]);
  const manifest = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8'));
  const licenceFile = readdirSync(folder).find(f => /^licen[cs]e/i.test(f));
  if (!licenceFile) throw new Error(`${m[1]} has no LICENSE file to ship with the bundle`);
  packages.set(m[1], { version: manifest.version, license: manifest.license, text: readFileSync(join(folder, licenceFile), 'utf8').trim() });
}
const names = [...packages.keys()].sort();
let notice = 'assets/editor.js is the Descent code editor: editor.js of Descent.Site/EditorAssets bundled with these\n'
  + 'packages. Each is distributed under the licence that follows its name.\n';
for (const name of names) {
  const p = packages.get(name);
  notice += `\n${'='.repeat(78)}\n${name} ${p.version} (${p.license})\n${'='.repeat(78)}\n\n${p.text}\n`;
}
writeFileSync(join(dist, 'editor.LICENSE.txt'), notice);

const bundle = readFileSync(join(dist, 'editor.js'), 'utf8');
const url = /["'`](?:[a-z][a-z0-9+.\-]*:)?\/\/[a-z0-9]|cdn\./i.exec(bundle);
if (url) {
  throw new Error(`dist/editor.js contains a URL (…${bundle.slice(Math.max(0, url.index - 40), url.index + 60)}…); `
    + 'the site must not reference anything outside itself');
}
console.log(`dist/editor.js: ${bundle.length} bytes from ${names.length} packages (${names.join(', ')})`);
