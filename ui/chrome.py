"""What every page shares around its content: the navigation, the look, and the small script that
keeps drafts and announces replies.

- **Navigation that works on a phone.** `st.navigation(position="hidden")` and our own links: a row
  of labelled links on a wide screen, and on a phone one labelled "Menu" button that opens them and
  closes when a page is picked (Streamlit's own collapsed menu hid behind an unlabelled "»" and stayed
  open over the page). Developer things (evals, the model server) live under "Advanced".
- **WCAG 2.2 AA.** Captions and quotes are drawn in the text colour at 75% (≥ 5.9:1 on every
  background of both themes, where Streamlit's 60% gave 4.0:1); every focusable thing shows a
  3 px outline when reached by keyboard; the theme follows the system (light and dark themes in
  .streamlit/config.toml).
- **The script** (`SCRIPT`, constant text: nothing anyone typed is ever put into it) runs once per
  page load in the app's document:
  * a polite live region (`role=status`) announces each new coach reply to screen readers: the
    chat page renders the reply in a hidden `[data-bedrock-say]` element (escaped text, never
    markup), and the script copies a new one into the region once;
  * the chat box's draft is kept in the browser's localStorage as it is typed and put back after a
    reload (removed when sent), so a reload mid-sentence loses nothing;
  * an element marked `[data-bedrock-scroll]` is scrolled into view once (a search hit opens its
    session at that turn).
"""

from __future__ import annotations

import html
import json

import streamlit as st

PHONE_MAX = 640  # px: below this the page links fold into the "Menu" button

CSS = f"""
<style>
/* Captions, quotes and help text: the text colour at 75%, not Streamlit's 60% (WCAG 1.4.3). */
[data-testid="stCaptionContainer"] {{ color: inherit !important; opacity: .75; }}
[data-testid="stCaptionContainer"] * {{ color: inherit !important; }}
[data-testid="stMarkdownContainer"] blockquote {{ color: inherit; opacity: .9; }}
/* A visible keyboard focus on everything that can take it (WCAG 2.4.7 / 2.4.11). */
a:focus-visible, button:focus-visible, [role="button"]:focus-visible, [role="tab"]:focus-visible,
[role="radio"]:focus-visible, [role="checkbox"]:focus-visible, [role="switch"]:focus-visible,
input:focus-visible, textarea:focus-visible, select:focus-visible, summary:focus-visible,
[tabindex]:focus-visible {{ outline: 3px solid currentColor !important; outline-offset: 2px !important; }}
/* Less empty space above the page (the header holds only the app menu), calmer section headings. */
[data-testid="stMainBlockContainer"] {{ padding-top: 3rem; }}
[data-testid="stMainBlockContainer"] h2, [data-testid="stSidebarContent"] h2 {{ font-size: 1.5rem; }}
/* Only for screen readers. */
.bedrock-sr-only {{ position: absolute !important; width: 1px; height: 1px; padding: 0; margin: -1px;
  overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }}
[class*="st-key-bedrock-hidden"] {{ display: none !important; }}
/* The speaker of each chat bubble, above its words. */
.bedrock-speaker p {{ font-size: .8rem; font-weight: 600; margin: 0 0 .1rem 0; opacity: .8; }}
/* Navigation: links on a wide screen, one "Menu" button on a phone. */
.st-key-nav-wide {{ gap: .25rem .5rem; flex-wrap: wrap; margin-bottom: .5rem; }}
.st-key-nav-wide a p, .st-key-nav-phone p {{ font-size: .95rem; }}
@media (max-width: {PHONE_MAX}px) {{
  .st-key-nav-wide {{ display: none !important; }}
  /* On a phone the side panel is on the page itself (see Reflect), not behind a drawer. */
  [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
  [data-testid="stExpandSidebarButton"] {{ display: none !important; }}
}}
@media (min-width: {PHONE_MAX + 1}px) {{
  .st-key-nav-phone, .st-key-phone-only {{ display: none !important; }}
}}
</style>
"""

