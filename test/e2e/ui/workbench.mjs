// Driving the VS Code web workbench through playwright-core: waiting for it to load, the
// active editor, the theme, and reading the Problems panel (a virtualised list). Every wait is on
// a condition (an element, a class, a label, a frame drawn), never a fixed time.

/**
 * Calls `probe` until it returns something truthy and returns that; after `timeout` ms returns the
 * last value (falsy), for the caller to say what it saw. For conditions that a single
 * `waitForFunction` cannot express: they read several frames or scroll a list.
 */
export async function until(probe, timeout, interval = 100) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await probe();
    if (value || Date.now() >= deadline) return value;
    await new Promise((r) => setTimeout(r, interval));
  }
}

/** Resolves after the page has drawn two more frames: what a scroll or a pointer move changes is on screen. */
export async function nextFrames(page) {
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

export async function waitForWorkbench(page, timeout = 60_000) {
  await page.locator('.monaco-workbench .part.statusbar').first().waitFor({ state: 'visible', timeout });
  await page.waitForFunction(() => document.title.includes('Extension Development Host'), null, { timeout });
}

export async function waitForActiveTab(page, basename, timeout = 20_000) {
  await page.waitForFunction(
    (name) => {
      const tab = document.querySelector('.editor-group-container.active .tabs-container .tab.active');
      const label = tab ? tab.getAttribute('aria-label') || tab.textContent || '' : '';
      return label === name || label.startsWith(name + ',') || label.startsWith(name + ' ');
    },
    basename,
    { timeout },
  );
}

/** The workbench's theme classes, e.g. "vs vscode-theme-defaults-themes-light_modern-json". */
export async function themeClasses(page) {
  return page.evaluate(() => [...(document.querySelector('.monaco-workbench')?.classList ?? [])].filter((c) => /^(vs|vs-dark|hc-black|hc-light)$|^vscode-theme-/.test(c)).join(' '));
}

export async function waitForThemeClass(page, themeClass, timeout = 15_000) {
  await page.waitForFunction((c) => document.querySelector('.monaco-workbench')?.classList.contains(c), themeClass, { timeout });
}

/** The status bar's problem counts, read from its accessible label ("Errors: 4, Warnings: 2"). */
export async function statusBarProblems(page) {
  return page.evaluate(() => {
    const item = document.getElementById('status.problems');
    const aria = item?.getAttribute('aria-label') || item?.querySelector('[aria-label]')?.getAttribute('aria-label') || '';
    const num = (re) => Number(re.exec(aria)?.[1] ?? 0);
    return { aria, errors: num(/Errors?:\s*(\d+)/i), warnings: num(/Warnings?:\s*(\d+)/i), infos: num(/Infos?:\s*(\d+)/i) };
  });
}

export async function showProblemsPanel(page) {
  const shown = (timeout) => page.waitForFunction(() => !!document.querySelector('.markers-panel')?.offsetParent, null, { timeout }).then(() => true, () => false);
  if (await shown(1)) return;
  await page.keyboard.press('Control+Shift+M');
  if (await shown(4_500)) return;
  await page.locator('[id="status.problems"]').first().click();
  if (!(await shown(4_500))) throw new Error('the Problems panel did not open (Ctrl+Shift+M, status bar click)');
}

const PROBLEMS_LIST = '.markers-panel .monaco-list';

/** Scrolls a Monaco list with a synthetic wheel event (no pointer move, so no hover popups). */
async function scrollList(page, selector, dy) {
  await page.evaluate(
    ({ selector, dy }) => {
      const list = document.querySelector(selector);
      const el = list?.querySelector(':scope > .monaco-scrollable-element') ?? list?.querySelector('.monaco-scrollable-element');
      // Monaco reads the legacy wheelDeltaY (120 per notch); Chrome's synthetic default has the wrong sign
      el?.dispatchEvent(new WheelEvent('wheel', { deltaY: dy, wheelDeltaY: -dy * 2.4, deltaMode: 0, bubbles: true, cancelable: true }));
    },
    { selector, dy },
  );
  await nextFrames(page);
}

async function visibleRows(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('.markers-panel .monaco-list-row')]
      .filter((r) => !r.closest('.monaco-tree-sticky-container'))
      .map((r) => {
        const text = (sel) => (r.querySelector(sel)?.textContent ?? '').trim();
        const index = Number(r.getAttribute('data-index'));
        if (r.getAttribute('aria-level') === '1') return { index, kind: 'file', name: text('.label-name'), description: text('.label-description') };
        const icon = r.querySelector('.marker-icon');
        if (!icon) return { index, kind: 'other' };
        const severity = ['error', 'warning', 'info'].find((c) => icon.classList.contains(c)) ?? 'unknown';
        const position = text('.marker-line');
        const m = /Ln\s*(\d+),\s*Col\s*(\d+)/.exec(position);
        return {
          index,
          kind: 'marker',
          severity,
          message: [...r.querySelectorAll('.marker-message')].map((e) => e.textContent.trim()).join('\n'),
          source: text('.marker-source'),
          code: text('.marker-code'),
          line: m ? Number(m[1]) : null,
          col: m ? Number(m[2]) : null,
        };
      }),
  );
}

