// A row of toggle buttons choosing one of a few views (search's Accounts / Tags / Posts, trending's windows). The
// pressed state is aria-pressed, which the shared .segment style draws.
import { h } from "../dom.js";

/** `options` is `[[value, label], ...]`; `onChange(value)` runs when another one is chosen. */
export function segments(label, options, current, onChange) {
  const buttons = options.map(([value, text]) => h("button", {
    type: "button", class: "segment", dataset: { value }, "aria-pressed": String(value === current),
    onclick: () => {
      if (value === current) return;
      current = value;
      for (const button of buttons) button.setAttribute("aria-pressed", String(button.dataset.value === value));
      onChange(value);
    },
  }, text));
  return h("div", { class: "segments", role: "group", "aria-label": label }, buttons);
}
