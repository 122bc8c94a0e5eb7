// Line icons as inline SVG (emoji glyphs depend on the system's fonts; these do not). Decorative: the control names
// itself.
const paths = {
  home: "M3 10.5 12 3l9 7.5V21h-6v-6H9v6H3z",
  explore: "M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm4 6-2.5 5.5L8 16l2.5-5.5z",
  compose: "M4 4h16v16H4zM12 8v8M8 12h8",
  heart: "M12 21s-8-5.2-8-11a4.5 4.5 0 0 1 8-2.8A4.5 4.5 0 0 1 20 10c0 5.8-8 11-8 11z",
  search: "M10.5 3a7.5 7.5 0 1 0 4.7 13.3L21 22l1-1-5.7-5.8A7.5 7.5 0 0 0 10.5 3z",
  comment: "M20.5 11.5a8.5 8.5 0 0 1-12.6 7.4L3 20.5l1.6-4.6A8.5 8.5 0 1 1 20.5 11.5z",
  reels: "M4 4h16v16H4zM4 9h16M9 4l3 5M15 4l3 5M10 12v5l4.5-2.5z",
  lock: "M6 11h12v10H6zM8.5 11V7.5a3.5 3.5 0 0 1 7 0V11",
  blocked: "M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zM5.6 5.6l12.8 12.8",
  missing: "M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zM9.5 9a2.5 2.5 0 1 1 3.5 2.3c-.6.3-1 .9-1 1.6v.6M12 16.5v.5",
  messages: "M22 2 11 13M22 2l-7 20-4-9-9-4z",
  carousel: "M8 3h13v13H8zM3 8v13h13",
};

export function icon(name) {
  const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("aria-hidden", "true");
  const path = document.createElementNS("http://www.w3.org/2000/svg", "path");
  path.setAttribute("d", paths[name]);
  svg.append(path);
  return svg;
}
