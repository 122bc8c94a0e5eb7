import { authPage, switchLink } from "../components/auth-form.js";

export default function render(main, params, context) {
  authPage(main, {
    title: "Log in to see photos from your friends.",
    fields: [
      { name: "login", label: "Username or email", autocomplete: "username" },
      { name: "password", label: "Password", type: "password", autocomplete: "current-password" },
    ],
    submitLabel: "Log in",
    endpoint: "/v1/auth/login",
    toBody: ({ login, password }) => ({ login, password }),
    footer: switchLink("No account?", "/register", "Sign up"),
    context,
  });
}
