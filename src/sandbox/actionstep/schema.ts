/**
 * The resources the emulator serves, declared once: their fields (with a kind that says how a
 * value is stored, rendered, parsed and compared), their `links` to other resources, the methods
 * they accept and the REST hook events they raise. Everything else (rendering, filters, includes,
 * writes) is generic over these declarations.
 *
 * Documented resources follow Actionstep's OpenAPI files (docs.actionstep.com/downloads/<name>.yaml,
 * mirrored in github.com/api-evangelist/actionstep/openapi/_original) or, where those have none,
 * the field maps of Actionstep's archived PHP SDK (github.com/lancenz/Actionstep-API-SDK-PHP,
 * library/Actionstep/Api/Resources). A subset of fields is kept; docs/actionstep-emulator.md lists
 * them. The accounting resources in schema-extensions.ts are NOT in Actionstep's public docs.
 *
 * @module
 */

/** How a field is held and shown. Money and quantities are bigint units (src/ledger/decimal.ts). */
export type FieldKind =
  | 'text'
  | 'int'
  /** "T" / "F", Actionstep's booleans. */
  | 'flag'
  /** Currency: 2 decimal places, a JSON number on the wire. */
  | 'money'
  /** Quantities, hours, unit prices, percentages: up to 4 decimal places, a JSON number. */
  | 'decimal'
  /** YYYY-MM-DD. */
  | 'date'
  /** Epoch ms inside; ISO 8601 with the organisation's offset on the wire. */
  | 'timestamp';

export interface FieldDef {
  kind: FieldKind;
  /** Set by the emulator only; ignored when a client sends it. */
  readOnly?: boolean;
  /** Required on POST. */
  required?: boolean;
  /** Allowed values (an enum in the OpenAPI file). */
  values?: readonly string[];
}

export interface LinkDef {
  /** The resource the id points at; absent for code-valued links (countries). */
  target?: string;
  /** One-to-many (`links.action: [1093, 2232]` on bills). */
  many?: boolean;
  readOnly?: boolean;
  required?: boolean;
  /** The link holds a code (an ISO country), not an id. */
  code?: boolean;
}

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ResourceDef {
  name: string;
  fields: Record<string, FieldDef>;
  links: Record<string, LinkDef>;
  methods: readonly Method[];
  events?: { created?: string; updated?: string; deleted?: string };
  /** False for the emulator's own accounting resources (schema-extensions.ts). */
  documented: boolean;
  /** First id handed out, distinct per resource so mixed-up ids do not pass by luck. */
  firstId: number;
  /** Where the shape comes from. */
  source: string;
  /** The id is these links' ids joined by "--" (actionparticipants: "1024--31--11"). */
  compositeId?: readonly string[];
}

export const ro = { readOnly: true } as const;
export const text = (extra: Partial<FieldDef> = {}): FieldDef => ({ kind: 'text', ...extra });
export const int = (extra: Partial<FieldDef> = {}): FieldDef => ({ kind: 'int', ...extra });
export const flag = (extra: Partial<FieldDef> = {}): FieldDef => ({ kind: 'flag', ...extra });
export const money = (extra: Partial<FieldDef> = {}): FieldDef => ({ kind: 'money', ...extra });
export const decimal = (extra: Partial<FieldDef> = {}): FieldDef => ({ kind: 'decimal', ...extra });
export const date = (extra: Partial<FieldDef> = {}): FieldDef => ({ kind: 'date', ...extra });
export const stamp = (extra: Partial<FieldDef> = {}): FieldDef => ({ kind: 'timestamp', ...extra });
export const oneOf = (values: readonly string[], extra: Partial<FieldDef> = {}): FieldDef => ({
  kind: 'text',
  values,
  ...extra,
});
export const link = (target: string, extra: Partial<LinkDef> = {}): LinkDef => ({
  target,
  ...extra,
});

export const OPENAPI = 'docs.actionstep.com OpenAPI';
export const PHP_SDK = 'archived PHP SDK field map';

const divisions: ResourceDef = {
  name: 'divisions',
  fields: {
    timezoneName: text(),
    timezoneOffset: int(),
    isActive: flag(),
    taxAccountingMethod: text(),
    lockoutTimestamp: date(),
    trustLockoutTimestamp: date(),
  },
  links: { participant: link('participants'), parent: link('divisions') },
  methods: ['GET'],
  documented: true,
  firstId: 1,
  source: `${PHP_SDK} Divisions.php`,
};

