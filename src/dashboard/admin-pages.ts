/**
 * Users and API keys (admins only; the routes refuse anyone else with 403). A new key is shown
 * once, on the page that created it, and never again (only its digest is kept).
 *
 * @module
 */
import { html } from 'hono/html';
import { ROLES } from '../auth/users.js';
import type { ApiKeyRow } from '../store/api-keys-repo.js';
import type { SourceRow } from '../store/sources-repo.js';
import type { UserRow } from '../store/users-repo.js';
import {
  csrfField,
  layout,
  postButton,
  scrollTable,
  when,
  type Html,
  type PageContext,
  headRow,
} from './layout.js';

const roleSelect = (name: string, id: string, selected = 'viewer') =>
  html`<select name="${name}" id="${id}">
    ${ROLES.map((r) => html`<option value="${r}" ${r === selected ? 'selected' : ''}>${r}</option>`)}
  </select>`;

export function usersPage(ctx: PageContext, users: readonly UserRow[], notice?: string): Html {
  return layout(
    ctx,
    'Users',
    html`${scrollTable(
        'Users',
        html`<table>
          ${headRow(['E-mail', 'Role', 'Actions'])}
          <tbody>
            ${users.map((u, i) => userRow(ctx, u, i))}
          </tbody>
        </table>`,
      )}
      <h2>Add a user</h2>
      <form method="post" action="/users" class="filters">
        ${csrfField(ctx)}
        <label>E-mail <input type="email" name="email" autocomplete="off" required /></label>
        <label
          >Password (at least 12 characters)
          <input
            type="password"
            name="password"
            autocomplete="new-password"
            minlength="12"
            required
        /></label>
        <label for="new-role">Role</label> ${roleSelect('role', 'new-role')}
        <button type="submit">Add user</button>
      </form>`,
    notice,
  );
}

function userRow(ctx: PageContext, u: UserRow, i: number): Html {
  return html`<tr>
    <th scope="row">${u.email}</th>
    <td>
      <form method="post" action="/users/role" class="inline">
        ${csrfField(ctx)}
        <input type="hidden" name="email" value="${u.email}" />
        <label for="role-${i}" class="visually-hidden">Role of ${u.email}</label>
        ${roleSelect('role', `role-${i}`, u.role)}
        <button type="submit" aria-label="Set the role of ${u.email}">Set role</button>
      </form>
    </td>
    <td>
      ${
        ctx.principal.name === u.email
          ? 'you'
          : postButton(ctx, '/users/remove', 'Remove', { email: u.email }, `Remove ${u.email}`)
      }
    </td>
  </tr>`;
}

export function apiKeysPage(
  ctx: PageContext,
  keys: readonly ApiKeyRow[],
  sources: readonly SourceRow[],
  created?: string,
  notice?: string,
): Html {
  const active = keys.filter((k) => !k.revokedAt);
  return layout(
    ctx,
    'API keys',
    html`${
        created
          ? html`<div class="notice" role="status">
              <p>The new key, shown this once — copy it now:</p>
              <p><code>${created}</code></p>
            </div>`
          : ''
      }
      ${
        active.length === 0
          ? html`<p>No active API key.</p>`
          : scrollTable('API keys', keysTable(ctx, active))
      }
      <h2>Create a key</h2>
      <form method="post" action="/api-keys" class="filters">
        ${csrfField(ctx)}
        <label>Label <input type="text" name="label" maxlength="100" /></label>
        <label for="key-role">Role</label> ${roleSelect('role', 'key-role')}
        <label for="key-source">Only pushes to</label>
        <select name="source" id="key-source">
          <option value="">— any use —</option>
          ${sources
            .filter((s) => s.kind === 'push')
            .map((s) => html`<option value="${s.name}">${s.name}</option>`)}
        </select>
        <button type="submit">Create key</button>
      </form>`,
    notice,
  );
}

function keysTable(ctx: PageContext, keys: readonly ApiKeyRow[]): Html {
  return html`<table>
    ${headRow(['Label', 'Role', 'Starts with', 'Created', 'Actions'])}
    <tbody>
      ${keys.map(
        (k) =>
          html`<tr>
            <th scope="row">${k.label}${k.source ? ` (pushes to ${k.source})` : ''}</th>
            <td>${k.role}</td>
            <td><code>lbk_${k.prefix}_…</code></td>
            <td>${when(k.createdAt)}</td>
            <td>
              ${postButton(ctx, '/api-keys/revoke', 'Revoke', { id: k.id }, `Revoke ${k.label}`)}
            </td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}
