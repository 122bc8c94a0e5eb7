// Every page of the client. Api/Web/WebClientApi.cs serves the shell at the same paths, so links and reloads work.
// A page module's default export renders into <main>: render(main, params, context), and may return a cleanup.

export const routes = [
  { path: "/", title: "Home", page: () => import("./pages/feed.js") },
  { path: "/login", title: "Log in", page: () => import("./pages/login.js"), public: true },
  { path: "/register", title: "Sign up", page: () => import("./pages/register.js"), public: true },
  { path: "/explore", title: "Explore", page: () => import("./pages/explore.js") },
  { path: "/reels", title: "Reels", page: () => import("./pages/reels.js") },
  { path: "/search", title: "Search", page: () => import("./pages/search.js") },
  { path: "/notifications", title: "Notifications", page: () => import("./pages/notifications.js") },
  { path: "/compose", title: "New post", page: () => import("./pages/compose.js") },
  { path: "/trending", title: "Trending", page: () => import("./pages/trending.js") },
  { path: "/settings", title: "Edit profile", page: () => import("./pages/settings.js") },
  { path: "/direct", title: "Messages", page: () => import("./pages/direct.js") },
  { path: "/direct/:conversationId", title: "Messages", page: () => import("./pages/thread.js") },
  { path: "/requests", title: "Follow requests", page: () => import("./pages/requests.js") },
  { path: "/p/:postId", title: "Post", page: () => import("./pages/post.js") },
  { path: "/u/:username", title: "Profile", page: () => import("./pages/profile.js") },
  { path: "/u/:username/followers", title: "Followers", page: () => import("./pages/people.js") },
  { path: "/u/:username/following", title: "Following", page: () => import("./pages/people.js") },
  { path: "/tags/:tag", title: "Hashtag", page: () => import("./pages/hashtag.js") },
  { path: "/stories/:userId", title: "Stories", page: () => import("./pages/story.js") },
];

/** The route and its parameters for a path, or null. */
export function match(pathname) {
  const parts = pathname.replace(/\/+$/, "").split("/").slice(1);
  for (const route of routes) {
    const pattern = route.path === "/" ? [] : route.path.split("/").slice(1);
    if (pattern.length !== parts.length && !(route.path === "/" && parts.length === 1 && parts[0] === "")) continue;
    const params = {};
    const ok = pattern.every((segment, i) => {
      if (segment.startsWith(":")) {
        params[segment.slice(1)] = decodeURIComponent(parts[i]);
        return parts[i] !== "";
      }
      return segment === parts[i];
    });
    if (ok) return { route, params };
  }
  return null;
}
