/**
 * The control surface over HTTP, under /sandbox, for scripts and the demo. Every route needs the
 * control token (`Authorization: Bearer <token>` or `X-Sandbox-Token: <token>`). Bodies and
 * answers are JSON; a refusal is `{"error": "…"}` with its status (400, 404).
 *
 * @module
 */
import { Hono } from 'hono';
import type { Context } from 'hono';
import type { ActionstepControl } from './control.js';
import { ActionstepEmulatorError } from './errors.js';
import type { PracticeUser } from './practice.js';
import type * as input from './practice-inputs.js';
import { parseInput } from './practice-inputs.js';
import type { EmulatorEnv } from './rest-routes.js';
import { controlWrapper, guardControl, runtimeRoutes } from '../emulator-kit/control-kit.js';
import type { AppRegistration } from './control.js';
import type { NewOrganisation } from './services.js';

type Body = Record<string, unknown>;

/** The practice user's actions by their route name; each checks its own input (zod). */
const PRACTICE: Record<string, (user: PracticeUser, body: unknown) => unknown> = {
  'create-participant': (u, b) => u.createParticipant(b as input.NewParticipant),
  'edit-participant': (u, b) => u.editParticipant(b as input.ParticipantEdit),
  'remove-duplicate-participant': (u, b) =>
    u.removeDuplicateParticipant(b as input.DuplicateRemoval),
  'create-matter': (u, b) => u.createMatter(b as input.NewMatter),
  'record-time': (u, b) => u.recordTime(b as input.TimeRecordInput),
  'record-disbursement': (u, b) => u.recordDisbursement(b as input.DisbursementInput),
  'create-bill': (u, b) => u.createBill(b as input.NewBill),
  'edit-bill': (u, b) => u.editBill(b as input.BillEdit),
  'finalise-bill': (u, b) => u.finaliseBill(b as input.BillFinalise),
  'void-bill': (u, b) => u.voidBill(b as input.BillRef),
  'record-receipt': (u, b) => u.recordReceipt(b as input.NewReceipt),
  'edit-receipt': (u, b) => u.editReceipt(b as input.ReceiptEdit),
  'reverse-receipt': (u, b) => u.reverseReceipt(b as input.ReceiptRef),
  'create-credit': (u, b) => u.createCredit(b as input.NewCredit),
  'void-credit': (u, b) => u.voidCredit(b as input.CreditRef),
  'record-trust-receipt': (u, b) => u.recordTrustReceipt(b as input.TrustReceiptInput),
  'record-trust-payment': (u, b) => u.recordTrustPayment(b as input.TrustPaymentInput),
};

const wrap = controlWrapper<EmulatorEnv>((error) =>
  error instanceof ActionstepEmulatorError
    ? { status: error.status, message: error.message }
    : undefined,
);

const param = (c: Context<EmulatorEnv>, name: string): string => c.req.param(name) ?? '';

function runPractice(control: ActionstepControl, c: Context<EmulatorEnv>, body: Body): unknown {
  const run = PRACTICE[param(c, 'action')];
  if (!run)
    throw new ActionstepEmulatorError(
      404,
      'Not Found',
      `No practice action '${param(c, 'action')}'.`,
    );
  return run(control.practice(param(c, 'orgkey')), body);
}

/** Apps, organisations, the seed and generator, the practice user, records as the API shows them. */
function booksRoutes(routes: Hono<EmulatorEnv>, control: ActionstepControl): void {
  routes.post(
    '/apps',
    wrap((_c, b) => control.registerApp(b as unknown as AppRegistration)),
  );
  routes.get(
    '/organisations',
    wrap(() => control.organisations()),
  );
  routes.post(
    '/organisations',
    wrap((_c, b) => control.createOrganisation(b as unknown as NewOrganisation)),
  );
  routes.put(
    '/login-organisation',
    wrap((_c, b) => control.setLoginOrganisation(String(b.orgkey))),
  );
  routes.post(
    '/organisations/:orgkey/seed',
    wrap((c) => control.seedLawFirm(param(c, 'orgkey'))),
  );
  routes.post(
    '/organisations/:orgkey/generate-bills',
    wrap((c, b) =>
      control.generateBills(
        param(c, 'orgkey'),
        Number(b.count),
        b.seed === undefined ? 1 : Number(b.seed),
      ),
    ),
  );
  routes.post(
    '/organisations/:orgkey/practice/:action',
    wrap((c, b) => runPractice(control, c, b)),
  );
  routes.get(
    '/organisations/:orgkey/:resource',
    wrap((c) => control.list(param(c, 'orgkey'), param(c, 'resource'))),
  );
  routes.get(
    '/organisations/:orgkey/:resource/:id',
    wrap((c) => control.get(param(c, 'orgkey'), param(c, 'resource'), param(c, 'id')) ?? null),
  );
}

export function controlRoutes(control: ActionstepControl, controlToken: string): Hono<EmulatorEnv> {
  const routes = new Hono<EmulatorEnv>();
  guardControl(routes, controlToken);
  booksRoutes(routes, control);
  runtimeRoutes(routes, control, wrap, parseInput);
  return routes;
}
