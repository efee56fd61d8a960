/**
 * The board's one HTML page: inline CSS (the report's, plus the board's own rules) and one inline
 * script allowed by its hash in the Content-Security-Policy; no external resource of any kind.
 * Swedish by default (`/?lang=en` for English).
 * @module
 */
import { createHash } from 'node:crypto';
import { escapeHtml as e } from '../report/index.js';
import { jsonForScript } from '../report/data.js';
import { CHANGES_STYLE, STYLE } from '../report/style.js';
import { STRATEGIES } from '../plan/index.js';
import { boardTexts, type BoardLang } from './i18n.js';
import { BOARD_SCRIPT } from './script.js';

/** The board's rules on top of the report's (AA contrast on white; state never by colour alone). */
const BOARD_STYLE = `
#filters{position:static}
.row2{display:grid;grid-template-columns:minmax(0,1fr) 30em;gap:1em;align-items:start}
@media (max-width:900px){.row2{grid-template-columns:1fr}}
.panel{border:1px solid #c8c8c8;border-radius:6px;padding:.5em .8em;margin:.5em 0}
.panel h3{margin:.2em 0 .4em}
.panel label{display:block;margin:.3em 0;font-size:.92em}
input{font:inherit;color:#1a1a1a;background:#fff;border:1px solid #6b6b6b;border-radius:4px;padding:.2em .4em}
button:disabled{color:#595959;border-color:#949494;cursor:default}
.ok{color:#1d6b2a;font-weight:600}
#timeline rect.vi{cursor:grab;stroke:#fff;stroke-width:.5}
#timeline rect.vi:focus{outline:none;stroke:#0b4fa8;stroke-width:3}
#timeline rect.vi.sel{stroke:#111;stroke-width:2.5}
#timeline rect.vi.mv{stroke:#111;stroke-width:2;stroke-dasharray:4 2}
#timeline rect.vi.lk{stroke:#111;stroke-width:2.5;stroke-dasharray:1 1.5}
#timeline rect.vi.dim{opacity:.3}
#status{min-height:1.4em}
#prog{width:16em}
.tlegend .sw.mv{border:2px dashed #111}.tlegend .sw.lk{border:2px dotted #111}
#pending,#rec-out ol{margin:.3em 0;padding-left:1.3em}
#cost-out table{font-size:.85em}
#check-out ul{margin:.2em 0;padding-left:1.2em;max-height:14em;overflow:auto;font-size:.9em}
fieldset.open{border:1px solid #c8c8c8;border-radius:6px;margin:.5em 0;display:flex;flex-wrap:wrap;gap:.5em 1.2em;align-items:end}
fieldset.open label{display:flex;flex-direction:column;font-size:.9em}
`;

