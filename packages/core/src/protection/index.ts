/**
 * Protection of sensitive fields at rest: envelope encryption with WebCrypto (a fresh AES-256-GCM data key per
 * value, wrapped by a host-provided key-encryption key named in the envelope; key rotation; the record and field
 * bound as associated data) and keyed search tokens (HMAC-SHA256 with a separate key) over normalised values.
 * No I/O; keys come from the host.
 * @module
 */
export { createFieldProtector, FieldProtectionOptionsSchema, FieldContextSchema } from './field-protector';
export type { FieldProtector, FieldProtectionOptions, FieldContext } from './field-protector';
export { KeyIdSchema, KeyMaterialSchema } from './key-material';
export type { KeyMaterial, WebCryptoKey } from './key-material';
export { normalizeSearchValue } from './search-token';
export type { SearchableField } from './search-token';
export { ENVELOPE_VERSION } from './envelope';
