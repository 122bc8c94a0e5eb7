// A profile: who they are, how many follow them, and their grid — or why the grid is not shown (private, blocked).
import { api } from "../api.js";
import { currentUser } from "../session.js";
import { avatar, busy, count, errorBox, h, link, loading, mount, richText, toast } from "../dom.js";
import { chooseAction, confirmDialog } from "../components/modal.js";
import { notice } from "../components/notice.js";
import { postGrid } from "../components/post-grid.js";
import { findUser, missingUser } from "../components/user-lookup.js";
import { followButton } from "../components/user-row.js";
import { remember } from "../components/conversations.js";

const isMine = (profile) => profile.id === currentUser()?.id;
const isLocked = (profile) => profile.isPrivate && !profile.isFollowing && !isMine(profile);

export default async function render(main, { username }, { navigate }) {
  const page = h("section", { class: "page profile" }, loading());
  mount(main, page);
  let stop = null;

  async function show() {
    stop?.();
    stop = null;
    let profile;
    try {
      profile = await findUser(username);
    } catch (error) {
      if (page.isConnected) mount(page, errorBox(error));
      return;
    }
    // The reader may have gone to another page meanwhile.
    if (!page.isConnected) return;
    if (!profile) {
      mount(page, missingUser());
      return;
    }
    document.title = `${profile.fullName ? `${profile.fullName} (@${profile.username})` : `@${profile.username}`} · Instagram.Orleans`;
    drawProfile(profile);
  }

  function drawProfile(profile) {
    const content = h("div", { class: "profile-content" });
    const stats = h("ul", { class: "profile-stats" });
    const path = `/u/${encodeURIComponent(profile.username)}`;
    // Lists of a private account's people are refused to non-followers, so their counts are not links then.
    const drawStats = () => mount(stats,
      stat(profile.postCount, "post", "posts"),
      stat(profile.followerCount, "follower", "followers", !isLocked(profile) && `${path}/followers`),
      stat(profile.followingCount, "following", "following", !isLocked(profile) && `${path}/following`));

    let shownLocked;
    const drawContent = () => {
      const locked = isLocked(profile);
      if (locked === shownLocked) return;
      shownLocked = locked;
      stop?.();
      stop = null;
      mount(content);
      if (locked) {
        content.append(notice({
          "data-testid": "private-lock", icon: "lock",
          title: "This account is private", text: "Follow to see their photos.",
        }));
      } else {
        stop = postGrid(content, `/v1/users/${profile.id}/posts`, { emptyText: isMine(profile) ? "You have not posted yet." : "No posts yet." });
      }
    };

    const header = h("header", { class: "profile-header" },
      avatar(profile, 86),
      h("div", { class: "profile-summary" },
        h("div", { class: "profile-title" },
          h("h1", {}, profile.username, profile.isVerified && verifiedMark()),
          profile.isPrivate && h("span", { class: "badge" }, "Private")),
        stats),
      h("div", { class: "profile-about" },
        profile.fullName && h("p", { class: "profile-name" }, profile.fullName),
        profile.bio && h("p", { class: "profile-bio" }, richText(profile.bio))),
      h("div", { class: "profile-actions" }, isMine(profile) ? ownActions(profile) : otherActions(profile)));

    // followButton has already changed the profile's isFollowing / followRequested when this fires.
    let wasFollowing = profile.isFollowing;
    header.addEventListener("follow-change", () => {
      if (profile.isFollowing !== wasFollowing) {
        profile.followerCount = Number(profile.followerCount) + (profile.isFollowing ? 1 : -1);
        wasFollowing = profile.isFollowing;
      }
      drawStats();
      drawContent();
    });

    drawStats();
    drawContent();
    mount(page, header, content);
  }

  const ownActions = (profile) => [
    link("/settings", { class: "button secondary" }, "Edit profile"),
    profile.isPrivate && link("/requests", { class: "button secondary" }, "Follow requests"),
  ];

  function otherActions(profile) {
    const more = h("button", {
      type: "button", class: "secondary small-button more", "aria-haspopup": "dialog",
      "aria-label": `More options for ${profile.username}`,
      onclick: () => busy(more, () => offerBlock(profile)),
    }, "⋯");
    const message = h("button", {
      type: "button", class: "secondary small-button", "aria-label": `Message ${profile.username}`,
      onclick: () => busy(message, () => openConversation(profile)),
    }, "Message");
    return [followButton(profile), message, more];
  }

  // Starts the 1:1 conversation, or finds the one that exists (the API answers both), and opens it.
  async function openConversation(profile) {
    const conversation = await api("/v1/conversations", { method: "POST", body: { participantIds: [profile.id] } });
    remember(conversation);
    navigate(`/direct/${encodeURIComponent(conversation.id)}`);
  }

  async function offerBlock(profile) {
    const choice = await chooseAction({ title: `@${profile.username}`, choices: [{ value: "block", label: "Block", danger: true }] });
    if (choice !== "block") return;
    const sure = await confirmDialog({
      title: `Block @${profile.username}?`,
      text: "You will stop following each other, and neither of you will be able to find the other's profile, posts or stories. They are not told.",
      confirmLabel: "Block",
      danger: true,
    });
    if (!sure) return;
    await api(`/v1/users/${profile.id}/block`, { method: "POST" });
    toast(`You blocked @${profile.username}.`);
    drawBlocked(profile);
  }

  // Once blocked, the API answers this profile with a 404 like an unknown name: the id is only known here, now.
  function drawBlocked(profile) {
    stop?.();
    stop = null;
    const unblock = h("button", {
      type: "button", class: "primary",
      onclick: () => busy(unblock, async () => {
        await api(`/v1/users/${profile.id}/block`, { method: "DELETE" });
        toast(`You unblocked @${profile.username}.`);
        await show();
      }),
    }, `Unblock @${profile.username}`);
    mount(page,
      h("header", { class: "profile-header" }, avatar(profile, 86), h("div", { class: "profile-summary" }, h("h1", {}, profile.username))),
      notice({
        "data-testid": "blocked", icon: "blocked",
        title: `You blocked @${profile.username}`,
        text: "You can't see each other's profile, posts or stories.",
        actions: [unblock],
      }));
    unblock.focus();
  }

  await show();
  return () => stop?.();
}

function stat(value, singular, plural, href) {
  const n = Number(value);
  const body = [h("strong", {}, count(n)), " ", n === 1 ? singular : plural];
  return h("li", {}, href ? link(href, { class: "stat" }, body) : h("span", { class: "stat" }, body));
}

const verifiedMark = () => h("span", { class: "verified" }, h("span", { "aria-hidden": "true" }, " ✓"), h("span", { class: "visually-hidden" }, " (verified)"));
