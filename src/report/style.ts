/** Inline stylesheet of the report (screen and print). Colours meet WCAG AA on white. */
export const STYLE = `
*{box-sizing:border-box}
body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1a1a1a;background:#fff}
a{color:#0b4fa8}
.skip{position:absolute;left:-999px;top:0;background:#fff;padding:.5em}
.skip:focus{left:.5em;z-index:10}
header{padding:1em 1.5em .5em;border-bottom:1px solid #c8c8c8}
h1{margin:0 0 .2em;font-size:1.6em}
h2{margin:1.2em 0 .5em;font-size:1.3em}
h3{margin:1em 0 .4em;font-size:1.1em}
.meta{margin:0;color:#454545}
nav ul{list-style:none;margin:.5em 0 0;padding:0;display:flex;flex-wrap:wrap;gap:.3em 1.2em}
main{padding:0 1.5em 2em}
section{scroll-margin-top:7em}
section h2{scroll-margin-top:7em}
#filters{position:sticky;top:0;z-index:5;background:#f3f5f8;border:1px solid #c8c8c8;border-radius:6px;padding:.5em .8em;margin:1em 0;display:flex;flex-wrap:wrap;gap:.5em 1.2em;align-items:end}
#filters legend{font-weight:600;padding:0 .3em;background:#f3f5f8;border-radius:4px}
#filters label{display:flex;flex-direction:column;font-size:.9em;color:#2b2b2b}
select,button{font:inherit;color:#1a1a1a;background:#fff;border:1px solid #6b6b6b;border-radius:4px;padding:.25em .5em}
button{cursor:pointer;white-space:nowrap}
td.d{white-space:nowrap}
button:hover,select:hover{background:#eef2f8}
:focus-visible{outline:3px solid #0b4fa8;outline-offset:2px}
.kpis{display:grid;grid-template-columns:repeat(auto-fill,minmax(19em,1fr));gap:.8em}
.kpi{border:1px solid #c8c8c8;border-radius:6px;padding:.6em .8em}
.kpi h3{margin:0;font-size:1em}
.kpi .v{font-size:1.35em;font-weight:650;margin:.15em 0}
.kpi .s{font-weight:500;font-size:.8em;color:#333}
.kpi p{margin:.2em 0 0;color:#3a3a3a;font-size:.92em}
table{border-collapse:collapse;font-size:.9em;margin:.3em 0}
th,td{border-bottom:1px solid #d6d6d6;padding:.25em .5em;text-align:left;vertical-align:top}
th{background:#eef1f5;font-weight:600}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
.wrap{overflow-x:auto;max-width:100%}
.id{color:#4a4a4a;font-size:.85em}
.note{color:#3a3a3a}
.bad{color:#a3140b;font-weight:600}
#mapbox{display:flex;flex-wrap:wrap;gap:1em;align-items:flex-start}
#map{width:min(100%,640px);height:min(75vh,560px);border:1px solid #c8c8c8;border-radius:6px;background:#fbfbf8}
#map polyline{fill:none;stroke-width:2.4;stroke-linejoin:round;stroke-linecap:round;opacity:.9}
#map polyline:hover,#map polyline:focus{stroke-width:5;opacity:1}
#map .cl{stroke:#fff;stroke-width:.8}
#map .bs{fill:#111;stroke:#fff;stroke-width:1.5}
#legend{list-style:none;margin:0;padding:0;columns:2 12em;font-size:.9em}
#legend li{margin:.1em 0}
.sw{display:inline-block;width:.9em;height:.9em;border-radius:2px;vertical-align:-.1em;margin-right:.35em}
#timeline{width:100%;height:auto;display:block;font-size:11px}
#timeline text{fill:#222}
#timeline .grid{stroke:#d3d3d3}
#timeline .tr{fill:#5f6368}
#timeline .wt{fill:#fff;stroke:#9a6a00;stroke-dasharray:2 2}
#timeline .br{fill:#cde8d0;stroke:#24692d}
#timeline .sh{fill:#f1f3f6}
.tlegend{display:flex;flex-wrap:wrap;gap:.3em 1.2em;font-size:.88em;margin:.3em 0}
.tlegend .sw.tr{background:#5f6368}.tlegend .sw.wt{background:#fff;border:1px dashed #9a6a00}.tlegend .sw.br{background:#cde8d0;border:1px solid #24692d}
.tlegend .sw.vi{background:linear-gradient(90deg,hsl(0 75% 40%),hsl(137 75% 30%),hsl(275 75% 40%))}
.korlista{border:1px solid #c8c8c8;border-radius:6px;padding:.5em .8em;margin:.8em 0;break-inside:avoid}
.korlista h3{margin:.1em 0 .4em}
.week{display:grid;grid-template-columns:repeat(7,minmax(7em,1fr));gap:.3em;font-size:.85em}
.week div{border:1px solid #d6d6d6;border-radius:4px;padding:.2em .35em}
.week b{display:block}
[hidden]{display:none!important}
@media print{
  body{font-size:11pt}
  header nav,#filters,.skip,#summary,#day,#clients,#staff,#unplanned,.noprint{display:none!important}
  main{padding:0}
  .korlista{border:0;padding:0;margin:0;break-after:page;page-break-after:always}
  th{background:#fff;border-bottom:1.5px solid #000}
  a{color:#000;text-decoration:none}
}
`;

/**
 * Extra rules for a plan with `changes`, appended only then (reports of other plans stay as they
 * were). Changed visits get a text badge and a dashed outline, never colour alone.
 */
export const CHANGES_STYLE = `
.badge{display:inline-block;margin-left:.35em;padding:0 .35em;border:1px solid #1a1a1a;border-radius:3px;font-size:.78em;font-weight:600;background:#fff6d6;color:#1a1a1a;white-space:nowrap}
tr.chg td:first-child,.week li.chg{border-left:4px double #1a1a1a;padding-left:.3em}
#timeline .vi.chg{stroke:#111;stroke-width:2;stroke-dasharray:3 2}
#changes ul.counts{margin:.3em 0;padding-left:1.2em}
@media print{#changes{display:none!important}.badge{background:#fff}}
`;
