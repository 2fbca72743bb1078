/**
 * `closer-chat/org-config`: an organisation's Closer configuration as code. The
 * schema and its type, validation with readable problems, a client for the org
 * configuration API, field-by-field diffs and working hours in human terms.
 * Runs in Node ≥ 20 and in browsers; needs no DOM. Not part of the element's bundles.
 */
export {
  ORG_CONFIG_FIELDS,
  SLA_RANGES,
  STATUSES_AFTER_LOGIN,
  WEEK_SECONDS,
  orgConfigSchema,
  workingHoursEntrySchema,
  type OrgConfig,
  type StatusAfterLogin,
  type WorkingHoursEntry,
} from './schema.js';
export { parseOrgConfig, validateOrgConfig, validateOrgConfigJson, type OrgConfigValidation } from './validate.js';
export {
  CLOSER_HOSTS,
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
export { diffConfigs, jsonEqual, planPush, type Difference, type DifferenceKind, type PushPlan } from './diff.js';
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
export { formatPath } from './path.js';
