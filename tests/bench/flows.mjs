// The timed flows of the benchmark, run inside the page (page.evaluate), so
// the figures are the app's and not the time Playwright takes to drive it.

// In the page: drop globalThis.benchFile on the import zone, press Import
// when the preview offers it, and resolve with the time until "Imported".
export function importDropped() {
  return new Promise((done, fail) => {
    const t = performance.now();
    const dt = new DataTransfer();
    dt.items.add(globalThis.benchFile);
    document.querySelector('#import-drop').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    let pressed = false;
    const check = () => {
      const message = document.querySelector('#import-message')?.textContent ?? '';
      if (message.startsWith('Imported')) return done(performance.now() - t);
      if (message.startsWith('Nothing was imported') || document.querySelector('#import-problems')) return fail(new Error(message || 'the file was refused'));
      const button = document.querySelector('#import-confirm');
      if (!pressed && button && !button.disabled) { pressed = true; button.click(); }
      setTimeout(check, 1);
    };
    check();
  });
}

// In the page: save the open provision form and resolve with the time until
// the new total is painted (the frame after the total's text changed).
export function editToPaint() {
  return new Promise((done) => {
    const total = document.querySelector('#cost-total');
    const before = total.textContent;
    const t = performance.now();
    const seen = new MutationObserver(() => {
      if (total.textContent !== before) { seen.disconnect(); requestAnimationFrame(() => done(performance.now() - t)); }
    });
    seen.observe(total, { childList: true, characterData: true, subtree: true });
    document.querySelector('form.provision-form button[type=submit]').click();
  });
}

// In the page: save the open register form (a pupil's name changed) and
// resolve with the time until the register's row shows the new name.
export function registerEditToPaint(name) {
  return new Promise((done) => {
    const table = document.querySelector('table.register');
    const t = performance.now();
    const seen = new MutationObserver(() => {
      if (table.textContent.includes(name)) { seen.disconnect(); requestAnimationFrame(() => done(performance.now() - t)); }
    });
    seen.observe(table, { childList: true, characterData: true, subtree: true });
    document.querySelector('form.add-pupil button[type=submit]').click();
  });
}

// From Node: open the register, the first pupil's edit form, and give them
// a new given name; resolves with the new full name, ready for registerEditToPaint.
export async function openRegisterEdit(page) {
  await page.evaluate(() => { location.hash = '#/pupils'; });
  const first = page.locator('table.register tbody tr').first();
  await first.waitFor();
  await first.getByRole('button', { name: /^Edit / }).click();
  const given = page.locator('#given-name');
  const name = `${await given.inputValue()}x`;
  await given.fill(name);
  return `${name} ${await page.locator('#family-name').inputValue()}`;
}

// In the page: how many times a provision has been costed (undefined for a
// build without the counter).
export function provisionsCosted() {
  return globalThis.waymark?.provisionsCosted?.();
}

// Before the page loads: note the time of the frame after the whole-school
// map's table first appears, in globalThis.benchMapPainted.
export function mapPainted() {
  new MutationObserver((_, seen) => {
    if (document.querySelector('table.map')) {
      seen.disconnect();
      requestAnimationFrame(() => { globalThis.benchMapPainted = performance.now(); });
    }
  }).observe(document, { childList: true, subtree: true });
}

// From Node: open the page of the provision with the most pupils, open its
// edit form and add 5 to its minutes, ready for editToPaint.
export async function openBusiestForEdit(page, doc) {
  const busiest = Object.entries(doc.data.enrolments.reduce((m, e) => ((m[e.provision_id] = (m[e.provision_id] ?? 0) + 1), m), {}))
    .sort((a, b) => b[1] - a[1])[0][0];
  await page.evaluate((id) => { location.hash = `#/provisions/${id}`; }, busiest);
  await page.locator('#cost-total').waitFor();
  await page.getByRole('button', { name: 'Edit provision' }).click();
  const minutes = page.getByLabel('Minutes per session');
  await minutes.fill(String(Number(await minutes.inputValue()) + 5));
  return minutes;
}
