/**
 * The dashboard's one stylesheet, served by us at /assets/dashboard.css (no CDN). Colours meet
 * WCAG 2.1 AA contrast (text #1a1a1a on #fff is 17:1; links #0b57d0 on #fff 6.3:1; the error
 * red #b3261e on #fff 6.5:1); focus is always visible (a 3 px outline); layout is one column
 * from 320 px up. A scrolling table region is positioned: visually hidden labels inside it (absolute)
 * otherwise escape its overflow and widen the page (the Setup page measured 339 px at 320).
 *
 * @module
 */
export const DASHBOARD_CSS = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1a1a;background:#fff}
a{color:#0b57d0}
a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,[tabindex]:focus-visible{outline:3px solid #1a1a1a;outline-offset:2px}
.skip{position:absolute;left:-999px;top:0;background:#fff;padding:.5rem}
.skip:focus{left:.5rem}
header{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;align-items:center;padding:.5rem 1rem;border-bottom:1px solid #767676}
.brand{font-weight:700;margin:0}
nav ul{display:flex;flex-wrap:wrap;gap:.25rem 1rem;list-style:none;margin:0;padding:0}
nav a[aria-current=page]{font-weight:700;text-decoration-thickness:3px}
.signout{margin-left:auto;display:flex;gap:.5rem;align-items:center;flex-wrap:wrap}
main{padding:1rem;max-width:72rem}
h1{font-size:1.6rem;margin:.5rem 0 1rem}
h2{font-size:1.25rem;margin:1.5rem 0 .5rem}
.scroll{overflow-x:auto;max-width:100%;position:relative}
table{border-collapse:collapse;min-width:100%}
th,td{text-align:left;padding:.35rem .6rem;border-bottom:1px solid #c4c4c4;vertical-align:top}
button{font:inherit;padding:.3rem .8rem;border:1px solid #1a1a1a;border-radius:4px;background:#f1f1f1;color:#1a1a1a;cursor:pointer}
button.danger{border-color:#b3261e;color:#b3261e;background:#fff}
input,select{font:inherit;padding:.25rem .4rem;border:1px solid #767676;border-radius:4px;max-width:100%}
label{display:inline-flex;flex-direction:column;gap:.15rem;margin:0 .75rem .5rem 0}
form.inline{display:inline}
fieldset{border:1px solid #c4c4c4;border-radius:6px;margin:0 0 1rem;padding:.5rem 1rem}
label.check{flex-direction:row;align-items:center;display:flex;gap:.5rem}
.hint{margin:0 0 .75rem;color:#4d4d4d;font-size:.9rem}
.filters{display:flex;flex-wrap:wrap;align-items:flex-end;margin-bottom:1rem}
.notice{border-left:4px solid #0b57d0;padding:.5rem .75rem;background:#eef3fd}
.bad{color:#b3261e}
.banner{border:2px solid #b3261e;border-radius:6px;padding:.25rem 1rem;margin:0 0 1rem;background:#fff}
.banner h2{margin:.5rem 0;font-size:1.1rem;color:#b3261e}
.steps li{margin-bottom:.5rem}
.charts{display:flex;flex-wrap:wrap;gap:1rem}
.chart{margin:0;max-width:100%}
.chart svg{max-width:100%;height:auto;display:block}
.chart rect{fill:#0b57d0}
.chart .base{stroke:#1a1a1a}
.chart .axis{font-size:10px;fill:#1a1a1a}
.group{border:1px solid #c4c4c4;border-radius:6px;padding:.5rem 1rem 1rem;margin-bottom:1rem}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}
dt{font-weight:600}
dd{margin:0;overflow-wrap:anywhere}
code{overflow-wrap:anywhere}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
`;
