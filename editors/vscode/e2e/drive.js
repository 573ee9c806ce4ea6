// Drives a real VS Code (code-server, started by run.sh with the freshly built .vsix
// installed) in headless Chromium through playwright-core, as a user would: open a Python
// file, see the server's diagnostics and hover, run the file from the palette, read its
// output, see the heat map, the "Adder" tree and the status bar, evaluate a line with
// Shift+Enter, show the quickening of a function, profile the file, interrupt an
// endless loop, and open a REPL attached to the server's session. Every wait is on a condition; screenshots go to $SHOTS.
//
// env: URL (code-server with ?folder=), WS (the workspace folder), SHOTS (screenshot directory), CHROMIUM (browser),
//      TIMEOUT_MS (per step, default 90 s).
'use strict';
const { chromium } = require('playwright-core');
const fs = require('fs');
const path = require('path');

const URL = process.env.URL;
const SHOTS = process.env.SHOTS;
const WS = process.env.WS;
const T = Number(process.env.TIMEOUT_MS || 90000);
const started = Date.now();

function log(msg) {
  console.log(`[e2e ${((Date.now() - started) / 1000).toFixed(1)}s] ${msg}`);
}

let passed = 0;

async function step(name, fn) {
  log(name);
  try {
    const r = await fn();
    passed++;
    return r;
  } catch (e) {
    e.message = `step "${name}" failed: ${e.message}`;
    throw e;
  }
}

/** Waits until `fn()` (evaluated in the page) is truthy. */
async function waitPage(page, fn, arg, what) {
  try {
    return await page.waitForFunction(fn, arg, { timeout: T, polling: 200 });
  } catch (e) {
    throw new Error(`timed out waiting for ${what}`);
  }
}

/** The editor line element whose text contains `text`. */
function line(page, text) {
  return page.locator('.part.editor .monaco-editor .view-line', { hasText: text }).first();
}

/**
 * Opens the quick input with `key` and types `text`, retrying: a focus change that lands just
 * after the key (an editor being revealed) closes the quick input again.
 */
async function quickInput(page, key, text) {
  const input = page.locator('.quick-input-widget input.input');
  const deadline = Date.now() + T;
  for (;;) {
    // No click to focus: Playwright scrolls a clicked element into view, and scrolling Monaco's
    // DOM behind its back leaves the editor drawn at a wrong offset.
    await page.keyboard.press('Escape');
    await page.keyboard.press(key);
    try {
      await input.waitFor({ state: 'visible', timeout: 3000 });
      await input.fill(text, { timeout: 3000 });
      if ((await input.isVisible()) && (await input.inputValue()) === text) {
        return input;
      }
    } catch (e) {
      if (Date.now() > deadline) {
        throw e;
      }
    }
    if (Date.now() > deadline) {
      throw new Error(`the quick input (${key}) did not stay open`);
    }
  }
}

/** Runs a command from the palette by its title. */
async function palette(page, title) {
  await quickInput(page, 'F1', '>' + title);
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
  await row.waitFor({ state: 'visible', timeout: T });
  await row.click();
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: T });
}

/** Moves the cursor to the first line of `file` (in the workspace) containing `text`. */
async function gotoLine(page, file, text) {
  const lines = fs.readFileSync(path.join(WS, file), 'utf8').split('\n');
  const n = lines.findIndex((l) => l.includes(text)) + 1;
  if (n === 0) {
    throw new Error(`no line with ${JSON.stringify(text)} in ${file}`);
  }
  // Enter only while the quick input still has the focus: a late focus change (the editor
  // revealing a selection after a tree click) can close it, and an Enter sent then would
  // replace the editor's selection with a newline.
  for (let attempt = 0; ; attempt++) {
    const input = await quickInput(page, 'Control+G', ':' + n);
    const focused = await input.evaluate((el) => el === document.activeElement).catch(() => false);
    if (focused) {
      await page.keyboard.press('Enter');
      break;
    }
    if (attempt >= 5) {
      throw new Error('the Go to Line input lost the focus each time');
    }
    await page.waitForTimeout(300);
  }
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: T });
  await line(page, text).waitFor({ state: 'visible', timeout: T });
}

