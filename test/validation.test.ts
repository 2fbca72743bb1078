import { expect } from '@open-wc/testing';
import { ATTRIBUTES, KINDS, OFFICIAL_WIDGET_URL, type Kind } from '../src/config/attributes.js';
import { ERRORS, type CloserChat, type CloserErrorDetail } from '../src/index.js';
import { schemaOf } from '../src/config/schemas.js';
import {
  API_KEY,
  consoleErrors,
  eagerAttributes,
  mount,
  nextTask,
  ORG_ID,
  resetPage,
  SIMULATOR_URL,
  widgetScripts,
} from './helpers.js';

interface Outcome {
  element: CloserChat;
  errors: CloserErrorDetail[];
  console: string[];
}

/** Mounts an eager element (optionally tweaked before connecting) and collects what it reported. */
async function mountInvalid(
  attributes: Record<string, string>,
  tweak?: (element: CloserChat) => void,
): Promise<Outcome> {
  const errors: CloserErrorDetail[] = [];
  let element!: CloserChat;
  const console = await consoleErrors(async () => {
    element = document.createElement('closer-chat');
    element.addEventListener('closer-error', (event) => errors.push(event.detail));
    for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
    tweak?.(element);
    document.body.append(element);
    await element.updateComplete;
    await nextTask();
  });
  return { element, errors, console };
}

/** Nothing reached the SDK: no stub, no script, no init. */
function expectNothingLoaded(): void {
  expect(widgetScripts(), 'no script injected').to.have.length(0);
  expect(window.closer, 'no closer stub').to.equal(undefined);
}

function expectOneConfigError(outcome: Outcome, attribute: string): CloserErrorDetail {
  expect(outcome.errors).to.have.length(1);
  const [detail] = outcome.errors;
  expect(detail.phase).to.equal('config');
  expect(detail.code).to.equal('invalid-config');
  expect(detail.issues?.map((issue) => issue.name)).to.include(attribute);
  expect(outcome.console, 'one console message').to.have.length(1);
  expect(outcome.console[0]).to.include('[closer-chat]').and.include(attribute);
  expect(outcome.element.state).to.equal('error');
  expect(outcome.element.matches(':state(error)')).to.equal(true);
  return detail;
}

