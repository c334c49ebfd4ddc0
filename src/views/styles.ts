// The site's one stylesheet, served at /assets/app.css. System fonts, WCAG AA contrast.
export const APP_CSS = `
:root { --ink: #1b1f24; --muted: #57606a; --line: #d0d7de; --bg: #f6f8fa; --accent: #0b5cad; --card: #fff; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--bg); min-height: 100vh; display: flex; flex-direction: column; }
a { color: var(--accent); }
a:focus-visible, button:focus-visible, input:focus-visible { outline: 3px solid #f0b429; outline-offset: 2px; }
.skip-link { position: absolute; left: -999px; } .skip-link:focus { left: 1rem; top: 1rem; background: #fff; padding: .5rem; }
header.site { background: #0d1b2a; color: #fff; }
header.site .bar { max-width: 72rem; margin: 0 auto; padding: .75rem 1rem; display: flex; gap: 1.5rem; align-items: center; }
header.site a { color: #fff; text-decoration: none; } header.site .brand { font-weight: 700; font-size: 1.25rem; letter-spacing: .02em; }
header.site nav { display: flex; gap: 1rem; margin-left: auto; }
main { flex: 1 0 auto; width: 100%; max-width: 72rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
h1 { font-size: 1.9rem; line-height: 1.2; margin: .5rem 0 1rem; }
.lead { color: var(--muted); font-size: 1.1rem; max-width: 46rem; }
.grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(18rem, 1fr)); gap: 1rem; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: .5rem; padding: 1rem; }
.card h2, .card h3 { margin-top: 0; font-size: 1.1rem; }
.card .condition { margin-top: -0.4rem; font-size: 0.9rem; color: var(--muted); }
.muted { color: var(--muted); } .badge { display: inline-block; padding: 0 .5rem; border-radius: 1rem; background: #e7eef6; color: #0b3d6e; font-size: .85rem; }
.cp { font-size: 1.6rem; font-weight: 700; margin: .25rem 0; }
.question-card > p:first-child { margin-top: 0; } .question-card > p:last-child { margin-bottom: 0; }
footer.site { border-top: 1px solid var(--line); color: var(--muted); padding: 1rem; text-align: center; font-size: .9rem; }
.error-box { max-width: 36rem; margin: 3rem auto; text-align: center; }
`;