SCRIPT = """
<script>
(() => {
  const W = window;
  const D = document;
  // The look, once and for good in the document head: the copy Streamlit renders is re-drawn on every rerun,
  // and captions flashed at Streamlit's own (too faint) colour in between.
  const css = __CSS__;
  let kept = D.getElementById('bedrock-css-kept');
  if (!kept) {
    kept = D.createElement('style');
    kept.id = 'bedrock-css-kept';
    D.head.appendChild(kept);
  }
  if (kept.textContent !== css) kept.textContent = css;
  if (W.__bedrockChrome) return;
  W.__bedrockChrome = true;
  const live = D.createElement('div');
  live.id = 'bedrock-live';
  live.className = 'bedrock-sr-only';
  live.setAttribute('role', 'status');
  live.setAttribute('aria-live', 'polite');
  D.body.appendChild(live);
  let said = sessionStorage.getItem('bedrock.said') || '';
  const BOX = 'textarea[data-testid="stChatInputTextArea"]';
  const draftKey = () => 'bedrock.draft:' + location.pathname;
  const isBox = (el) => el && el.matches && el.matches(BOX);
  D.addEventListener('input', (e) => {
    if (isBox(e.target)) {
      if (e.target.value) localStorage.setItem(draftKey(), e.target.value);
      else localStorage.removeItem(draftKey());
    }
  }, true);
  D.addEventListener('keydown', (e) => {
    if (isBox(e.target) && e.key === 'Enter' && !e.shiftKey) localStorage.removeItem(draftKey());
  }, true);
  D.addEventListener('click', (e) => {
    if (e.target.closest && e.target.closest('[data-testid="stChatInputSubmitButton"]')) localStorage.removeItem(draftKey());
  }, true);
  const setValue = (el, value) => {
    const setter = Object.getOwnPropertyDescriptor(W.HTMLTextAreaElement.prototype, 'value').set;
    setter.call(el, value);
    el.dispatchEvent(new Event('input', {bubbles: true}));
  };
  const tick = () => {
    const box = D.querySelector(BOX);
    if (box && !box.dataset.bedrockRestored && !box.disabled) {
      box.dataset.bedrockRestored = '1';
      const draft = localStorage.getItem(draftKey());
      if (draft && !box.value) setValue(box, draft);
    }
    const say = D.querySelectorAll('[data-bedrock-say]');
    if (say.length) {
      const last = say[say.length - 1];
      const id = last.getAttribute('data-bedrock-say');
      if (id && id !== said) {
        said = id;
        sessionStorage.setItem('bedrock.said', id);
        live.textContent = last.textContent;
      }
    }
    const target = D.querySelector('[data-bedrock-scroll]');
    if (target && !target.dataset.bedrockScrolled) {
      target.dataset.bedrockScrolled = '1';
      const hit = D.querySelector('.st-key-history-hit') || target;
      hit.scrollIntoView({block: 'center'});
    }
  };
  setInterval(tick, 250);
})();
</script>
"""


def _script() -> str:
    # The CSS goes into the script as a JSON string literal (constant text; "</" escaped so it
    # cannot end the script element). No "<" followed by a letter or "/" may appear in the script
    # at all: Streamlit's sanitizer (DOMPurify) drops a script whose text looks like markup.
    rules = CSS.replace("<style>", "").replace("</style>", "").strip()
    return SCRIPT.replace("__CSS__", json.dumps(rules).replace("</", "<\\/"))


def apply() -> None:
    """The look and the script, once per page run (both are constant text)."""
    st.html(CSS)
    with st.container(key="bedrock-hidden"):
        st.html(_script(), unsafe_allow_javascript=True)


def announce(ident: str, speaker: str, text: str) -> None:
    """Have screen readers announce `text` once (the live region). `ident` names the reply so a
    rerun does not announce it again. The text is escaped: it is shown as text, never markup."""
    with st.container(key=f"bedrock-hidden-say-{ident}"):
        st.html(f'<div data-bedrock-say="{html.escape(ident)}" hidden>{html.escape(speaker)}: {html.escape(text)}</div>')


def scroll_here() -> None:
    """Scroll the page so the element keyed "history-hit" is in view, once."""
    st.html('<div data-bedrock-scroll="1" hidden></div>')


def nav(pages: list[st.Page]) -> None:
    """The page links: a row on a wide screen, a "Menu" button on a phone."""
    with st.container(horizontal=True, key="nav-wide"):
        for page in pages:
            st.page_link(page)
    with st.container(key="nav-phone"):
        with st.popover("Menu", icon=":material/menu:", help="Go to another page"):
            for page in pages:
                st.page_link(page, width="stretch")
