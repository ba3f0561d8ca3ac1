// Opens specgate's HTML report in Debian's Chromium (/usr/bin/chromium) through
// playwright-core and checks it. Never downloads a browser.
//
//   node report.test.mjs REPORT_DIR XSS_REPORT_DIR SCREENSHOT_DIR [XSS_SVG_DIR]
//
// REPORT_DIR: `specgate report examples --out REPORT_DIR`; XSS_REPORT_DIR: the report
// of a spec full of script payloads; XSS_SVG_DIR: `specgate diagrams` of that spec,
// each SVG opened as a document of its own. Prints one JSON line with what it measured
// and exits 1 with the reasons when a check fails.
import { chromium } from 'playwright-core';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [reportDir, xssDir, shotDir, svgDir] = process.argv.slice(2).map((p) => resolve(p));
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
const failures = [];
const result = { pages: 0, diagrams: 0, findings: 0, consoleErrors: [], requests: [] };
const check = (ok, msg) => { if (!ok) failures.push(msg); };

const profile = mkdtempSync(join(tmpdir(), 'specgate-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath,
  headless: true,
  viewport: { width: 1400, height: 900 },
  args: [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
  ],
});

try {
  // Anything other than the report's own files is a failure (no network, no CDN).
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (!url.startsWith('file://')) {
      result.requests.push(url);
      return route.abort();
    }
    return route.continue();
  });
  const page = context.pages()[0] || (await context.newPage());
  page.on('console', (m) => { if (m.type() === 'error') result.consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => result.consoleErrors.push(String(e)));
  let dialogs = 0;
  page.on('dialog', (d) => { dialogs += 1; d.dismiss(); });

  // 1. The examples' report: index links, diagrams, findings.
  const index = pathToFileURL(join(reportDir, 'index.html')).href;
  await page.goto(index);
  const links = await page.$$eval('a.spec-link', (as) => as.map((a) => a.href));
  check(links.length > 0, 'index lists no specs');
  for (const href of links) {
    await page.goto(index);
    await Promise.all([page.waitForLoadState('load'), page.click(`a.spec-link[href="${new URL(href).pathname.split('/').pop()}"]`)]);
    check(page.url() === href, `index link ${href} opened ${page.url()}`);
    check((await page.locator('h1.doc-title').count()) === 1, `${href}: no title`);
    result.pages += 1;
    const figures = await page.$$eval('figure.diagram', (fs) => fs.map((f) => {
      const svg = f.querySelector('svg');
      const r = svg ? svg.getBoundingClientRect() : { width: 0, height: 0 };
      return { failed: f.classList.contains('failed'), svg: !!svg, w: r.width, h: r.height };
    }));
    for (const [i, f] of figures.entries()) {
      if (f.failed) continue; // an invalid diagram, shown with its error
      result.diagrams += 1;
      check(f.svg && f.w > 0 && f.h > 0, `${href}: diagram ${i + 1} has no visible SVG (${f.w}x${f.h})`);
    }
    const findings = await page.locator('aside.notes .finding').evaluateAll(
      (fs) => fs.filter((f) => f.getBoundingClientRect().height > 0).length);
    result.findings += findings;
    const errorsBadge = await page.locator('.badge.e').innerText();
    if (!errorsBadge.startsWith('0 ')) check(findings > 0, `${href}: has errors but shows no findings`);
    const gate = await page.getAttribute('[data-gate]', 'data-gate');
    check(gate === 'pass' || gate === 'fail', `${href}: no check result`);
    // The table of contents jumps to its heading.
    const toc = page.locator('nav.toc a').first();
    if (await toc.count()) {
      const target = (await toc.getAttribute('href')).slice(1);
      check((await page.locator(`[id="${target}"]`).count()) === 1, `${href}: TOC target #${target} missing`);
    }
    const name = href.split('/').pop().replace(/\.html$/, '');
    await page.screenshot({ path: join(shotDir, `${name}.png`) });
    const fig = page.locator('figure.diagram:not(.failed)').first();
    if (await fig.count()) {
      await fig.scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(shotDir, `${name}-diagram.png`) });
    }
  }
  await page.goto(index);
  await page.screenshot({ path: join(shotDir, 'index.png') });

  // 2. The XSS report: no payload may run, even when every link is clicked.
  const xssIndex = pathToFileURL(join(xssDir, 'index.html')).href;
  await page.goto(xssIndex);
  const xssPages = await page.$$eval('a.spec-link', (as) => as.map((a) => a.href));
  check(xssPages.length === 1, `XSS report has ${xssPages.length} pages`);
  for (const href of xssPages) {
    await page.goto(href);
    await page.waitForTimeout(300);
    check((await page.locator('article.spec').count()) === 1, 'the XSS page was withheld instead of rendered');
    check((await page.locator('figure.diagram svg').count()) >= 1, 'the XSS page has no diagram');
    const anchors = await page.$$eval('article a', (as) => as.map((a) => a.getAttribute('href')));
    for (const a of anchors) {
      check(!/^\s*(javascript|vbscript|data):/i.test(a || ''), `XSS page keeps link ${a}`);
    }
    for (let i = 0; i < anchors.length; i += 1) {
      const a = page.locator('article a').nth(i);
      if (await a.isVisible()) await a.click({ modifiers: [], trial: false, timeout: 2000 }).catch(() => {});
      await page.waitForTimeout(50);
      // A javascript: link would run in this page; look before leaving it.
      const ran = await page.evaluate(() => window.__pwned).catch(() => undefined);
      check(ran === undefined, `clicking link ${i} ran a payload: ${ran}`);
      if (!page.url().startsWith(href.split('#')[0])) await page.goto(href);
    }
    // Hover everything that could carry an event handler, on a freshly loaded page:
    // real hovers over what is visible, dispatched events at everything.
    await page.goto(href);
    await page.waitForLoadState('load');
    for (const el of await page.$$('article *')) {
      if (await el.isVisible()) await el.hover({ timeout: 500 }).catch(() => {});
    }
    await page.evaluate(() => {
      // Links were clicked for real above; no dispatched click (it could navigate).
      const kinds = ['mouseover', 'mouseenter', 'mousemove', 'focus', 'focusin', 'toggle'];
      for (const el of document.querySelectorAll('article *')) {
        for (const k of kinds) el.dispatchEvent(new MouseEvent(k, { bubbles: true }));
      }
    });
    if (!page.url().startsWith(href.split('#')[0])) await page.goto(href);
    const pwned = await page.evaluate(() => window.__pwned);
    result.pwned = pwned ?? null;
    check(pwned === undefined, `a payload ran: window.__pwned = ${pwned}`);
    check(dialogs === 0, `${dialogs} dialog(s) opened`);
    result.scripts = await page.$$eval('script', (s) => s.length);
    check(result.scripts === 0, `the XSS page has ${result.scripts} <script> elements`);
    await page.screenshot({ path: join(shotDir, 'xss.png') });
  }
  // 3. Each SVG the diagrams command wrote, opened directly: a standalone SVG document
  // runs <script> and on… handlers, so nothing may run here either.
  result.svgs = 0;
  if (svgDir) {
    for (const name of readdirSync(svgDir).filter((n) => n.endsWith('.svg')).sort()) {
      const url = pathToFileURL(join(svgDir, name)).href;
      await page.goto(url);
      await page.waitForTimeout(100);
      // Fire every pointer and focus event at every element (inline on… handlers run
      // for dispatched events as for real ones), then click each link for real.
      await page.evaluate(() => {
        // Dispatched clicks still run on… handlers, but follow no link.
        document.addEventListener('click', (e) => e.preventDefault(), true);
        const kinds = ['mouseover', 'mouseenter', 'mousemove', 'mousedown', 'mouseup', 'click', 'focus', 'focusin'];
        for (const el of document.querySelectorAll('*')) {
          for (const k of kinds) el.dispatchEvent(new MouseEvent(k, { bubbles: true }));
        }
      });
      for (const a of await page.$$('a')) {
        await a.click({ timeout: 1000, force: true }).catch(() => {});
        if (page.url() !== url) await page.goto(url);
      }
      const pwned = await page.evaluate(() => window.__pwned);
      check(pwned === undefined, `${name}: a payload ran: window.__pwned = ${pwned}`);
      const scripts = await page.evaluate(() => document.getElementsByTagName('script').length);
      check(scripts === 0, `${name}: ${scripts} <script> elements`);
      result.svgs += 1;
    }
    check(result.svgs > 0, 'no SVG files to open');
    check(dialogs === 0, `${dialogs} dialog(s) opened by the SVG files`);
  }
  check(result.consoleErrors.length === 0, `console errors: ${result.consoleErrors.join(' | ')}`);
  check(result.requests.length === 0, `network requests: ${result.requests.join(' ')}`);
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}

console.log(JSON.stringify({ ...result, failures }));
process.exit(failures.length ? 1 : 0);
