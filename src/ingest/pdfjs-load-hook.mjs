// A module loader hook, registered by pdfjs.ts before it imports pdfjs: pdfjs's own files load
// exactly as Node alone would load them, past any loader registered earlier (tsx). Plain
// JavaScript because loader hooks run in Node's loader thread, before any TypeScript support.
import { readFile } from 'node:fs/promises';

/** file: URL of pdfjs's build folder, with a trailing slash. */
let folder = '';

export function initialize(data) {
  folder = data.folder;
}

export async function load(url, context, nextLoad) {
  if (folder && url.startsWith(folder) && new URL(url).pathname.endsWith('.mjs')) {
    return { format: 'module', source: await readFile(new URL(url)), shortCircuit: true };
  }
  return nextLoad(url, context);
}
