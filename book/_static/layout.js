/* Layout and access fixes that need the rendered page (checked by tests/browser).
 *
 * 1. Figures stay legible on a phone: a figure is never shown below MIN_FIGURE_SCALE of
 *    its natural size. The book's figures are drawn at 100 dpi with text of at least
 *    10 points (13.9 px), so at 0.65 their smallest text is still 9 px tall; a figure
 *    wider than that scrolls sideways inside its own box (layout.css) instead of
 *    shrinking further. A figure that would stick out of its box by FIT_SLACK_PX or less
 *    at that scale (mostly white margin) shrinks to fit instead: a scroll box, its hint
 *    and a keyboard stop for a few pixels of margin are not worth it, and its smallest
 *    text stays 8.8 px tall or more.
 * 2. Every box that scrolls sideways (a wide table, a long code line on a phone, a wide
 *    figure) can be reached and scrolled with the keyboard: it gets tabindex="0", the
 *    role "region" and a name ("Scrollable code", ...) for screen readers (WCAG 2.1.1,
 *    axe-core's scrollable-region-focusable). Boxes that fit their width are left alone,
 *    so the tab order has no useless stops; the check runs again when the window resizes.
 *    A scrolling table, figure or output also gets a visible hint under it ("scroll
 *    sideways"), since a phone hides its scroll bar until the box is touched; a scrolling
 *    code block fades at its right edge while more of it lies to the right. Display
 *    equations (MathJax) are such boxes too, checked again once MathJax has drawn them.
 * 3. scikit-learn's HTML repr of a fitted transformer (1.8 and later) puts a "copy the
 *    output features" button inside a <summary>, a control inside a control that a
 *    keyboard or screen reader cannot use (axe-core's nested-interactive): the button is
 *    removed (the feature names stay listed in the box it opens).
 */
(() => {
  "use strict";
  const MIN_FIGURE_SCALE = 0.65;
  const FIT_SLACK_PX = 8;
  const SCROLLERS = [
    ["div.highlight pre", "Scrollable code"],
    ["div.cell_output pre", "Scrollable output"],
    ["div.cell_output", "Scrollable output"],
    ["main table", "Scrollable table"],
    ["main .figure-box", "Scrollable figure"],
    ["main mjx-container[display='true']", "Scrollable equation"],
  ];

  function keepFigureLegible(img) {
    if (img.naturalWidth > 0) {
      let least = Math.ceil(img.naturalWidth * MIN_FIGURE_SCALE);
      const room = img.parentElement.clientWidth;  // the figure box: the column's width
      if (least > room && least - room <= FIT_SLACK_PX) least = room;
      img.style.minWidth = `${least}px`;
    }
  }

  function boxFigure(img) {
    if (img.parentElement.classList.contains("figure-box")) return;
    const box = document.createElement("div");
    box.className = "figure-box";
    img.replaceWith(box);
    box.appendChild(img);
  }

  function hasFocusableChild(box) {
    return box.querySelector("a[href], button, input, select, textarea, [tabindex]") !== null;
  }

  function hint(box, on) {
    const has = box.scrollHint !== undefined && box.scrollHint.isConnected;
    if (on && !has) {
      const text = document.createElement("p");
      text.className = "scroll-hint";
      text.setAttribute("aria-hidden", "true");  // the box itself is named for screen readers
      text.textContent = "\u2190 scroll sideways to see all of it \u2192";
      // under the code block and its button, or under the equation's (flex) box
      (box.closest("div.highlight") || box.closest("div.math") || box).after(text);
      box.scrollHint = text;
      box.dataset.scrollHint = "1";
    } else if (!on && has) {
      box.scrollHint.remove();
      delete box.dataset.scrollHint;
    }
  }

  // A code block that scrolls sideways shows a fade at its right edge while more of it
  // lies to the right (code blocks are many; a line of text under each would be noise).
  function fade(box, on) {
    const block = box.closest("div.highlight") || box.parentElement;
    const update = () => block.classList.toggle(
      "scrolls-right", on && box.scrollLeft + box.clientWidth < box.scrollWidth - 1);
    if (on && !box.dataset.fade) {
      box.addEventListener("scroll", update, {passive: true});
      box.dataset.fade = "1";
    }
    update();
  }

  // A box shown later (a dropdown opening, a web font arriving, MathJax drawing) changes
  // size: the boxes are checked again then (ResizeObserver), once per burst of changes.
  let pending = null;
  function markSoon() {
    clearTimeout(pending);
    pending = setTimeout(markScrollers, 100);
  }
  const watcher = typeof ResizeObserver === "function" ? new ResizeObserver(markSoon) : null;

  function markScrollers() {
    for (const img of document.querySelectorAll("main .figure-box > img")) {
      if (img.complete) keepFigureLegible(img);  // the column may have changed width
    }
    for (const [selector, name] of SCROLLERS) {
      for (const box of document.querySelectorAll(selector)) {
        if (!box.closest("main")) continue;
        if (watcher) watcher.observe(box);  // observing a box twice is a no-op
        const scrolls = box.scrollWidth > box.clientWidth + 1
          && ["auto", "scroll"].includes(getComputedStyle(box).overflowX);
        if (scrolls) {
          if (!box.dataset.scrollRegion) {
            // what the box had (MathJax gives an equation a tab stop of its own) stays
            box.dataset.hadAttributes = ["tabindex", "role", "aria-label"]
              .filter((attribute) => box.hasAttribute(attribute)).join(" ");
          }
          // a box with links or buttons inside scrolls to them with the keyboard already
          if (!hasFocusableChild(box)) {
            box.tabIndex = 0;
            // an equation keeps the role and name MathJax gives it (its formula's speech)
            if (!box.matches("mjx-container")) {
              if (!box.hasAttribute("role")) box.setAttribute("role", "region");
              if (!box.hasAttribute("aria-label")) box.setAttribute("aria-label", name);
            }
          }
          box.dataset.scrollRegion = "1";
          // one hint per scrolling output, table or figure: none for code, nor around or
          // inside another scrolling box
          const code = box.matches("pre") && box.closest("div.cell_output") === null;
          const nested = box.querySelector("[data-scroll-region]") !== null
            || box.parentElement.closest("[data-scroll-region]") !== null;
          hint(box, !code && !nested);
          if (code) fade(box, true);
        } else if (box.dataset.scrollRegion) {
          hint(box, false);
          fade(box, false);
          const had = (box.dataset.hadAttributes || "").split(" ");
          for (const attribute of ["tabindex", "role", "aria-label"]) {
            if (!had.includes(attribute)) box.removeAttribute(attribute);
          }
          delete box.dataset.scrollRegion;
          delete box.dataset.hadAttributes;
        }
      }
    }
  }

  function unnestControls() {
    for (const button of document.querySelectorAll("main .sk-top-container summary button")) {
      button.remove();
    }
  }

  function init() {
    unnestControls();
    for (const img of document.querySelectorAll("main img")) {
      boxFigure(img);
      if (img.complete) keepFigureLegible(img);
      img.addEventListener("load", () => { keepFigureLegible(img); markScrollers(); });
    }
    markScrollers();
    window.addEventListener("resize", markSoon);
    // a dropdown (an exercise's solution) that opens shows new boxes
    document.addEventListener("toggle", markScrollers, true);
    window.addEventListener("load", () => {
      markScrollers();
      // MathJax draws the equations after the page has loaded
      const math = window.MathJax && window.MathJax.startup && window.MathJax.startup.promise;
      if (math) math.then(markScrollers);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