/** Hovers `word` on the line containing `text`; returns the hover's text once it holds `expect`. */
async function hover(page, text, word, expect) {
  const l = line(page, text);
  await l.waitFor({ state: 'visible', timeout: T });
  const deadline = Date.now() + T;
  let last = '';
  while (Date.now() < deadline) {
    // Monaco re-renders lines: look the word up afresh each time.
    const span = line(page, text).locator('span span', { hasText: word }).first();
    const box = await span.boundingBox({ timeout: 2000 }).catch(() => null);
    if (!box) {
      await page.waitForTimeout(200);
      continue;
    }
    // Move away and back so VS Code asks again (the first answer may predate the data).
    await page.mouse.move(box.x + box.width / 2, box.y - 200);
    await page.mouse.move(box.x + Math.min(box.width / 2, 12), box.y + box.height / 2);
    const h = page.locator('.monaco-hover:not(.hidden)', { hasText: expect }).first();
    try {
      await h.waitFor({ state: 'visible', timeout: 4000 });
      // Wait out the fade-in, so a screenshot shows the hover fully drawn.
      await h.evaluate(
        (el) =>
          new Promise((resolve) => {
            const opaque = () => {
              for (let e = el; e; e = e.parentElement) {
                if (Number(getComputedStyle(e).opacity) < 1) {
                  return false;
                }
              }
              return true;
            };
            const poll = () => (opaque() ? resolve() : setTimeout(poll, 50));
            poll();
          }),
        undefined,
        { timeout: 5000 },
      );
      return await h.innerText();
    } catch {
      last = await page
        .locator('.monaco-hover:not(.hidden)')
        .first()
        .innerText({ timeout: 500 })
        .catch(() => '');
    }
  }
  throw new Error(`no hover with ${JSON.stringify(expect)} over ${String(word)} (last hover: ${JSON.stringify(last)})`);
}

async function outputContains(page, text) {
  await waitPage(
    page,
    (t) => {
      const panel = document.querySelector('.part.panel');
      return !!panel && panel.innerText.replace(/\u00a0/g, ' ').includes(t);
    },
    text,
    `the output panel to show ${JSON.stringify(text)}`,
  );
}

async function statusContains(page, text) {
  const item = page.locator('.part.statusbar .statusbar-item', { hasText: text }).first();
  await item.waitFor({ state: 'visible', timeout: T }).catch(async () => {
    const all = await page.locator('.part.statusbar').innerText().catch(() => '');
    throw new Error(`no status-bar item with ${JSON.stringify(text)} (status bar: ${JSON.stringify(all)})`);
  });
  return item.innerText();
}

/** Background colours of the editor's whole-line decorations, as `r, g, b` strings. */
async function heatColours(page) {
  return page.evaluate(() => {
    const out = new Set();
    for (const e of document.querySelectorAll('.part.editor .monaco-editor .view-overlays div[class*="ced-"]')) {
      const m = /rgba?\((\d+), (\d+), (\d+)/.exec(getComputedStyle(e).backgroundColor);
      if (m && getComputedStyle(e).backgroundColor !== 'rgba(0, 0, 0, 0)') {
        out.add(`${m[1]}, ${m[2]}, ${m[3]}`);
      }
    }
    return [...out];
  });
}

async function shot(page, name) {
  const file = path.join(SHOTS, name);
  await page.screenshot({ path: file });
  log(`screenshot ${file}`);
}

async function openFile(page, name) {
  const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: name }).first();
  await row.waitFor({ state: 'visible', timeout: T });
  await row.click();
  await page.locator('.part.editor .tab.active', { hasText: name }).waitFor({ state: 'visible', timeout: T });
  await page.locator('.part.editor .monaco-editor .view-lines').first().waitFor({ state: 'visible', timeout: T });
}

