import { get } from 'node:https';

/** GET a JSON document from the running runtime; over HTTPS, trusting `ca` (the certificate `npm start -- --tls` keeps). */
export async function getJson(url: string, ca: string | undefined): Promise<unknown> {
  if (!ca) {
    const res = await fetch(url);
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    return res.json();
  }
  return new Promise((ok, fail) => {
    get(url, { ca }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (chunk: string) => { text += chunk; }).on('end', () => {
        if (res.statusCode !== 200) return fail(new Error(`HTTP ${res.statusCode}`));
        try { ok(JSON.parse(text)); } catch (error) { fail(error as Error); }
      });
    }).on('error', fail);
  });
}
