/**
 * The page's only stylesheet, inlined: system fonts, no external requests, print styles that repeat the
 * table header on every page and keep rows and the totals block whole. Text colours keep at least 7:1
 * contrast on white (WCAG AAA).
 * @internal
 */
export const HTML_STYLES = `
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;background:#eef0f3;color:#1b1f24;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Helvetica Neue",Arial,sans-serif}
.document{max-width:210mm;margin:24px auto;padding:40px 44px;background:#fff;box-shadow:0 1px 4px rgba(0,0,0,.12)}
h1{margin:0;font-size:28px;line-height:1.2}
h2{margin:0 0 6px;font-size:12px;letter-spacing:.06em;text-transform:uppercase;color:#444b53}
h3{margin:18px 0 6px;font-size:14px}
p{margin:0 0 6px}
.head{display:flex;flex-wrap:wrap;justify-content:space-between;gap:16px 32px;margin-bottom:28px}
.seller-name{margin-top:4px;color:#444b53}
.meta{display:grid;grid-template-columns:auto auto;gap:2px 16px;margin:0;align-content:start}
.meta dt{color:#444b53}
.meta dd{margin:0;text-align:end;font-variant-numeric:tabular-nums}
.parties{display:grid;grid-template-columns:repeat(auto-fit,minmax(220px,1fr));gap:16px 32px;margin-bottom:24px}
address{font-style:normal}
.ids{display:grid;grid-template-columns:auto 1fr;gap:0 8px;margin:6px 0 0;color:#444b53}
.ids dd{margin:0}
.correction{margin-bottom:16px}
table{width:100%;border-collapse:collapse}
caption{text-align:start;font-weight:600;padding:0 0 6px}
th,td{padding:7px 8px;vertical-align:top;text-align:start}
thead th{background:#f0f2f5;border-bottom:2px solid #1b1f24;font-weight:600}
tbody td{border-bottom:1px solid #d5d9de}
.num{text-align:end;white-space:nowrap;font-variant-numeric:tabular-nums}
.desc{white-space:pre-line}
.sub{display:block;color:#444b53;font-size:12px}
.totals{width:auto;min-width:55%;margin:18px 0 24px auto}
.totals th{font-weight:400;padding-inline-start:0}
.totals td,.totals th{border:0;padding-block:3px}
.totals .em th,.totals .em td{font-weight:700;border-top:1px solid #1b1f24;padding-top:6px}
.payment,.notes{margin-bottom:18px}
.account{margin-bottom:28px}
.payment dl{display:grid;grid-template-columns:auto 1fr;gap:0 12px;margin:6px 0}
.payment dd{margin:0}
.notes p,.payment p{white-space:pre-line}
.legal,.settled{font-weight:600}
footer{margin-top:28px;padding-top:10px;border-top:1px solid #d5d9de;color:#444b53;font-size:12px}
.sr-only{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap;border:0}
td,th,address,h1,p,dd,footer{overflow-wrap:anywhere}
@page{margin:14mm}
@media print{
body{background:none;font-size:11pt}
.document{max-width:none;margin:0;padding:0;box-shadow:none}
thead{display:table-header-group}
tr,.totals,.payment,.parties section{break-inside:avoid}
}
`
  .trim()
  .replace(/\n/g, '');