async function main() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  page.setDefaultTimeout(T);
  try {
    await step('open the workbench', async () => {
      await page.goto(URL, { waitUntil: 'domcontentloaded', timeout: T });
      await page.waitForSelector('.monaco-workbench', { timeout: T });
      await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ state: 'visible', timeout: T });
    });

    await step('open sample.py: an error squiggle from adder lsp', async () => {
      await openFile(page, 'sample.py');
      await page.waitForSelector('.part.editor .monaco-editor .squiggly-error', { timeout: T });
      await statusContains(page, 'Adder: idle');
    });

    await step('hover from adder lsp', async () => {
      const text = await hover(page, 'print(greet("adder"))', /^greet$/, 'greeting');
      if (!/def greet\(name\)/.test(text)) {
        throw new Error(`unexpected hover: ${text}`);
      }
      log(`hover: ${JSON.stringify(text.slice(0, 80))}`);
      await shot(page, 'hover.png');
      await page.mouse.move(5, 5);
    });

    await step('Adder: Run File from the palette, output in the "Adder" channel', async () => {
      await palette(page, 'Adder: Run File');
      await outputContains(page, 'work: 8999997000000');
      await outputContains(page, '[Adder] finished');
      await statusContains(page, '% specialized');
    });

    await step('the heat map decorates the lines that ran', async () => {
      const colour = (rgb, what) =>
        waitPage(
          page,
          (want) => {
            for (const e of document.querySelectorAll('.part.editor .monaco-editor .view-overlays div[class*="ced-"]')) {
              if (getComputedStyle(e).backgroundColor.startsWith(`rgba(${want}, `)) {
                return true;
              }
            }
            return false;
          },
          rgb,
          what,
        );
      await colour('46, 160, 67', 'a green (specialized) heat-map line');
      // The server's inlay hints and code lenses after the run.
      await page.locator('.part.editor .monaco-editor', { hasText: '×3,000,0' }).first().waitFor({ timeout: T });
      await page.locator('.part.editor .codelens-decoration', { hasText: 'specialized' }).first().waitFor({ timeout: T });
      await gotoLine(page, 'sample.py', 'total += s.x');
      await colour('218, 54, 51', 'a red (failed to specialize) heat-map line');
      log(`heat colours: ${JSON.stringify(await heatColours(page))}`);
    });

    await step('the heat map explains a failed specialization on hover', async () => {
      const text = await hover(page, 'total += s.x', /^x$/, '__getattribute__');
      log(`heat hover: ${JSON.stringify(text.slice(0, 120))}`);
      await shot(page, 'heatmap-hover.png');
      await page.mouse.move(5, 5);
    });

    await step('the Adder tree lists hot functions and their instructions', async () => {
      await page.locator('.part.activitybar .action-item a[aria-label^="Adder"], .part.activitybar .action-item[aria-label^="Adder"]').first().click();
      const view = page.locator('.part.sidebar');
      // Widen the side bar so the descriptions show in the screenshot.
      const side = await view.boundingBox();
      if (side) {
        await page.mouse.move(side.x + side.width - 1, side.y + side.height / 2);
        await page.mouse.down();
        await page.mouse.move(side.x + side.width + 260, side.y + side.height / 2, { steps: 5 });
        await page.mouse.up();
      }
      const work = view.locator('.monaco-list-row', { hasText: 'work' }).filter({ hasText: 'specialized' }).first();
      await work.waitFor({ state: 'visible', timeout: T });
      await work.locator('.monaco-tl-twistie').click();
      await view.locator('.monaco-list-row', { hasText: 'BINARY_OP_ADD_INT' }).first().waitFor({ timeout: T });
      const attrs = view.locator('.monaco-list-row', { hasText: 'attrs' }).filter({ hasText: 'failed' }).first();
      await attrs.waitFor({ state: 'visible', timeout: T });
      await attrs.locator('.monaco-tl-twistie').click();
      const failedRow = view.locator('.monaco-list-row', { hasText: 'LOAD_ATTR (x)' }).filter({ hasText: '__getattribute__' }).first();
      await failedRow.waitFor({ timeout: T });
      // A click goes to the instruction's source.
      const want = fs.readFileSync(path.join(WS, 'sample.py'), 'utf8').split('\n').findIndex((l) => l.includes('total += s.x')) + 1;
      await failedRow.click();
      await statusContains(page, `Ln ${want}, Col`);
      // The click's reveal moves the focus to the editor a moment later: let it settle.
      await page.waitForTimeout(500);
      await gotoLine(page, 'sample.py', 't += i * 2');
      await shot(page, 'tree-heatmap.png');
    });

    await step('Shift+Enter evaluates the current line in the same VM', async () => {
      await gotoLine(page, 'sample.py', 'work(10)');
      await page.keyboard.press('Shift+Enter');
      await outputContains(page, '>>> work(10)');
      await waitPage(
        page,
        () =>
          (document.querySelector('.part.panel')?.innerText ?? '')
            .split('\n')
            .map((l) => l.trim())
            .includes('90'),
        undefined,
        'the result 90 in the output',
      );
      await shot(page, 'run-selection.png');
    });

    await step('Adder: Show Quickening for the function at the cursor', async () => {
      await gotoLine(page, 'sample.py', 't += i * 2');
      await palette(page, 'Adder: Show Quickening');
      await page.locator('.part.editor .tab', { hasText: 'quickening of work' }).first().waitFor({ timeout: T });
      await page.locator('.part.editor .view-line', { hasText: 'Quickening of work' }).first().waitFor({ timeout: T });
      await page.locator('.part.editor .view-line', { hasText: 'BINARY_OP_ADD_INT' }).first().waitFor({ timeout: T });
      await shot(page, 'quickening.png');
    });

    await step('Adder: Toggle Heat Map switches the decorations off and on', async () => {
      const heatShown = (want) =>
        [...document.querySelectorAll('.part.editor .monaco-editor .view-overlays div[class*="ced-"]')].some((e) =>
          /^rgba\((46, 160, 67|212, 160, 23|218, 54, 51), /.test(getComputedStyle(e).backgroundColor),
        ) === want;
      await page.locator('.part.editor .tab', { hasText: 'sample.py' }).first().click();
      await waitPage(page, heatShown, true, 'heat-map lines before the toggle');
      await palette(page, 'Adder: Toggle Heat Map');
      await waitPage(page, heatShown, false, 'the heat map to disappear');
      await palette(page, 'Adder: Toggle Heat Map');
      await waitPage(page, heatShown, true, 'the heat map to come back');
    });

    await step('Adder: Profile File', async () => {
      await page.locator('.part.editor .tab', { hasText: 'sample.py' }).first().click();
      await palette(page, 'Adder: Profile File');
      await page.locator('.part.editor .view-line', { hasText: 'Profile of' }).first().waitFor({ timeout: T });
      await page.locator('.part.editor .view-line', { hasText: 'Hot lines' }).first().waitFor({ timeout: T });
      await shot(page, 'profile.png');
    });

    await step('interrupt `while True: pass`', async () => {
      await page.locator('.part.activitybar .action-item a[aria-label^="Explorer"], .part.activitybar .action-item[aria-label^="Explorer"]').first().click();
      await openFile(page, 'spin.py');
      // This time through the server's "▶ Run in Adder" code lens (the extension runs it).
      const lens = page.locator('.part.editor .codelens-decoration a', { hasText: 'Run in Adder' }).first();
      await lens.waitFor({ state: 'visible', timeout: T });
      await lens.click();
      await statusContains(page, 'Adder: running');
      await shot(page, 'running.png');
      await palette(page, 'Adder: Interrupt');
      await outputContains(page, 'KeyboardInterrupt');
      await outputContains(page, '[Adder] interrupted');
      await statusContains(page, 'Adder: interrupted');
      await shot(page, 'interrupted.png');
    });

    await step('Adder: Open Attached REPL opens a terminal on the server session', async () => {
      await palette(page, 'Adder: Open Attached REPL');
      await waitPage(
        page,
        () => (document.querySelector('.part.panel')?.innerText ?? '').includes('Adder REPL (attached)'),
        undefined,
        'the attached REPL terminal',
      );
      await shot(page, 'attached-repl.png');
    });

    log('all steps passed');
    console.log(`e2e: ${passed} passed, 0 failed`);
  } catch (e) {
    await page.screenshot({ path: path.join(process.env.ARTIFACTS || SHOTS, 'failure.png') }).catch(() => {});
    throw e;
  } finally {
    await browser.close();
  }
}

main().catch((e) => {
  console.error(e.stack || String(e));
  console.log(`e2e: ${passed} passed, 1 failed`);
  process.exit(1);
});
