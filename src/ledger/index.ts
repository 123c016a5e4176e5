/**
 * The ledger: canonical document types, validation and money. Pure: no I/O, imports nothing
 * else of ours.
 *
 * @module
 */
export * from './banking.js';
export * from './contact.js';
export * from './contact-edit.js';
export * from './content-hash.js';
export * from './credit-note.js';
export * from './currencies.js';
export * from './decimal.js';
export * from './document.js';
export * from './document-rules.js';
export * from './envelope.js';
export * from './invoice.js';
export * from './line.js';
export * from './line-amounts.js';
export * from './overpayment.js';
export * from './payment.js';
export * from './payout.js';
export * from './refund.js';
export * from './result.js';
export * from './statuses.js';
export * from './storable-text.js';
export * from './trust.js';
export * from './validate.js';
export * from './write-off.js';