const participants: ResourceDef = {
  name: 'participants',
  fields: {
    displayName: text({ required: true }),
    displayInitials: text(),
    isCompany: flag(),
    companyName: text(),
    salutation: text(),
    firstName: text(),
    middleName: text(),
    lastName: text(),
    preferredName: text(),
    physicalAddressLine1: text(),
    physicalAddressLine2: text(),
    physicalCity: text(),
    physicalStateProvince: text(),
    physicalPostCode: text(),
    mailingAddressLine1: text(),
    mailingAddressLine2: text(),
    mailingCity: text(),
    mailingStateProvince: text(),
    mailingPostCode: text(),
    phone1Label: text(),
    phone1Number: text(),
    email: text(),
    website: text(),
    taxNumber: text(),
    debtorStatementSendEmail: flag(),
    debtorStatementUsePrimaryEmail: flag(),
    debtorStatementEmail: text(),
    importExternalReference: text(),
    createdTimestamp: stamp(ro),
    modifiedTimestamp: stamp(ro),
  },
  links: {
    physicalCountry: { code: true },
    mailingCountry: { code: true },
    division: link('divisions'),
  },
  methods: ['GET', 'POST', 'PUT'],
  events: { created: 'ParticipantCreated', updated: 'ParticipantUpdated' },
  documented: true,
  firstId: 7001,
  source: `${OPENAPI} participants.yaml`,
};

const participanttypes: ResourceDef = {
  name: 'participanttypes',
  fields: {
    name: text(),
    description: text(),
    isBaseParticipantType: flag(),
    companyFlag: flag(),
    taxNumberAlias: text(),
  },
  links: {},
  methods: ['GET'],
  documented: true,
  firstId: 21,
  source: `${PHP_SDK} Participanttypes.php`,
};

const actiontypes: ResourceDef = {
  name: 'actiontypes',
  fields: { name: text(), description: text(), isBillable: flag(), isDisabled: flag() },
  links: {},
  methods: ['GET'],
  documented: true,
  firstId: 41,
  source: `${OPENAPI} actiontypes.yaml`,
};

const actions: ResourceDef = {
  name: 'actions',
  fields: {
    name: text(),
    reference: text(),
    priority: int(),
    status: oneOf(['Active', 'Inactive', 'Template', 'Closed']),
    statusTimestamp: stamp(ro),
    isBillableOverride: flag(),
    createdTimestamp: stamp(ro),
    modifiedTimestamp: stamp(ro),
    isDeleted: flag(ro),
    deletedTimestamp: stamp(ro),
    isFavorite: flag(),
    importExternalReference: text(),
    bannerText: text(),
  },
  links: {
    assignedTo: link('participants'),
    division: link('divisions'),
    actionType: link('actiontypes', ro),
    primaryParticipants: link('participants', { many: true, readOnly: true }),
  },
  // The OpenAPI file updates with PATCH; the API docs call PUT the update verb: both are served.
  methods: ['GET', 'PATCH', 'PUT'],
  events: { created: 'ActionCreated', updated: 'ActionUpdated' },
  documented: true,
  firstId: 2001,
  source: `${OPENAPI} actions.yaml`,
};

const actionparticipants: ResourceDef = {
  name: 'actionparticipants',
  fields: { participantNumber: int(ro) },
  links: {
    action: link('actions', { required: true }),
    participantType: link('participanttypes', { required: true }),
    participant: link('participants', { required: true }),
  },
  methods: ['GET', 'POST', 'DELETE'],
  events: { created: 'ActionParticipantAdded', deleted: 'ActionParticipantDeleted' },
  documented: true,
  firstId: 1,
  compositeId: ['action', 'participantType', 'participant'],
  source: `${OPENAPI} actionparticipants.yaml`,
};

const resthooks: ResourceDef = {
  name: 'resthooks',
  fields: {
    eventName: text({ required: true }),
    targetUrl: text({ required: true }),
    status: oneOf(['Active', 'Disabled', 'Deleted'], ro),
    triggeredCount: int(ro),
    triggeredLastTimestamp: stamp(ro),
  },
  links: {},
  methods: ['GET', 'POST', 'PUT', 'DELETE'],
  documented: true,
  firstId: 601,
  source: `${OPENAPI} resthooks.yaml; docs.actionstep.com/webhooks`,
};

/** The contact, matter and hook resources; billing ones are in schema-billing.ts. */
export const CORE_RESOURCES: readonly ResourceDef[] = [
  divisions,
  participants,
  participanttypes,
  actiontypes,
  actions,
  actionparticipants,
  resthooks,
];
