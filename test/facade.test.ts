// What the element itself shows a visitor: the facade launcher in the page's language,
// a focus ring that shows on any page, a hover that is more than a scale; and the
// window controls close() and toggle().
import { expect } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import type { CloserChat } from '../src/index.js';
import { callsOf, mount, mountReady, nextEvent, ORG_ID, resetPage, simulator, slowWidgetUrl } from './helpers.js';

const launcher = (element: CloserChat) =>
  element.shadowRoot!.querySelector<HTMLButtonElement>('button[part~="launcher"]')!;

async function mountFacade(
  attributes: Record<string, string> = {},
  parent: ParentNode = document.body,
): Promise<CloserChat> {
  const element = mount({ 'org-id': ORG_ID, src: slowWidgetUrl(200), loading: 'interaction', ...attributes }, parent);
  await element.updateComplete;
  return element;
}

/** `rgb(…)`/`rgba(…)` → [r, g, b] in 0–255. */
const channels = (color: string): number[] =>
  color
    .match(/[\d.]+/g)!
    .slice(0, 3)
    .map(Number);

/** WCAG 2 contrast ratio of two opaque colours. */
function contrast(a: string, b: string): number {
  const luminance = (color: string) => {
    const [r, g, b2] = channels(color).map((value) => {
      const c = value / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b2;
  };
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}

/** Focuses the launcher from the keyboard, so `:focus-visible` applies. */
async function tabTo(element: CloserChat): Promise<void> {
  (document.activeElement as HTMLElement | null)?.blur();
  for (let step = 0; step < 10 && element.shadowRoot!.activeElement !== launcher(element); step++) {
    await sendKeys({ press: 'Tab' });
  }
  expect(element.shadowRoot!.activeElement).to.equal(launcher(element));
}

describe('<closer-chat>', () => {
  afterEach(async () => {
    document.documentElement.lang = 'en';
    document.body.style.background = '';
    await sendMouse({ type: 'move', position: [0, 0] });
    await resetPage();
  });

  describe("the visitor's language", () => {
    it('the launcher is named in the language of the page: Polish and English built in', async () => {
      document.documentElement.lang = 'pl';
      const polish = await mountFacade();
      expect(launcher(polish).getAttribute('aria-label')).to.equal('Otwórz czat');
      polish.remove();

      document.documentElement.lang = 'en-GB';
      const english = await mountFacade();
      expect(launcher(english).getAttribute('aria-label')).to.equal('Open chat');
    });

    it('lang on the element or an ancestor wins over the document; pl-PL is Polish', async () => {
      const section = document.createElement('section');
      section.lang = 'pl-PL';
      document.body.append(section);
      const element = await mountFacade({}, section);
      expect(launcher(element).getAttribute('aria-label')).to.equal('Otwórz czat');
      element.lang = 'en';
      element.requestUpdate();
      await element.updateComplete;
      expect(launcher(element).getAttribute('aria-label')).to.equal('Open chat');
      section.remove();
    });

    it('another language falls back to English; launcher-label names it in any language', async () => {
      document.documentElement.lang = 'de';
      const fallback = await mountFacade();
      expect(launcher(fallback).getAttribute('aria-label')).to.equal('Open chat');
      fallback.setAttribute('launcher-label', 'Chat öffnen');
      await fallback.updateComplete;
      expect(launcher(fallback).getAttribute('aria-label')).to.equal('Chat öffnen');
    });

    it('the busy launcher says it is loading, in the page language', async () => {
      document.documentElement.lang = 'pl';
      const element = await mountFacade();
      const opened = nextEvent(element, 'closer-open');
      launcher(element).click();
      await element.updateComplete;
      expect(launcher(element).getAttribute('aria-busy')).to.equal('true');
      expect(launcher(element).getAttribute('aria-label')).to.equal('Ładowanie czatu…');
      await opened;
    });

    it('the consent note is in the page language', async () => {
      document.documentElement.lang = 'pl';
      const element = await mountFacade({ consent: 'pending' });
      launcher(element).click();
      await element.updateComplete;
      expect(element.shadowRoot!.querySelector('[part~="note"]')?.textContent).to.equal(
        'Czat wymaga najpierw Twojej zgody.',
      );
    });
  });

  describe('the launcher’s focus ring and hover', () => {
    for (const [page, background] of [
      ['a light page', 'rgb(255, 255, 255)'],
      ['a dark page', 'rgb(17, 17, 17)'],
    ]) {
      it(`the focus ring reaches 3:1 against ${page} and against the button`, async () => {
        document.body.style.background = background;
        const element = await mountFacade();
        await tabTo(element);
        const style = getComputedStyle(launcher(element));
        expect(style.outlineStyle).to.equal('solid');
        const ring = [style.outlineColor, style.boxShadow.match(/rgba?\([^)]*\)/)![0]];
        const best = (against: string) => Math.max(...ring.map((color) => contrast(color, against)));
        expect(best(background), `ring ${ring.join(' + ')} against the page`).to.be.at.least(3);
        expect(best(style.backgroundColor), 'against the button').to.be.at.least(3);
      });
    }

    it('hover changes more than the size: the background darkens', async () => {
      const element = await mountFacade();
      const rest = getComputedStyle(launcher(element)).backgroundColor;
      const box = launcher(element).getBoundingClientRect();
      await sendMouse({
        type: 'move',
        position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)],
      });
      await new Promise((resolve) => setTimeout(resolve, 250)); // past the transition
      const hovered = getComputedStyle(launcher(element)).backgroundColor;
      expect(hovered).not.to.equal(rest);
      expect(contrast(hovered, 'rgb(255, 255, 255)')).to.be.greaterThan(contrast(rest, 'rgb(255, 255, 255)'));
    });
  });

  describe('close() and toggle()', () => {
    it('close() closes the window where the SDK has closeWidget(); toggle() switches', async () => {
      const element = await mountReady();
      // An SDK with a way to close (the public docs name none; some builds may have one).
      (window.closer as unknown as { closeWidget: () => void }).closeWidget = () => simulator().close();
      await element.toggle();
      expect(element.opened).to.equal(true);
      await element.toggle();
      expect(element.opened).to.equal(false);
      await element.open();
      await element.close();
      expect(element.opened).to.equal(false);
      expect(callsOf('openWidget')).to.have.length(2);
    });

    it('close() without closeWidget() rejects with close-unsupported and the window stays open', async () => {
      const element = await mountReady();
      await element.open();
      const failure = await element.close().then(
        () => undefined,
        (error: { detail?: { code: string } }) => error.detail?.code,
      );
      expect(failure).to.equal('close-unsupported');
      expect(element.opened).to.equal(true);
      expect(simulator().isOpen).to.equal(true);
    });

    it('close() on a closed window does nothing', async () => {
      const element = await mountReady();
      await element.close();
      expect(element.opened).to.equal(false);
    });
  });
});
