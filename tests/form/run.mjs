// Renders schema/answers.schema.json with react-jsonschema-form in headless Chromium and checks
// what a person filling the questionnaire sees and produces. Run from the repository root after
// `cargo build`: `node tests/form/run.mjs`. It calls the mma that `MMA_BIN` names, else
// debug/mma under `CARGO_TARGET_DIR` (resolved from the current directory, as cargo does), else
// target/debug/mma.
import { build } from 'esbuild';
import puppeteer from 'puppeteer-core';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
const out = join(root, 'target/form');
const mma =
  process.env.MMA_BIN ??
  join(process.env.CARGO_TARGET_DIR ? resolve(process.env.CARGO_TARGET_DIR) : join(root, 'target'), 'debug/mma');
mkdirSync(out, { recursive: true });

await build({
  entryPoints: [join(import.meta.dirname, 'page.jsx')],
  bundle: true,
  outfile: join(out, 'bundle.js'),
  loader: { '.jsx': 'jsx' },
  jsx: 'automatic',
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'warning',
});
writeFileSync(
  join(out, 'index.html'),
  '<!DOCTYPE html><html><head><meta charset="utf-8"><title>mma answers</title></head>' +
    '<body><div id="root"></div><script src="bundle.js"></script></body></html>',
);

const failures = [];
const check = (ok, what) => {
  if (!ok) failures.push(what);
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
};

const browser = await puppeteer.launch({
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
const schema = JSON.parse(readFileSync(join(root, 'schema/answers.schema.json'), 'utf8'));

async function open(initial) {
  const page = await browser.newPage();
  await page.setViewport({ width: 1000, height: 800 });
  await page.evaluateOnNewDocument((data) => {
    window.__initial = data;
  }, initial);
  const logs = [];
  page.on('console', (m) => logs.push(m.text()));
  await page.goto('file://' + join(out, 'index.html'));
  await page.waitForSelector('form');
  return { page, logs };
}

// 1. Every field renders, nothing is unsupported, `source` offers every value by its title.
{
  const example = JSON.parse(execFileSync(mma, ['convert', join(root, 'examples/full-hybrid.yaml'), '--to', 'json']));
  const { page, logs } = await open(example);
  const unsupported = await page.$$('.unsupported-field');
  check(unsupported.length === 0, 'no field renders as unsupported');
  const fields = [];
  const walk = (node, id) => {
    const target = node.$ref ? schema.$defs[node.$ref.split('/').pop()] : node;
    if (target.type === 'object') {
      for (const [k, v] of Object.entries(target.properties)) walk(v, `${id}_${k}`);
    } else {
      fields.push(id);
    }
  };
  walk(schema, 'root');
  for (const id of fields) {
    const found = await page.$(`[id="${id}"], [id^="${id}_"], [id="${id}__title"]`);
    check(found !== null, `an input for ${id}`);
  }
  const options = await page.$$eval('#root_source option', (os) => os.map((o) => o.textContent));
  for (const branch of schema.$defs.Source.oneOf) {
    check(options.includes(branch.title), `source offers "${branch.title}"`);
  }
  await page.screenshot({ path: join(root, 'target/form.png'), fullPage: true });
  check(!logs.some((l) => /unknown format/.test(l)), 'no unknown-format warnings');
  await page.close();
}

// 2. Filling the form with each example and submitting gives answers mma accepts, for the path
//    the example is named after.
for (const file of readdirSync(join(root, 'examples')).filter((f) => f.endsWith('.yaml')).sort()) {
  const example = JSON.parse(execFileSync(mma, ['convert', join(root, 'examples', file), '--to', 'json']));
  const { page } = await open(example);
  await page.click('button[type="submit"]');
  await page
    .waitForFunction(() => window.__submitted || window.__errors, { timeout: 5000 })
    .catch(() => {});
  const submitted = await page.evaluate(() => window.__submitted ?? null);
  const errors = await page.evaluate(() => window.__errors ?? []);
  check(submitted !== null, `${file}: the form submits (${errors.join('; ')})`);
  if (submitted) {
    const path = join(out, file.replace('.yaml', '.json'));
    writeFileSync(path, JSON.stringify(submitted, null, 2));
    let valid = true;
    try {
      execFileSync(mma, ['validate', path], { stdio: 'pipe' });
    } catch (e) {
      valid = false;
      console.log(String(e.stdout));
    }
    check(valid, `${file}: mma validate accepts what the form produced`);
    const rec = JSON.parse(execFileSync(mma, ['recommend', '--format', 'json', path]));
    check(rec.path.replaceAll('_', '-') === file.replace('.yaml', ''), `${file}: mma recommends ${rec.path}`);
  }
  await page.close();
}

// 3. A person picks a value and types a wrong one: the schema's error shows.
{
  const example = JSON.parse(execFileSync(mma, ['convert', join(root, 'examples/imap.yaml'), '--to', 'json']));
  const { page } = await open(example);
  await page.select('#root_source', await page.$eval('#root_source', (s) =>
    [...s.options].find((o) => o.textContent === 'Google Workspace').value));
  await page.$eval('#root_mailboxes', (input) => input.select());
  await page.keyboard.press('Backspace');
  await page.keyboard.type('0');
  await page.click('button[type="submit"]');
  await page.waitForFunction(() => window.__errors, { timeout: 5000 }).catch(() => {});
  const errorText = await page.evaluate(() => (window.__errors ?? []).join('; '));
  const shown = await page.$eval('.errors', (e) => e.textContent).catch(() => '');
  check(/must be >= 1/.test(shown), 'the error list on the page shows it');
  check(/must be >= 1/.test(errorText), `a mailbox count of 0 shows the schema's error ("${errorText.slice(0, 80)}")`);
  await page.close();
}

await browser.close();
if (failures.length > 0) {
  console.error(`\n${failures.length} form checks failed`);
  process.exit(1);
}
console.log('\nall form checks passed; screenshot: target/form.png');
