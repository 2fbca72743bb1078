// closer-chat/org-config's typings as users get them: they must compile without
// @types/node (this config has `"types": []`), in a browser or Node project alike.
import {
  createOrgConfigClient,
  isOpen,
  parseOrgConfig,
  type OrgConfig,
  type OrgConfigErrorCode,
} from 'closer-chat/org-config';

declare const input: unknown;
const config: OrgConfig = parseOrgConfig(input);
// A field from the docs that the typed client lacks: known and typed, optional.
const status: 'available' | 'away' | 'unavailable' | 'unready' | undefined = config.defaultStatusAfterLogin;
const extra: unknown = config['someFieldTheServerAddedLater'];
const open: boolean = isOpen(config.workingHours, new Date());
const client = createOrgConfigClient({
  orgId: '00000000-0000-0000-0000-000000000000',
  apiKey: 'key',
  baseUrl: 'https://spinner.stage.closer.app',
});
const pending: Promise<OrgConfig> = client.getConfig({ signal: AbortSignal.timeout(5000) });
const code: OrgConfigErrorCode = 'forbidden';
// @ts-expect-error not a documented status
const wrong: OrgConfig['defaultStatusAfterLogin'] = 'busy';
// @ts-expect-error a colour is a string
const colour: OrgConfig['color'] = 0xfe7f00;
void [status, extra, open, pending, code, wrong, colour];
