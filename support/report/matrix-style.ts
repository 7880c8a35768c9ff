// The matrix page's inline style sheet: each status has its own colour AND its own symbol.

export const MATRIX_CSS = `
:root { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: #1d1d1f; }
body { margin: 0 auto; padding: 1rem 1.5rem 3rem; max-width: 1600px; }
h1 { font-size: 1.4rem; margin: 0 0 .6rem; }
h2 { font-size: 1.1rem; margin: 0 0 .6rem; }
.verdict { font-size: 1.15rem; font-weight: 700; padding: .5rem .8rem; border-radius: 4px; margin: .4rem 0; }
.verdict-passed { background: #d7f0d9; color: #1b5e20; }
.verdict-failed { background: #c62828; color: #fff; }
.verdict-not-checked, .verdict-empty { background: #e65100; color: #fff; }
.banner { padding: .5rem .8rem; border-radius: 4px; margin: .4rem 0; font-weight: 600; }
.banner-weakened { background: #fff3cd; color: #5d4300; border: 2px solid #b58900; }
.banner-not-checked { background: #fde0cc; color: #7a2900; border: 2px solid #e65100; }
.meta { display: flex; flex-wrap: wrap; gap: .3rem 1.6rem; margin: .8rem 0 1rem; font-size: .9rem; }
.meta dt { color: #666; font-size: .75rem; text-transform: uppercase; letter-spacing: .04em; }
.meta dd { margin: 0; font-weight: 600; }
table.matrix { border-collapse: collapse; font-size: .9rem; }
.matrix th, .matrix td { border: 1px solid #c8c8c8; text-align: center; padding: 0; }
.matrix thead th { font-size: .72rem; line-height: 1.1; padding: .3rem .25rem; background: #f4f4f6; cursor: help; }
.matrix tbody th { text-align: left; padding: .25rem .6rem; white-space: nowrap; background: #f9f9fb; font-weight: 600; }
.cell { min-width: 2.6rem; height: 1.9rem; font-weight: 700; }
.cell a, .cell span { display: block; line-height: 1.9rem; color: inherit; text-decoration: none; }
.cell a:hover, .cell a:focus { outline: 3px solid #1565c0; outline-offset: -3px; }
.st-passed { background: #d7f0d9; color: #1b5e20; }
.st-failed { background: #c62828; color: #fff; }
.st-waived { background: #ffe08a; color: #5d4300; }
.st-not-applicable { background: #e4e4e4; color: #555; font-weight: 400; font-size: .8rem; }
.st-not-checked { background: #e65100; color: #fff; }
.st-not-run { background: #fff; color: #aaa; font-weight: 400; }
.legend { list-style: none; display: flex; flex-wrap: wrap; gap: .4rem 1.2rem; padding: 0; margin: 1rem 0 .3rem; font-size: .9rem; }
.legend .cell { display: inline-block; min-width: 2rem; height: auto; padding: .1rem .3rem; text-align: center; border: 1px solid #c8c8c8; }
.hint { color: #666; font-size: .85rem; margin: 0 0 1rem; }
.detail { display: none; border: 1px solid #c8c8c8; border-radius: 4px; padding: .8rem 1rem; margin-top: 1rem; }
.detail:target { display: block; }
.check { border-left: 6px solid #c8c8c8; padding: .1rem .8rem; margin: .6rem 0; }
.st-border-passed { border-color: #2e7d32; }
.st-border-failed { border-color: #c62828; }
.st-border-waived { border-color: #b58900; }
.st-border-not-applicable { border-color: #9e9e9e; }
.st-border-not-checked { border-color: #e65100; }
.status { font-weight: 700; margin: .2rem 0; }
.message { margin: .2rem 0; font-size: 1rem; }
.scenario { margin: .2rem 0; color: #444; font-size: .85rem; }
.where { color: #777; }
.evidence { background: #f4f4f6; padding: .5rem .7rem; overflow-x: auto; font-size: .85rem; white-space: pre-wrap; }
.empty { font-weight: 700; color: #7a2900; }
`;
