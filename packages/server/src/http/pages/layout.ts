/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;')
}

const STYLE = `
body { font: 15px/1.5 system-ui, sans-serif; margin: 0; color: #1d2430; background: #f6f7f9; }
main { max-width: 880px; margin: 0 auto; padding: 32px 20px; }
h1 { font-size: 24px; margin: 0 0 8px; } h2 { font-size: 18px; margin: 32px 0 8px; }
form { background: #fff; border: 1px solid #d9dde3; border-radius: 8px; padding: 20px; max-width: 420px; }
label { display: block; margin: 12px 0 4px; font-weight: 600; }
input, select { width: 100%; box-sizing: border-box; padding: 8px; border: 1px solid #b8bec8; border-radius: 6px; font: inherit; }
button { margin-top: 16px; padding: 8px 16px; border: 0; border-radius: 6px; background: #2450c8; color: #fff; font: inherit; cursor: pointer; }
button[disabled] { opacity: .6; cursor: progress; }
.error { color: #b3261e; } .ok { color: #1b6b33; } .muted { color: #5b6472; }
code { background: #eceef2; padding: 1px 4px; border-radius: 4px; }
.op { background: #fff; border: 1px solid #d9dde3; border-radius: 8px; padding: 12px 16px; margin: 8px 0; }
.method { display: inline-block; min-width: 60px; font-weight: 700; text-transform: uppercase; }
`

/** A page with Gatehouse's small stylesheet; `nonce` allows its inline style and script. */
export function layout(nonce: string, title: string, body: string, script = ''): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Gatehouse</title><style nonce="${nonce}">${STYLE}</style></head>
<body><main>${body}</main>${script === '' ? '' : `<script nonce="${nonce}">${script}</script>`}</body></html>`
}
