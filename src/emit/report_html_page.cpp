#include "report_html_page.hpp"

namespace avcsift::emit {

const char* const kReportCss = R"css(
:root{--fg:#1d2330;--muted:#5b6474;--line:#d9dee7;--bg:#f6f7fa;--card:#fff;--high:#b3261e;--medium:#a55b00;--low:#1f6f8b;--info:#5b6474}
*{box-sizing:border-box}
body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
main{max-width:1080px;margin:0 auto;padding:24px 20px 60px}
h1{font-size:26px;margin:0 0 4px}h2{font-size:19px;margin:32px 0 12px;border-bottom:1px solid var(--line);padding-bottom:6px}
.sub{color:var(--muted);margin:0 0 18px}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(170px,1fr));gap:10px;margin:0}
.card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:10px 12px;margin:0}
.card dt{color:var(--muted);font-size:12px;text-transform:uppercase;letter-spacing:.04em}
.card dd{margin:2px 0 0;font-size:20px;font-weight:600;overflow-wrap:anywhere}
.card dd small{font-size:13px;font-weight:400;color:var(--muted)}
.card.wide{grid-column:span 2}.card.wide dd{font-size:14px;font-weight:500}
.chips{margin:14px 0 0}.chip{display:inline-block;border-radius:999px;padding:2px 10px;margin:0 6px 6px 0;font-size:13px;font-weight:600;color:#fff}
.sev-high{background:var(--high)}.sev-medium{background:var(--medium)}.sev-low{background:var(--low)}.sev-info{background:var(--info)}
.note{color:var(--muted)}
figure.timeline{background:var(--card);border:1px solid var(--line);border-radius:8px;margin:0;padding:12px}
figure svg{width:100%;height:auto;display:block}
.axis{stroke:#8b93a1}.grid{stroke:#e3e7ee;stroke-dasharray:3 3}.tick,.mark{font-size:11px;fill:var(--muted)}
.load{stroke:#b3261e;stroke-width:2;stroke-dasharray:5 3}.cycle{stroke:#1d2330;stroke-width:1.5}
figcaption{font-size:13px;margin-top:8px;color:var(--fg)}
.key{display:inline-block;margin-right:12px;white-space:nowrap}.key i{display:inline-block;width:11px;height:11px;border-radius:2px;margin-right:4px;vertical-align:-1px}
.load-key{border-left:2px dashed #b3261e;width:2px!important;border-radius:0!important}.cycle-key{background:#1d2330;width:2px!important;border-radius:0!important}
table{border-collapse:collapse;background:var(--card);border:1px solid var(--line);width:100%;font-size:14px}
th,td{text-align:left;padding:6px 10px;border-bottom:1px solid var(--line);vertical-align:top}th{background:#eef1f6;font-weight:600}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.finding{background:var(--card);border:1px solid var(--line);border-left:5px solid var(--info);border-radius:8px;padding:12px 16px;margin:0 0 12px}
.finding.high{border-left-color:var(--high)}.finding.medium{border-left-color:var(--medium)}.finding.low{border-left-color:var(--low)}
.finding h3{font-size:15px;margin:0 0 6px;font-weight:600;overflow-wrap:anywhere}
.finding h3 .chip{font-size:11px;vertical-align:1px}
.meta{color:var(--muted);font-size:13px;margin:0 0 8px}
.facts{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;font-size:13px;margin:0 0 8px}
.facts dt{color:var(--muted)}.facts dd{margin:0;overflow-wrap:anywhere}
code,pre{font:13px/1.4 ui-monospace,"DejaVu Sans Mono",Menlo,monospace}
pre{background:#1d2330;color:#e8ecf3;border-radius:6px;padding:8px 12px;margin:4px 0 10px;overflow-x:auto;white-space:pre}
ul.flags{list-style:none;padding:0;margin:0 0 8px}ul.flags li{margin:2px 0;font-size:14px}
.sevtag{display:inline-block;min-width:58px;font-size:11px;font-weight:700;text-transform:uppercase;color:#fff;border-radius:4px;padding:1px 6px;margin-right:6px;text-align:center}
ol.fixes{margin:0;padding-left:22px;font-size:14px}ol.fixes li{margin:4px 0 0}
.kind{font-weight:600}
.mark-new{background:#e6f4ea;color:#137333;border-radius:4px;padding:0 6px;font-size:12px;font-weight:600}
.mark-seen{background:#eef1f6;color:var(--muted);border-radius:4px;padding:0 6px;font-size:12px;font-weight:600}
.finding[data-baseline=seen]{opacity:.8}
#filters{position:sticky;top:0;z-index:1;background:var(--bg);padding:8px 0;margin:0 0 8px;border-bottom:1px solid var(--line);font-size:14px}
#filters label{margin-right:12px}#filters input[type=search]{padding:4px 8px;border:1px solid var(--line);border-radius:6px;width:260px}
[hidden]{display:none!important}
)css";

// kReportScriptHash is the base64 SHA-256 of this text; after any change,
// recompute it (`printf %s "$SCRIPT" | openssl dgst -sha256 -binary | base64`):
// the browser test fails when the script was blocked (no filter bar).
const char* const kReportScript =
    "(function(){var f=document.getElementById('findings');if(!f)return;"
    "var bar=document.createElement('div');bar.id='filters';"
    "var sevs=['high','medium','low','info'];var boxes={};"
    "sevs.forEach(function(s){var l=document.createElement('label');var c=document.createElement('input');"
    "c.type='checkbox';c.checked=true;c.dataset.severity=s;c.addEventListener('change',apply);boxes[s]=c;"
    "l.appendChild(c);l.appendChild(document.createTextNode(' '+s));bar.appendChild(l);});"
    "var q=document.createElement('input');q.type='search';q.placeholder='filter: type, path, command';"
    "q.addEventListener('input',apply);bar.appendChild(q);"
    "var n=document.createElement('span');n.id='shown';n.style.marginLeft='12px';bar.appendChild(n);"
    "f.parentNode.insertBefore(bar,f);"
    "function apply(){var t=q.value.toLowerCase();var k=0;"
    "f.querySelectorAll('article.finding').forEach(function(a){"
    "var ok=boxes[a.dataset.severity].checked&&(!t||a.textContent.toLowerCase().indexOf(t)>=0);"
    "a.hidden=!ok;if(ok)k++;});"
    "f.querySelectorAll('section.group').forEach(function(s){s.hidden=!s.querySelector('article.finding:not([hidden])');});"
    "n.textContent=k+' shown';}"
    "apply();})();";

const char* const kReportScriptHash = "'sha256-go2/64Q255LEqk2D5IRrUIR3ZI2Kfhnj3kA6QhdAjGQ='";

}  // namespace avcsift::emit
