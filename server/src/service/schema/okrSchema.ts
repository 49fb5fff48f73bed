/** The OKR file schema (format version 1) and the okr.config.yaml schema, each compiled once. */
import okrSchemaJson from '../../../../schemas/okr.schema.json';
import configSchemaJson from '../../../../schemas/okr.config.schema.json';
import { SchemaSet, type JsonSchema } from './schemaSet';

export const okrSchemas = new SchemaSet(okrSchemaJson as unknown as JsonSchema);
export const configSchemas = new SchemaSet(configSchemaJson as unknown as JsonSchema);
export const okrSchema = okrSchemas.root;
