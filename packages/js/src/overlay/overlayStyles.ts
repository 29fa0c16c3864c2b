/**
 * The overlay's whole stylesheet. It lives in a shadow root, so page rules for `dialog`,
 * `div`, `iframe` or `button` never reach it; every property the overlay relies on is set
 * here. `--p` is the panel, `--b` and `--i` the close button's background and ink (at least
 * 3:1 against each other and the panel in both themes). The dialog covers the screen the
 * customer sees, the visual viewport, whose place and size `--x`, `--y`, `--w` and `--h` carry
 * (set by `fitToScreen`; without them, the layout viewport), and `data-narrow` marks a screen
 * under 480 px, where the panel fills it. A closed dialog (a preloaded frame)
 * is laid out off screen rather than not at all, so its page is rendered, not throttled, and
 * shows at once; `inert` keeps it out of focus and the accessibility tree meanwhile. The
 * loading notice lies under the frame (the panel is a stacking context, the notice at
 * z-index -1): a frame is transparent until its page paints, so the notice shows until then
 * and never covers a painted step. The notice of a frame that cannot be used (unreachable)
 * covers it instead of hiding it, so its page stays rendered; the banner of a frame in use (a
 * payment processing) takes its own place below it, which the frame gives up, so it never
 * covers the page's buttons. Every notice inherits the dialog's font through the panel.
 */
export const OVERLAY_CSS = `
dialog{all:initial;position:fixed;inset:auto;left:var(--x,0);top:var(--y,0);box-sizing:border-box;width:var(--w,100%);height:var(--h,100%);max-width:none;max-height:none;margin:0;padding:16px;display:grid;place-items:center;overflow:auto;background:none;color-scheme:light;font:16px/1.5 system-ui,sans-serif;color:var(--i);--p:#fff;--b:#e9e7ee;--i:#1b1a1f;--a:#c2410c}
dialog:not([open]){transform:translateX(-300vw);pointer-events:none}
dialog::backdrop{background:rgb(17 17 26/.55)}
div{all:initial;position:relative;isolation:isolate;box-sizing:border-box;display:flex;flex-direction:column;width:min(480px,100%);min-height:200px;max-height:calc(var(--h,100dvh) - 32px);font:inherit;border-radius:12px;overflow:hidden;background:var(--lava-panel,var(--p));box-shadow:0 24px 48px rgb(0 0 0/.3)}
iframe{all:initial;display:block;flex:0 1 auto;min-height:0;box-sizing:border-box;width:100%;height:480px;border:0}
button{all:initial;position:absolute;z-index:1;top:8px;right:8px;box-sizing:border-box;width:36px;height:36px;border-radius:50%;display:grid;place-items:center;background:var(--b);color:var(--i);font:22px/1 system-ui,sans-serif;cursor:pointer}
button:focus-visible{outline:3px solid var(--a);outline-offset:2px}
p{all:initial;position:absolute;inset:0;box-sizing:border-box;padding:48px 32px;display:grid;place-content:center;gap:12px;text-align:center;font:inherit;color:var(--i);background:var(--lava-panel,var(--p))}
p[role=status]{z-index:-1}
p[hidden]{display:none}
p[data-banner]{position:static;flex:none;margin:0 12px 12px;padding:8px 12px;border-radius:8px;background:var(--i);color:var(--p)}
span{justify-self:center;width:24px;height:24px;box-sizing:border-box;border:3px solid var(--b);border-top-color:var(--a);border-radius:50%}
@keyframes s{to{transform:rotate(1turn)}}
@media (prefers-reduced-motion:no-preference){span{animation:s 1s linear infinite}}
dialog[data-theme=dark]{color-scheme:dark;--p:#16151a;--b:#34323c;--i:#f4f3f7;--a:#fb923c}
dialog[data-theme=dark]::backdrop{background:rgb(0 0 0/.7)}
@media (prefers-color-scheme:dark){dialog[data-theme=system]{color-scheme:dark;--p:#16151a;--b:#34323c;--i:#f4f3f7;--a:#fb923c}dialog[data-theme=system]::backdrop{background:rgb(0 0 0/.7)}}
dialog[data-narrow]{padding:0}[data-narrow] div{width:100%;height:100%;max-height:none;border-radius:0}[data-narrow] iframe{flex:1 1 0;height:auto!important}
`;