/** Content-Security-Policy of the page: its own inline script by hash, requests to this origin only. */
export const BOARD_CSP = `default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-${createHash('sha256').update(BOARD_SCRIPT).digest('base64')}'; connect-src 'self'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;

/** The page in a language. */
export function boardPage(lang: BoardLang = 'sv'): string {
  const B = boardTexts(lang);
  const strategies = STRATEGIES.map((s) => `<option value="${e(s)}"${s === 'balanced' ? ' selected' : ''}>${e(s)}</option>`).join('');
  const checks = STRATEGIES.map((s) => `<label class="inline"><input type="checkbox" value="${e(s)}"${s === 'baseline' ? '' : ' checked'}> ${e(s)}</label>`).join(' ');
  const sel = (id: string, label: string): string => `<label>${e(label)}<select id="${id}"></select></label>`;
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>slinga — ${e(B.title)}</title>
<style>${STYLE}${CHANGES_STYLE}${BOARD_STYLE}</style>
</head>
<body>
<a class="skip" href="#main">${e(B.skip)}</a>
<header>
<h1>slinga — ${e(B.title)}</h1>
<p class="meta"><a href="${e(B.otherHref)}" lang="${e(B.otherLang)}">${e(B.other)}</a></p>
</header>
<main id="main">
<section id="open" aria-labelledby="open-h">
<h2 id="open-h">${e(B.open)}</h2>
<fieldset class="open"><legend>${e(B.open)}</legend>
<label>${e(B.token)}<input id="token" type="password" autocomplete="off" size="28"></label>
<label>${e(B.instanceFile)}<input id="instance-file" type="file" multiple accept=".json,.xlsx,.csv,application/json,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"></label>
<label>${e(B.strategy)}<select id="strategy">${strategies}</select></label>
<label>${e(B.effort)}<input id="effort" type="number" min="1" max="100000" inputmode="numeric" size="8"></label>
<button type="button" id="plan-it">${e(B.planIt)}</button>
<label>${e(B.jobId)}<input id="job" type="text" size="38" spellcheck="false"></label>
<button type="button" id="open-job">${e(B.openJob)}</button>
</fieldset>
<p><label>${e(B.progress)} <progress id="prog" max="1" value="0"></progress></label> <span id="status" role="status" aria-live="polite"></span></p>
</section>
<section id="board" aria-labelledby="board-h" hidden>
<h2 id="board-h">${e(B.board)} <a id="report" class="id" href="#">${e(B.report)}</a></h2>
<fieldset id="filters"><legend>${e(B.filters)}</legend>
${sel('f-team', B.team)}${sel('f-staff', B.staff)}${sel('f-client', B.client)}${sel('f-day', B.day)}
<button type="button" id="f-reset">${e(B.reset)}</button>
</fieldset>
<p>${e(B.dragHint)}</p>
<div class="row2">
<div>
<p id="day-msg" aria-live="polite"></p>
<div id="day-views">
<div class="tlegend"><span><span class="sw vi"></span>${e(B.staff)}</span><span><span class="sw tr"></span>↔</span><span><span class="sw mv"></span>${e(B.moved)}</span><span><span class="sw lk"></span>${e(B.locked)}</span></div>
<svg id="timeline" role="group" aria-label="${e(B.board)}"></svg>
<div id="mapbox"><svg id="map" role="img" aria-label="${e(B.board)}"></svg><ul id="legend" aria-label="${e(B.staff)}"></ul></div>
</div>
</div>
<div>
<div class="panel" id="sel"><h3>${e(B.selected)}</h3>
<p id="sel-none">${e(B.noneSelected)}</p>
<div id="sel-body" hidden>
<p id="sel-text"></p>
<label>${e(B.moveTo)}<select id="m-staff"></select></label>
<label>${e(B.startAt)}<input id="m-start" type="time" step="300"></label>
<button type="button" id="do-move">${e(B.move)}</button>
<button type="button" id="lock" aria-pressed="false">${e(B.lock)}</button>
<button type="button" id="rec-visit">${e(B.recommendVisit)}</button>
</div>
</div>
<div class="panel" aria-live="polite"><h3>${e(B.check)}</h3><div id="check-out"></div>
<h3>${e(B.cost)}</h3><p class="id">${e(B.costIntro)} <span id="evalms"></span></p><div id="cost-out" class="wrap"></div></div>
<div class="panel"><h3>${e(B.pending)}</h3><ul id="pending"></ul>
<button type="button" id="undo" disabled>${e(B.undo)}</button> <button type="button" id="replan">${e(B.replan)}</button></div>
<div class="panel"><h3>${e(B.recommend)}</h3>
<label>${e(B.absent)}<select id="a-staff"></select></label>
<label>${e(B.absentDate)}<select id="a-date"></select></label>
<button type="button" id="rec-absent">${e(B.findReplacements)}</button>
<div id="rec-out" aria-live="polite"></div></div>
</div>
</div>
<div id="changes-box" tabindex="-1" hidden></div>
</section>
<section id="compare" aria-labelledby="compare-h" hidden>
<h2 id="compare-h">${e(B.compare)}</h2>
<p>${e(B.compareIntro)}</p>
<fieldset class="open" id="cmp-strategies"><legend>${e(B.strategies)}</legend>${checks}
<button type="button" id="cmp-run">${e(B.compareRun)}</button></fieldset>
<fieldset class="open"><legend>${e(B.manual)}</legend><label>${e(B.manualFile)}<input id="manual-file" type="file" accept=".json,application/json"></label>
<button type="button" id="cmp-manual">${e(B.compareManual)}</button></fieldset>
<div id="cmp-out" class="wrap" aria-live="polite"></div>
</section>
</main>
<script type="application/json" id="texts">${jsonForScript(B)}</script>
<script>${BOARD_SCRIPT}</script>
</body>
</html>
`;
}