describe('<closer-chat>', () => {
  afterEach(resetPage);

  describe('validation', () => {
    it('a missing org-id is reported as required, and nothing loads', async () => {
      const outcome = await mountInvalid({ src: SIMULATOR_URL, loading: 'eager' });
      const detail = expectOneConfigError(outcome, 'org-id');
      expect(detail.message).to.include('required');
      expectNothingLoaded();
    });

    it('an org-id that is not a UUID is rejected, and nothing loads', async () => {
      const outcome = await mountInvalid(eagerAttributes({ 'org-id': 'my-company' }));
      expect(expectOneConfigError(outcome, 'org-id').message).to.include('UUID').and.include('my-company');
      expectNothingLoaded();
    });

    it('an api-key that is not a UUID is rejected without echoing it', async () => {
      const secret = 'sk_live_supersecret_value';
      const outcome = await mountInvalid(eagerAttributes({ 'api-key': secret }));
      const detail = expectOneConfigError(outcome, 'api-key');
      expect(JSON.stringify(detail)).not.to.include(secret);
      expect(outcome.console.join('\n')).not.to.include(secret);
      expectNothingLoaded();
    });

    it('a src on another origin is rejected (a CMS editor cannot load arbitrary script)', async () => {
      const outcome = await mountInvalid(eagerAttributes({ src: 'https://evil.example/widget.js' }));
      expect(expectOneConfigError(outcome, 'src').message).to.include('origin');
      expectNothingLoaded();
    });

    it('a src of the official host over http, or a javascript: URL, is rejected', async () => {
      for (const src of ['http://widget.closer.app/widget.js', 'javascript:alert(1)']) {
        const outcome = await mountInvalid(eagerAttributes({ src }));
        expectOneConfigError(outcome, 'src');
        expectNothingLoaded();
        await resetPage();
      }
    });

    it('an unknown loading value is rejected', async () => {
      const outcome = await mountInvalid(eagerAttributes({ loading: 'lazy' }));
      expect(expectOneConfigError(outcome, 'loading').message).to.include('eager, idle, interaction, manual');
      expectNothingLoaded();
    });

    it('a callback inside options is rejected: listen to events instead', async () => {
      const outcome = await mountInvalid(eagerAttributes(), (element) => {
        element.options = { onOpen: () => undefined };
      });
      expect(expectOneConfigError(outcome, 'options.onOpen').message).to.include('closer-* events');
      expectNothingLoaded();
    });

    it('orgId or apiKey inside options is rejected: use the attributes', async () => {
      const outcome = await mountInvalid(eagerAttributes(), (element) => {
        element.options = { apiKey: API_KEY };
      });
      const detail = expectOneConfigError(outcome, 'options.apiKey');
      expect(JSON.stringify(detail)).not.to.include(API_KEY);
      expectNothingLoaded();
    });

    it('getLoginHintToken that is not a function, or identity that is not an object, is rejected', async () => {
      let outcome = await mountInvalid(eagerAttributes(), (element) => {
        (element as unknown as Record<string, unknown>).getLoginHintToken = 'token';
      });
      expectOneConfigError(outcome, 'getLoginHintToken');
      expectNothingLoaded();
      await resetPage();
      outcome = await mountInvalid(eagerAttributes(), (element) => {
        (element as unknown as Record<string, unknown>).identity = 'ada@example.com';
      });
      expectOneConfigError(outcome, 'identity');
      expectNothingLoaded();
    });

    it('the same mistake is printed once per element, reported as an event each time', async () => {
      const outcome = await mountInvalid(eagerAttributes({ 'org-id': 'my-company' }));
      const again = await consoleErrors(async () => {
        outcome.element.toggleAttribute('enable-log'); // re-validates: the same org-id mistake
        await outcome.element.updateComplete;
      });
      expect(outcome.errors.map((detail) => detail.code)).to.deep.equal(['invalid-config', 'invalid-config']);
      expect(outcome.console.length + again.length, 'printed once').to.equal(1);

      const other = await consoleErrors(async () => {
        outcome.element.setAttribute('loading', 'lazy'); // a new mistake is news
        await outcome.element.updateComplete;
      });
      expect(other).to.have.length(1);
      expect(other[0]).to.include('loading');
      expectNothingLoaded();
    });

    it('every message follows one recipe: prefixed, names the attribute, says what to do', async () => {
      const outcome = await mountInvalid(eagerAttributes({ 'org-id': 'my-company' }));
      const [detail] = outcome.errors;
      expect(detail.message).to.match(/^\[closer-chat\] invalid configuration:\n {2}- org-id: /);
      expect(detail.message.split('\n').at(-1)).to.equal(ERRORS['invalid-config'].fix);
    });

    it('load() rejects with the config error and still loads nothing', async () => {
      const outcome = await mountInvalid({ 'org-id': 'nope', src: SIMULATOR_URL, loading: 'manual' });
      const error = await outcome.element.load().then(
        () => undefined,
        (reason: { detail?: CloserErrorDetail }) => reason,
      );
      expect(error?.detail?.phase).to.equal('config');
      expectNothingLoaded();
    });

    it('fixing the attribute starts the widget', async () => {
      const outcome = await mountInvalid(eagerAttributes({ 'org-id': 'nope' }));
      expectNothingLoaded();
      outcome.element.setAttribute('org-id', ORG_ID);
      const ready = new Promise((resolve) => outcome.element.addEventListener('closer-ready', resolve, { once: true }));
      await ready;
      expect(outcome.element.state).to.equal('ready');
      expect(outcome.element.matches(':state(error)')).to.equal(false);
    });

    it('an empty api-key attribute counts as absent', async () => {
      const element = mount(eagerAttributes({ 'api-key': '' }));
      await element.load();
      expect(element.state).to.equal('ready');
    });

    it('the self-contained bundle reports an invalid config the same way (its messages run on demand)', async () => {
      const frame = document.createElement('iframe');
      frame.srcdoc = `<script>window.errors = []; addEventListener('closer-error', (e) => errors.push(e.detail));</script>
        <script type="module" src="/dist/closer-chat.bundle.js"></script>
        <closer-chat org-id="my-company" loading="eager" src="${SIMULATOR_URL}"></closer-chat>`;
      document.body.append(frame);
      const win = () => frame.contentWindow as (Window & { errors?: CloserErrorDetail[] }) | null;
      for (let waited = 0; !win()?.errors?.length && waited < 5000; waited += 20) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const [detail] = win()?.errors ?? [];
      expect(detail?.code).to.equal('invalid-config');
      expect(detail?.issues?.map((issue) => issue.name)).to.deep.equal(['org-id']);
      expect(detail?.message).to.include('UUID').and.include('my-company');
      expect(win()?.document.scripts.length, 'no widget script').to.equal(2);
      frame.remove();
    });
    it('every default and fallback passes its own schema and its plain check', () => {
      const known = ATTRIBUTES.flatMap((row) => [
        ...('default' in row ? [[row.attribute, row.type, row.default] as const] : []),
        ...('fallback' in row ? [[row.attribute, row.type, row.fallback] as const] : []),
      ]);
      expect(known.length).to.be.greaterThan(0);
      for (const [attribute, kind, value] of known) {
        expect(schemaOf(kind).safeParse(value).success, `${attribute}: ${String(value)}`).to.equal(true);
        expect(KINDS[kind].accepts(value), `${attribute}: ${String(value)}, its check`).to.equal(true);
      }
    });

    it("each kind's check and its zod schema give the same verdict", () => {
      const usual: Record<Kind, unknown[]> = {
        text: ['', 'Chat with us', 'nonce-123'],
        flag: [true, false],
        optionalFlag: [true, false],
        uuid: [ORG_ID, ORG_ID.toUpperCase()],
        optionalUuid: [API_KEY],
        strategy: ['eager', 'idle', 'interaction', 'manual'],
        consent: ['pending', 'granted', 'denied'],
        consentSource: [
          'tcf:1,11',
          'tcf: 1, 11',
          'cookieconsent:functionality',
          'klaro: closer',
          'onetrust:C0003',
          'cookiebot:preferences',
        ],
        widgetUrl: [OFFICIAL_WIDGET_URL, SIMULATOR_URL, new URL(SIMULATOR_URL, document.baseURI).href],
        milliseconds: [0, 3000, 1.5],
        loginHint: [() => Promise.resolve('hint')],
        identity: [{ email: 'ada@example.com' }, {}],
        extraOptions: [{ language: 'pl' }],
      };
      // Near misses of each kind, and values of the wrong type.
      const odd: unknown[] = [null, NaN, -0.5, Infinity, '3000', 'true', 'TRUE', ' idle', 'Eager', 'granted\n'];
      odd.push([], new String('idle'), new Date(0), 'http://widget.closer.app/widget.js', 'https://example.com/w.js');
      odd.push(`{${ORG_ID}}`, `${ORG_ID}\n`, ORG_ID.replace(/-/g, ''), ORG_ID.slice(1), 'javascript:alert(1)');
      odd.push(
        'klaro:',
        ':closer',
        'klaro: ',
        'Klaro:closer',
        'usercentrics:chat',
        'tcf:analytics',
        'tcf:1,,11',
        'constructor:x',
      );
      const values = [...odd, ...Object.values(usual).flat()];
      for (const [kind, { accepts }] of Object.entries(KINDS) as [Kind, { accepts(value: unknown): boolean }][]) {
        for (const value of usual[kind]) expect(accepts(value), `${kind} accepts ${String(value)}`).to.equal(true);
        for (const value of values) {
          const verdict = schemaOf(kind).safeParse(value).success;
          expect(accepts(value), `${kind}: ${String(value)}, the schema says ${verdict}`).to.equal(verdict);
        }
      }
    });
  });
});
