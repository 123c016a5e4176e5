/** The sign-in and setup pages: plain HTML forms, every value escaped. */
import { html } from 'hono/html';

const page = (title: string, body: ReturnType<typeof html>) =>
  html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <title>${title} — Ledgerbridge</title>
      </head>
      <body>
        <main>
          <h1>${title}</h1>
          ${body}
        </main>
      </body>
    </html>`;

export function loginPage(next: string) {
  return page(
    'Sign in',
    html`<form method="post" action="/login">
      <input type="hidden" name="next" value="${next}" />
      <label>E-mail <input type="email" name="email" autocomplete="username" required /></label>
      <label
        >Password <input type="password" name="password" autocomplete="current-password" required
      /></label>
      <button type="submit">Sign in</button>
    </form>`,
  );
}

export function setupPage(token: string) {
  return page(
    'Create the first admin',
    html`<form method="post" action="/setup">
      <input type="hidden" name="token" value="${token}" />
      <label>E-mail <input type="email" name="email" autocomplete="username" required /></label>
      <label
        >Password (at least 12 characters)
        <input type="password" name="password" autocomplete="new-password" minlength="12" required
      /></label>
      <button type="submit">Create admin</button>
    </form>`,
  );
}
