/**
 * The OpenAPI 3.1 description of /api, built from the same zod schemas that validate requests
 * (zod 4's own `z.toJSONSchema`, whose draft 2020-12 output is OpenAPI 3.1's schema dialect:
 * https://spec.openapis.org/oas/v3.1.0#schema-object). Schemas with a `.meta({ id })` become
 * components, so the document names them once.
 *
 * @module
 */
import { SESSION_COOKIE } from '../http/authenticate.js';
import { z } from 'zod';
import { ApiErrorSchema } from './api-error.js';
import type { ApiRoute } from './route-table.js';

type JsonSchema = Record<string, unknown>;

const ERROR_ANSWERS: Record<string, string> = {
  '400': 'The request is not valid (LB_USAGE): the message names the field',
  '401': 'No authentication (LB_AUTH_REQUIRED)',
  '403': 'Your role may not do this (LB_AUTH_FORBIDDEN)',
  '404': 'No such thing (LB_API_NOT_FOUND)',
};

export function openApiDocument(routes: readonly ApiRoute[]): JsonSchema {
  const paths: Record<string, Record<string, unknown>> = {};
  const components: Record<string, JsonSchema> = {};
  const toSchema = (schema: z.ZodType, io: 'input' | 'output'): JsonSchema => {
    const raw = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' });
    // Schemas named with .meta({ id }) come out under $defs; the document keeps them once, as
    // components.
    const json = JSON.parse(
      JSON.stringify(raw).replaceAll('"#/$defs/', '"#/components/schemas/'),
    ) as JsonSchema & { $defs?: Record<string, JsonSchema> };
    const { $defs, $schema: _dialect, ...rest } = json;
    Object.assign(components, $defs ?? {});
    return rest;
  };
  for (const route of routes) {
    const operation: Record<string, unknown> = {
      operationId: `${route.method}${route.path
        .replace(/[{}]/g, '')
        .replace(/\/(\w)/g, (_, c: string) => c.toUpperCase())
        .replace(/[^A-Za-z0-9]/g, '')}`,
      summary: route.summary,
      'x-permission': route.permission,
      security: [{ bearer: [] }, { session: [] }],
      parameters: [
        ...parametersOf(route.params, 'path', toSchema),
        ...parametersOf(route.query, 'query', toSchema),
        ...parametersOf(route.headers, 'header', toSchema),
      ],
      ...(route.body && { requestBody: requestBodyOf(route, route.body, toSchema) }),
      responses: responsesOf(route, toSchema),
    };
    (paths[route.path] ??= {})[route.method] = operation;
  }
  toSchema(ApiErrorSchema, 'output'); // registers the ApiError component the answers name
  return {
    openapi: '3.1.0',
    info: { title: 'Ledgerbridge API', version: '1', description: 'See docs/api.md.' },
    servers: [{ url: '/api' }],
    paths,
    components: {
      schemas: components,
      responses: Object.fromEntries(
        Object.entries(ERROR_ANSWERS).map(([status, description]) => [
          `E${status}`,
          {
            description,
            content: { 'application/json': { schema: ERROR_REF } },
          },
        ]),
      ),
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description: 'An API key: Authorization: Bearer KEY',
        },
        session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
      },
    },
  };
}

const ERROR_REF = { $ref: '#/components/schemas/ApiError' };

function responsesOf(
  route: ApiRoute,
  toSchema: (s: z.ZodType, io: 'input' | 'output') => JsonSchema,
): JsonSchema {
  return {
    '200': {
      description: 'OK',
      content: { 'application/json': { schema: toSchema(route.response, 'output') } },
    },
    ...Object.fromEntries(
      Object.entries(ERROR_ANSWERS).map(([status, description]) => [
        status,
        { $ref: `#/components/responses/E${status}`, description },
      ]),
    ),
    ...Object.fromEntries(
      Object.entries(route.errors ?? {}).map(([status, description]) => [
        status,
        { description, content: { 'application/json': { schema: ERROR_REF } } },
      ]),
    ),
  };
}

function requestBodyOf(
  route: ApiRoute,
  body: z.ZodType,
  toSchema: (s: z.ZodType, io: 'input' | 'output') => JsonSchema,
): JsonSchema {
  const schema = toSchema(body, 'input');
  const types = route.bodyTypes ?? ['application/json'];
  return { required: true, content: Object.fromEntries(types.map((t) => [t, { schema }])) };
}

function parametersOf(
  schema: z.ZodType | undefined,
  where: 'path' | 'query' | 'header',
  toSchema: (s: z.ZodType, io: 'input' | 'output') => JsonSchema,
): JsonSchema[] {
  if (!schema) return [];
  const json = toSchema(schema, 'input') as {
    properties?: Record<string, JsonSchema>;
    required?: string[];
  };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || (json.required ?? []).includes(name),
    schema: property,
    ...(typeof property.description === 'string' && { description: property.description }),
  }));
}
