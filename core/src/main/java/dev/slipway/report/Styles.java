package dev.slipway.report;

/** The report's only stylesheet, inlined into the page. System fonts only; dark mode follows the reader's setting. */
final class Styles {
    private Styles() {
    }

    static final String CSS = """
            :root {
              --bg: #f3f5f8; --card: #ffffff; --fg: #1f2328; --muted: #59636e; --line: #d8dee4; --soft: #f6f8fa;
              --grid: rgba(31, 35, 40, .08); --link: #0969da; --code-bg: #eff1f3; --log-bg: #0d1117; --log-fg: #e6edf3;
              --ok: #1a7f37; --ok-bg: #dafbe1; --ok-bar: #2da44e;
              --bad: #cf222e; --bad-bg: #ffebe9; --bad-bar: #e5534b;
              --fault: #8250df; --fault-bg: #fbefff; --fault-bar: #a475f9;
              --late: #9a6700; --late-bg: #fff8c5; --late-bar: #d4a72c;
              --stop: #59636e; --stop-bg: #eaeef2; --stop-bar: #8c959f;
              --busy: #0969da; --busy-bg: #ddf4ff; --busy-bar: #54aeff;
              --none: #6e7781; --none-bg: #f6f8fa; --none-bar: #d8dee4;
              --sans: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Liberation Sans", "DejaVu Sans", sans-serif;
              --mono: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", "DejaVu Sans Mono", monospace;
              color-scheme: light dark;
            }
            @media (prefers-color-scheme: dark) {
              :root {
                --bg: #0d1117; --card: #161b22; --fg: #e6edf3; --muted: #9198a1; --line: #30363d; --soft: #1c2128;
                --grid: rgba(230, 237, 243, .08); --link: #4493f8; --code-bg: #262c36; --log-bg: #010409;
                --ok: #3fb950; --ok-bg: #12261e; --bad: #f85149; --bad-bg: #2d1214; --fault: #ab7df8; --fault-bg: #231536;
                --late: #d29922; --late-bg: #272115; --stop: #9198a1; --stop-bg: #21262d; --busy: #4493f8; --busy-bg: #121d2f;
                --none: #7d8590; --none-bg: #161b22; --none-bar: #30363d;
              }
            }
            .st-succeeded { --c: var(--ok); --c-bg: var(--ok-bg); --c-bar: var(--ok-bar); }
            .st-failed { --c: var(--bad); --c-bg: var(--bad-bg); --c-bar: var(--bad-bar); }
            .st-fault { --c: var(--fault); --c-bg: var(--fault-bg); --c-bar: var(--fault-bar); }
            .st-timed-out { --c: var(--late); --c-bg: var(--late-bg); --c-bar: var(--late-bar); }
            .st-stopped { --c: var(--stop); --c-bg: var(--stop-bg); --c-bar: var(--stop-bar); }
            .st-in-progress { --c: var(--busy); --c-bg: var(--busy-bg); --c-bar: var(--busy-bar); }
            .st-not-run { --c: var(--none); --c-bg: var(--none-bg); --c-bar: var(--none-bar); }
            * { box-sizing: border-box; }
            html { background: var(--bg); }
            body { margin: 0; color: var(--fg); font: 14px/1.5 var(--sans); }
            a { color: var(--link); text-decoration: none; }
            a:hover, a:focus-visible { text-decoration: underline; }
            code, pre { font-family: var(--mono); font-size: 12.5px; }
            code { background: var(--code-bg); border-radius: 4px; padding: 1px 5px; overflow-wrap: anywhere; }
            h1, h2, h3 { margin: 0; line-height: 1.25; }
            h2 { font-size: 18px; margin-bottom: 12px; }
            h3 { font-size: 15px; }
            .wrap, main { max-width: 1200px; margin: 0 auto; padding: 0 24px; }
            main { padding-bottom: 24px; }
            .muted, .hint, .dur { color: var(--muted); }
            .hint { margin: -4px 0 12px; font-size: 13px; }
            .dur { font-variant-numeric: tabular-nums; white-space: nowrap; }

            header.run { background: var(--card); border-bottom: 1px solid var(--line); border-top: 6px solid var(--c); padding: 20px 0 0; }
            .eyebrow { margin: 0 0 4px; color: var(--muted); font-size: 12px; letter-spacing: .08em; text-transform: uppercase; }
            .title { display: flex; align-items: center; gap: 14px; flex-wrap: wrap; }
            .title h1 { font-size: 28px; }
            .title .badge { font-size: 14px; padding: 4px 12px; }
            .run-facts { display: flex; flex-wrap: wrap; gap: 8px 32px; margin: 16px 0 0; }
            .run-facts dt { font-size: 11px; text-transform: uppercase; letter-spacing: .06em; color: var(--muted); }
            .run-facts dd { margin: 0; font-weight: 600; }
            .run-facts dd code { font-weight: 400; }
            nav { display: flex; gap: 4px; margin-top: 16px; }
            nav a { padding: 8px 12px; border-bottom: 2px solid transparent; color: var(--fg); font-weight: 500; }
            nav a:hover { border-bottom-color: var(--line); text-decoration: none; }

            .badge { display: inline-flex; align-items: center; gap: 5px; padding: 2px 9px; border-radius: 999px; font-size: 12px;
                     font-weight: 700; letter-spacing: .03em; white-space: nowrap; color: var(--c); background: var(--c-bg);
                     border: 1px solid var(--c); }
            .badge.small { padding: 0 7px; font-size: 11px; }
            .st-not-run .badge, .badge.st-not-run { border-style: dashed; }

            .verdict { margin: 20px 0; padding: 14px 18px; border-radius: 8px; background: var(--c-bg); border: 1px solid var(--c);
                       border-left: 6px solid var(--c); }
            .verdict p { margin: 4px 0; }
            .verdict-title { font-size: 16px; }
            .verdict-title strong, .verdict-title > span { color: var(--c); }
            .reason { font-size: 15px; }
            .reason code.command { font-size: 14px; font-weight: 600; }
            .message { color: var(--muted); font-size: 13px; overflow-wrap: anywhere; }
            .message code { background: none; padding: 0; font-weight: 600; color: var(--fg); }

            .card { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 18px 20px; margin: 0 0 20px; }

            .stages { list-style: none; margin: 0; padding: 0; display: flex; gap: 40px; flex-wrap: wrap; align-items: stretch; }
            .stage { position: relative; flex: 1 1 220px; max-width: 360px; background: var(--soft); border: 1px solid var(--line);
                     border-top: 4px solid var(--c); border-radius: 8px; padding: 12px; }
            .stage:not(:last-child)::after { content: "\\2192"; position: absolute; right: -31px; top: 50%; transform: translateY(-50%);
                     color: var(--muted); font-size: 22px; }
            .stage.st-not-run { border-style: dashed; border-top-style: dashed; opacity: .8; }
            .stage-head { display: flex; align-items: center; gap: 8px; }
            .stage-num { display: inline-grid; place-items: center; width: 22px; height: 22px; border-radius: 50%; font-size: 12px;
                         font-weight: 700; background: var(--c); color: var(--card); }
            .stage-status { margin: 6px 0 10px; display: flex; gap: 8px; align-items: center; }
            .actions { list-style: none; margin: 0; padding: 0; display: grid; gap: 8px; }
            .action a { display: grid; gap: 3px; padding: 9px 10px; border-radius: 6px; background: var(--card); color: var(--fg);
                        border: 1px solid var(--line); border-left: 4px solid var(--c); }
            .action a:hover { text-decoration: none; border-color: var(--c); }
            .action.st-not-run a { border-style: dashed; border-left-style: dashed; color: var(--muted); }
            .action-head .name { font-weight: 600; }
            .action-summary { font-size: 12.5px; color: var(--muted); overflow-wrap: anywhere; }
            .kind { display: inline-block; font-size: 10.5px; font-weight: 700; letter-spacing: .06em; text-transform: uppercase;
                    color: var(--muted); border: 1px solid var(--line); border-radius: 4px; padding: 0 5px; margin-right: 2px;
                    vertical-align: 1px; background: var(--card); }
            .not-run-note { color: var(--muted); font-size: 13px; font-style: italic; margin: 10px 0 0; }

            .timeline { position: relative; }
            .tl-row { display: grid; grid-template-columns: 210px 1fr 170px; gap: 12px; align-items: center; min-height: 24px; }
            .tl-label { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; font-size: 13px; }
            .tl-stage { margin-top: 8px; border-top: 1px solid var(--line); padding-top: 6px; }
            .tl-stage .tl-label { font-weight: 700; }
            .tl-action .tl-label { padding-left: 12px; }
            .tl-action .tl-label a { color: var(--fg); }
            .tl-phase .tl-label, .tl-attempt .tl-label { padding-left: 30px; font-family: var(--mono); font-size: 11.5px; color: var(--muted); }
            .tl-phase.st-failed .tl-label, .tl-phase.st-fault .tl-label, .tl-phase.st-timed-out .tl-label { color: var(--c); font-weight: 700; }
            .tl-track { position: relative; height: 18px; border-radius: 3px;
                        background: repeating-linear-gradient(to right, var(--grid) 0 1px, transparent 1px var(--tick)); }
            .tl-bar { position: absolute; top: 3px; bottom: 3px; min-width: 3px; border-radius: 3px; background: var(--c-bar); }
            .tl-stage .tl-bar { top: 6px; bottom: 6px; opacity: .45; }
            .tl-action .tl-bar { top: 2px; bottom: 2px; }
            .tl-phase .tl-bar { top: 5px; bottom: 5px; }
            .tl-empty { background: repeating-linear-gradient(135deg, transparent 0 6px, var(--grid) 6px 8px); }
            .tl-value { font-size: 12px; white-space: nowrap; display: flex; gap: 6px; align-items: center; }
            .tl-value .badge.st-succeeded { background: none; border-color: transparent; padding-left: 0; }
            .tl-axis { min-height: 18px; }
            .tl-ticks { position: relative; height: 18px; font-size: 11px; color: var(--muted); font-variant-numeric: tabular-nums; }
            .tl-tick { position: absolute; top: 0; transform: translateX(-50%); white-space: nowrap; }
            .tl-tick.first { transform: none; }
            .tl-tick.last { transform: translateX(-100%); }

            .problems { list-style: none; margin: 0; padding: 0; display: grid; gap: 10px; }
            .problem { border-left: 4px solid var(--c); padding: 4px 0 4px 12px; }
            .problem p { margin: 2px 0; }
            .where { font-weight: 600; }
            .failure { margin: 10px 0; padding: 8px 12px; border-radius: 6px; background: var(--c-bg, var(--bad-bg)); }
            .problem .failure { margin: 4px 0 0; background: none; padding: 0; }
            .failure p { margin: 2px 0; }

            .action-detail { border-top: 1px solid var(--line); padding: 16px 0 8px; }
            .action-detail:first-of-type { border-top: none; padding-top: 0; }
            .action-detail header { display: flex; align-items: center; gap: 10px; flex-wrap: wrap; margin-bottom: 8px; }
            .crumb { color: var(--muted); font-weight: 400; }
            .action-detail .facts { display: grid; grid-template-columns: max-content 1fr; gap: 3px 16px; margin: 8px 0; font-size: 13px; }
            .action-detail .facts dt { color: var(--muted); }
            .action-detail .facts dd { margin: 0; }
            .kv { list-style: none; margin: 0; padding: 0; }
            .secret { font-size: 11px; font-weight: 700; text-transform: uppercase; letter-spacing: .05em; color: var(--muted);
                      border: 1px dashed var(--muted); border-radius: 4px; padding: 0 5px; }

            table { border-collapse: collapse; width: 100%; margin: 12px 0; font-size: 13px; }
            caption { text-align: left; font-weight: 600; padding-bottom: 6px; }
            th, td { text-align: left; padding: 5px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
            thead th { font-size: 11px; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); font-weight: 600; }
            tbody th { font-family: var(--mono); font-size: 12px; font-weight: 600; white-space: nowrap; border-left: 3px solid var(--c); }
            tbody td:nth-child(3), tbody td:nth-child(4) { white-space: nowrap; font-variant-numeric: tabular-nums; color: var(--muted); }
            tr.st-failed, tr.st-fault, tr.st-timed-out { background: var(--c-bg); }
            tr.st-not-run { color: var(--muted); }
            .commands { margin: 0; padding-left: 20px; }
            .commands li { margin: 1px 0; }
            .failed-command code { background: var(--card); color: var(--c, var(--bad)); font-weight: 700; outline: 1px solid var(--c, var(--bad)); }
            .why { color: var(--c, var(--bad)); font-weight: 600; font-size: 12px; margin: 2px 0; }
            td .badge.st-succeeded { background: none; border-color: transparent; padding-left: 0; }
            .retries { margin: 4px 0 12px; padding-left: 18px; color: var(--muted); font-size: 13px; }

            details { margin: 10px 0; }
            summary { cursor: pointer; font-weight: 600; padding: 6px 0; }
            .log-note { margin: 4px 0 8px; padding: 6px 10px; border-radius: 6px; background: var(--late-bg); font-size: 13px; }
            .log-lines { margin: 0; background: var(--log-bg); color: var(--log-fg); border-radius: 8px; padding: 10px 0;
                         max-height: 70vh; overflow: auto; line-height: 1.45; }
            .log-lines code { background: none; padding: 0; display: block; font-size: 12px; }
            .ln { display: block; padding: 0 14px 0 6.5em; text-indent: -6.5em; white-space: pre-wrap; overflow-wrap: anywhere; }
            .ln::before { content: attr(data-n); display: inline-block; width: 5.3em; padding-right: 1.2em; text-indent: 0;
                          text-align: right; color: #6e7681; user-select: none; }
            .ln.agent { color: #9198a1; }
            .ln.in-bad-phase { background: rgba(248, 81, 73, .10); box-shadow: inset 3px 0 0 #f85149; }
            .ln.why-line { background: rgba(248, 81, 73, .28); color: #ffdcd7; font-weight: 700; }
            .log-attempt { display: block; padding: 4px 14px; color: #d29922; font-weight: 700; }
            .excerpt-title { margin: 10px 0 4px; font-size: 12px; color: var(--muted); }
            .log-lines.excerpt { max-height: none; padding: 8px 0; }
            pre.mermaid-source { background: var(--soft); border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px;
                                 overflow: auto; white-space: pre; }
            footer { max-width: 1200px; margin: 0 auto; padding: 8px 24px 32px; color: var(--muted); font-size: 12px; }
            @media (max-width: 760px) {
              .tl-row { grid-template-columns: 120px 1fr 110px; gap: 6px; }
              .stages { gap: 16px; }
              .stage:not(:last-child)::after { content: none; }
            }
            @media print {
              .log-lines { max-height: none; }
              nav { display: none; }
            }
            """;
}
