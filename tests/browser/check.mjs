// Opens a kgraph graph.html in headless Chromium and checks it as a user would use it: the page
// loads with no console error, draws the expected number of entities, a click on an entity shows
// its evidence sentences, and a search finds an entity by name. Prints a JSON report; exits 1 on
// a failed check. Usage: node check.mjs PAGE.html EXPECTED_NODES [SCREENSHOT.png], where
// EXPECTED_NODES is a number or a range "MIN-MAX".
import { chromium } from "playwright-core";
import path from "node:path";

const [page_, expected, shot] = process.argv.slice(2);
const fail = (msg) => { console.error("check.mjs: " + msg); process.exitCode = 1; };

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync"],
});
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const errors = [];
  const requests = [];
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("request", (r) => { if (!r.url().startsWith("file:")) requests.push(r.url()); });
  const t0 = Date.now();
  await page.goto("file://" + path.resolve(page_));
  await page.waitForFunction(() => window.kgraph && window.kgraph.ready, null, { timeout: 120000 });
  const loadMs = Date.now() - t0;
  const drawn = await page.evaluate(() => window.kgraph.drawn);
  const [lo, hi] = expected.includes("-") ? expected.split("-").map(Number) : [Number(expected), Number(expected)];
  if (drawn.nodes < lo || drawn.nodes > hi) fail(`drew ${drawn.nodes} entities, expected ${expected}`);
  // a real click on the canvas, on the entity with the most facts drawn
  const target = await page.evaluate(() => {
    const cy = window.kgraph.cy;
    const n = cy.nodes().sort((a, b) => b.degree() - a.degree() || a.id().localeCompare(b.id()))[0];
    const p = n.renderedPosition();
    const r = cy.container().getBoundingClientRect();
    return { x: r.left + p.x, y: r.top + p.y, label: n.data("label") };
  });
  const t1 = Date.now();
  await page.mouse.click(target.x, target.y);
  await page.waitForSelector("#panel .ev", { timeout: 10000 }).catch(() => fail("no evidence shown after a click"));
  const clickMs = Date.now() - t1;
  if (shot) {
    await page.screenshot({ path: shot });
  }
  const panel = await page.evaluate(() => ({
    title: document.querySelector("#panel h2")?.textContent,
    evidence: Array.from(document.querySelectorAll("#panel .ev")).length,
    marked: Array.from(document.querySelectorAll("#panel mark")).length,
  }));
  if (panel.title !== target.label) fail(`clicked ${target.label}, panel shows ${panel.title}`);
  if (panel.marked === 0) fail("no name highlighted in the evidence");
  // search by name: the entity clicked, found again
  await page.fill("#search", target.label);
  await page.press("#search", "Enter");
  const found = await page.evaluate(() => document.querySelector("#panel h2")?.textContent);
  if (found !== target.label && !String(found).includes("match")) fail(`search for ${target.label} shows ${found}`);
  // a filter that keeps no fact empties the drawing
  await page.fill("#pred", "no predicate is called this");
  await page.waitForFunction(() => window.kgraph.drawn.edges === 0, null, { timeout: 10000 }).catch(() => {});
  const filtered = await page.evaluate(() => window.kgraph.drawn.nodes);
  if (filtered > 1) fail(`a predicate filter matching nothing still draws ${filtered} entities`);
  const t2 = Date.now();
  await page.fill("#pred", "");
  await page.waitForFunction(() => window.kgraph.drawn.edges > 0, null, { timeout: 10000 }).catch(() => fail("clearing the filter drew nothing"));
  const refilterMs = Date.now() - t2;
  if (errors.length) fail("console errors: " + errors.join(" | "));
  if (requests.length) fail("the page asked the network for: " + requests.join(", "));
  console.log(JSON.stringify({ loadMs, clickMs, refilterMs, drawn, clicked: target.label, panel, found, filtered, errors, requests }));
} finally {
  await browser.close();
}
