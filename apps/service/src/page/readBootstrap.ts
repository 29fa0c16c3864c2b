import { BOOTSTRAP_ELEMENT_ID, type PageBootstrap } from '../shared/PageBootstrap.ts';

/** The session data the server inlined into the page; `invalid` when there is none. */
export function readBootstrap(doc: Document): PageBootstrap {
  try {
    const data = JSON.parse(doc.getElementById(BOOTSTRAP_ELEMENT_ID)?.textContent ?? 'null');
    return data && typeof data === 'object' && 'status' in data
      ? (data as PageBootstrap)
      : { status: 'invalid' };
  } catch {
    return { status: 'invalid' };
  }
}
