/** The schema pg-boss keeps its tables in, beside the store's own (docs/service.md). */
export const QUEUE_SCHEMA = 'pgboss';
