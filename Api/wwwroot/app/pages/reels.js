// Reels: one vertical video per screen, snapping. The reel on screen plays (muted until the viewer turns the sound on),
// its watch time is reported when it leaves the screen, and the URLs the API names for the next reels are prefetched.
import { api } from "../api.js";
import { pagedList } from "../components/paged-list.js";
import { avatar, h, link, mount, richText } from "../dom.js";

const prefetched = new Set();

export default function render(main) {
  const list = h("div", { class: "reels" });
  mount(main, h("section", { class: "page reels-page" }, h("h1", { class: "visually-hidden" }, "Reels"), list));
  let muted = true;
  const watching = new Map(); // video element -> { reel, since }

  const report = (videoElement) => {
    const entry = watching.get(videoElement);
    if (!entry) return;
    watching.delete(videoElement);
    const watchedMs = Math.round(videoElement.currentTime * 1000);
    if (watchedMs > 0) {
      // Fire and forget: the longest watch counts on the server, so a lost or repeated report changes nothing.
      api(`/v1/reels/${entry.reel.id}/watch`, { method: "POST", body: { watchedMs } }).catch(() => {});
    }
  };

  const onScreen = new IntersectionObserver((entries) => {
    for (const { target, isIntersecting } of entries) {
      const videoElement = target.querySelector("video");
      if (isIntersecting) {
        videoElement.muted = muted;
        watching.set(videoElement, { reel: target.reel });
        videoElement.play().catch(() => {}); // autoplay may be refused; the controls remain
        prefetch(target.reel.prefetch);
      } else {
        videoElement.pause();
        report(videoElement);
      }
    }
  }, { threshold: 0.6 });

  const reelItem = (reel) => {
    const item = reel.media?.[0];
    if (!item || item.type !== "video") return null;
    const videoElement = h("video", {
      class: "reel-video", loop: true, playsInline: true, preload: "metadata", poster: item.posterUrl, src: item.playback?.hls,
      "aria-label": `Reel by ${reel.author.username}${reel.caption ? `: ${reel.caption.slice(0, 120)}` : ""}`,
      onclick: (event) => (event.currentTarget.paused ? event.currentTarget.play() : event.currentTarget.pause()),
    });
    const sound = h("button", {
      type: "button", class: "reel-sound", "aria-pressed": String(!muted),
      onclick: () => {
        muted = !muted;
        for (const other of list.querySelectorAll("video")) other.muted = muted;
        for (const button of list.querySelectorAll(".reel-sound")) {
          button.setAttribute("aria-pressed", String(!muted));
          button.textContent = muted ? "Sound off" : "Sound on";
        }
      },
    }, muted ? "Sound off" : "Sound on");
    const element = h("article", { class: "reel", "aria-label": `Reel by ${reel.author.username}` },
      videoElement,
      h("div", { class: "reel-overlay" },
        link(`/u/${encodeURIComponent(reel.author.username)}`, { class: "author" }, avatar(reel.author), h("strong", {}, reel.author.username)),
        reel.caption && h("p", { class: "reel-caption" }, richText(reel.caption)),
        h("div", { class: "reel-actions" }, sound, link(`/p/${reel.id}`, { class: "reel-open" }, "Likes and comments"))));
    element.reel = reel;
    onScreen.observe(element);
    return element;
  };

  const stop = pagedList(list, {
    path: "/v1/reels", limit: 5, renderItem: reelItem,
    emptyText: "No reels yet. Post a vertical video as a reel from the composer.",
  });
  return () => {
    for (const videoElement of watching.keys()) report(videoElement);
    onScreen.disconnect();
    stop();
  };
}

function prefetch(urls = []) {
  for (const url of urls) {
    if (prefetched.has(url)) continue;
    prefetched.add(url);
    document.head.append(h("link", { rel: "prefetch", href: url }));
  }
}
