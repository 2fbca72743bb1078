/**
 * `closer-chat/org-config`: an organisation's Closer configuration as code. The
 * schema (Closer's typed client's `OrgConfig`) and its type, validation with readable
 * problems, its JSON Schema, a client for the org configuration API, field-by-field
 * and three-way comparisons, and working hours in human terms and in the org's zone.
 * Runs in Node ≥ 20 and in browsers; needs no DOM. Not part of the element's bundles.
 */
export {
  CALL_POPOUT_MODES,
  CHECKS_BEYOND_JSON_SCHEMA,
  CLIENT_FIELDS,
  DOCS_ONLY_FIELDS,
  LEGACY_FIELDS,
  ORG_CONFIG_FIELDS,
  REQUIRED_FIELDS,
  SLA_RANGES,
  STATUSES_AFTER_LOGIN,
  WEEK_SECONDS,
  isKnownTimeZone,
  maintenanceWindowSchema,
  orgConfigPartialSchema,
  orgConfigSchema,
  workingHoursEntrySchema,
  type CallPopoutMode,
  type DocsOnlyField,
  type LegacyField,
  type MaintenanceWindow,
  type OrgConfig,
  type StatusAfterLogin,
  type WorkingHoursEntry,
} from './schema.js';
export {
  SCHEMA_KEY,
  parseOrgConfig,
  validateOrgConfig,
  validateOrgConfigJson,
  type OrgConfigValidation,
  type ValidateOptions,
} from './validate.js';
export { orgConfigJsonSchema, type JsonSchemaOptions } from './json-schema.js';
export {
  CLOSER_HOSTS,
  UUID_PATTERN,
  createOrgConfigClient,
  type OrgConfigClient,
  type OrgConfigClientOptions,
  type RequestOptions,
} from './client.js';
export {
  ORG_CONFIG_ERROR_CODES,
  OrgConfigError,
  OrgConfigValidationError,
  type OrgConfigErrorCode,
  type OrgConfigProblem,
} from './errors.js';
export { diffConfigs, planPush, type Difference, type DifferenceKind, type PushPlan } from './diff.js';
export { deepMerge, jsonEqual } from './json.js';
export { liveChangesSinceBase, wouldBeLost, type LiveChange, type LiveChangeKind, type Side } from './three-way.js';
export {
  WEEKDAYS,
  formatUtcOffset,
  formatWeeklySchedule,
  fromWeeklySchedule,
  isOpen,
  openSecondsPerWeek,
  parseUtcOffset,
  parseWeeklySchedule,
  resolveUtcOffsetMinutes,
  toWeeklySchedule,
  type DaySchedule,
  type DisplayZone,
  type OpeningInterval,
  type Weekday,
  type WeeklySchedule,
} from './working-hours.js';
export {
  formatInstant,
  hoursFromZonedWeek,
  zonedWeek,
  type OffsetChange,
  type ZonedWeek,
  type ZonedWeekOptions,
} from './zoned-week.js';
export { formatHoursSpec, parseHoursSpec } from './hours-spec.js';
export { formatPath } from './path.js';
