import { authPage, switchLink } from "../components/auth-form.js";

export default function render(main, params, context) {
  authPage(main, {
    title: "Sign up to see photos from your friends.",
    fields: [
      { name: "email", label: "Email", type: "email", autocomplete: "email" },
      { name: "fullName", label: "Full name", autocomplete: "name", required: false },
      { name: "username", label: "Username", autocomplete: "username" },
      { name: "password", label: "Password (at least 8 characters)", type: "password", autocomplete: "new-password", minlength: 8 },
    ],
    submitLabel: "Sign up",
    endpoint: "/v1/auth/register",
    toBody: ({ email, fullName, username, password }) => ({ email, username, password, fullName: fullName || undefined }),
    footer: switchLink("Have an account?", "/login", "Log in"),
    context,
  });
}