/**
 * Every row of the Problems panel: the list only renders what is in view, so scroll through it
 * and merge by row index. Returns [{ file, severity, message, source, code, line, col }].
 */
export async function readProblems(page) {
  const seen = new Map();
  for (let i = 0; i < 20; i++) {
    const rows = await visibleRows(page);
    if (!rows.length || Math.min(...rows.map((r) => r.index)) === 0) break;
    await scrollList(page, PROBLEMS_LIST, -1e7);
  }
  let lastHi = -1;
  for (let i = 0; i < 500; i++) {
    const rows = await visibleRows(page);
    if (!rows.length) break;
    for (const r of rows) seen.set(r.index, r);
    const hi = Math.max(...rows.map((r) => r.index));
    if (hi === lastHi) break;
    lastHi = hi;
    // a window less a few rows, so consecutive windows overlap and no row is skipped
    await scrollList(page, PROBLEMS_LIST, Math.max(22, (rows.length - 3) * 22));
  }
  await scrollList(page, PROBLEMS_LIST, -1e7);
  const problems = [];
  let file = null;
  for (const r of [...seen.values()].sort((a, b) => a.index - b.index)) {
    if (r.kind === 'file') file = r.description && r.description !== '.' ? `${r.description}/${r.name}` : r.name;
    else if (r.kind === 'marker') problems.push({ file, ...r, index: undefined, kind: undefined });
  }
  return problems;
}

/** Moves the pointer off the editor and waits until no hover shows, so screenshots show none. */
export async function parkMouse(page) {
  await page.mouse.move(150, 12).catch(() => {});
  // A hover that outlives the pointer only spoils a screenshot: after 2 s take it as it is.
  await page
    .waitForFunction(() => ![...document.querySelectorAll('.monaco-hover, .workbench-hover')].some((h) => h.offsetParent && !h.classList.contains('hidden')), null, { timeout: 2_000 })
    .catch(() => {});
  await nextFrames(page);
}

async function quickInputRows(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('.quick-input-widget .quick-input-list .monaco-list-row')].map((r) => ({
      index: r.getAttribute('data-index'),
      label: (r.querySelector('.label-name')?.textContent ?? '').trim(),
    })),
  );
}

/** Types `text` into the open quick input and clicks the row whose label is exactly `label`. */
async function pickQuickInputRow(page, text, label, timeout = 10_000) {
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible', timeout: 5_000 });
  await input.fill(text);
  // the row whose label is `label`, once the list has filtered to it
  const index = await page
    .waitForFunction(
      (want) => {
        const norm = (s) => s.replace(/\s+/g, ' ').trim().toLowerCase();
        const row = [...document.querySelectorAll('.quick-input-widget .quick-input-list .monaco-list-row')].find((r) => norm(r.querySelector('.label-name')?.textContent ?? '') === norm(want));
        return row?.getAttribute('data-index') ?? false;
      },
      label,
      { timeout },
    )
    .then((handle) => handle.jsonValue(), () => undefined);
  if (index !== undefined) {
    await page.locator(`.quick-input-widget .quick-input-list .monaco-list-row[data-index="${index}"]`).first().click();
    return;
  }
  const rows = await quickInputRows(page);
  await page.keyboard.press('Escape');
  throw new Error(`no entry "${label}" after typing "${text}"; saw ${JSON.stringify(rows.map((r) => r.label).slice(0, 8))}`);
}

/** Runs a command from the palette by its exact title, as a user would (F1, type, click). */
export async function runPaletteCommand(page, title) {
  await page.keyboard.press('F1');
  await pickQuickInputRow(page, `>${title}`, title);
}

/** Preferences: Color Theme, then the theme by its label in the picker; waits until it shows. */
export async function switchColorTheme(page, label, themeClass) {
  await runPaletteCommand(page, 'Preferences: Color Theme');
  await pickQuickInputRow(page, label, label);
  await waitForThemeClass(page, themeClass);
}
