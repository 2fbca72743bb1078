import { Component, CUSTOM_ELEMENTS_SCHEMA, ElementRef, OnDestroy, OnInit, signal, viewChild } from '@angular/core';
import type { CloserChat } from 'closer-chat';

const ORG_ID = '7f3c9e2a-4b1d-4c8e-9a6f-2d5b8e1c0a47';
const API_KEYS = ['0c1e8a52-6f3b-4d29-8e71-5a9b2c4d6e01', '9b2d4f61-3a7c-4e58-b1d0-7c6e5f4a3b02'];

declare global {
  interface Window {
    exampleMounts?: string[];
  }
}

@Component({
  selector: 'app-root',
  // <closer-chat> is a custom element, not an Angular component.
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `
    <main>
      <h1>closer-chat + Angular 20</h1>
      <p>
        <button id="count" (click)="count.set(count() + 1)">Count: {{ count() }}</button>
        <button id="switch-user" (click)="switchUser()">Switch visitor</button>
        <button id="rename" (click)="rename()">Rename visitor</button>
        <label
          ><input id="show-button" type="checkbox" [checked]="showButton()" (change)="toggleShowButton($event)" />
          show-button</label
        >
        <button id="toggle-chat" (click)="chatShown.set(!chatShown())">
          {{ chatShown() ? 'Hide chat' : 'Show chat' }}
        </button>
        <button id="open-chat" [disabled]="!chatShown()" (click)="chat()?.nativeElement?.open()">Open chat</button>
      </p>
      <p>
        Visitor: <code id="api-key">{{ apiKey() }}</code>
      </p>
      <p>
        Tags: <output id="tags">{{ tags().join(', ') || '(none)' }}</output>
      </p>
      <!-- Typed through WindowEventMap: $event.detail.count is a number. -->
      <p (window:closer-unread-changed)="unread.set($event.detail.count)">
        Unread: <output id="unread">{{ unread() }}</output>
      </p>
      <ol id="log">
        @for (line of log(); track $index) {
          <li>{{ line }}</li>
        }
      </ol>

      @if (chatShown()) {
        <closer-chat
          #chat
          [attr.org-id]="orgId"
          [attr.api-key]="apiKey()"
          [attr.show-button]="showButton() ? 'true' : 'false'"
          loading="eager"
          src="/dev-widget/widget.js"
          [identity]="identity()"
          (closer-ready)="note('closer-ready')"
          (closer-open)="note('closer-open')"
          (closer-tags-changed)="onTags($event)"
        ></closer-chat>
      }
    </main>
  `,
})
export class AppComponent implements OnInit, OnDestroy {
  readonly chat = viewChild<ElementRef<CloserChat>>('chat');
  readonly orgId = ORG_ID;
  readonly count = signal(0);
  readonly apiKey = signal(API_KEYS[0]);
  readonly showButton = signal(true);
  readonly chatShown = signal(true);
  // Replace the object to send new lead data: the element sees a change only when the
  // property is set again, not when the object is mutated in place.
  readonly identity = signal({ email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace' });
  readonly tags = signal<readonly string[]>([]);
  readonly unread = signal(0);
  readonly log = signal<string[]>([]);

  ngOnInit(): void {
    (window.exampleMounts ??= []).push('mount');
  }
  ngOnDestroy(): void {
    window.exampleMounts?.push('unmount');
  }

  note(line: string): void {
    this.log.update((lines) => [...lines, line]);
  }
  switchUser(): void {
    this.apiKey.update((key) => (key === API_KEYS[0] ? API_KEYS[1] : API_KEYS[0]));
  }
  rename(): void {
    this.identity.update((identity) => ({ ...identity, firstName: 'Augusta' }));
  }
  toggleShowButton(event: Event): void {
    this.showButton.set((event.target as HTMLInputElement).checked);
  }
  // Under strictTemplates, Angular types `$event` through the element's addEventListener
  // (`document.createElement('closer-chat').addEventListener('closer-tags-changed', …)`):
  // with `import 'closer-chat'` in the program, that is the event's own type.
  onTags(event: HTMLElementEventMap['closer-tags-changed']): void {
    this.tags.set(event.detail.tags);
    this.note(`closer-tags-changed ${event.detail.tags.join(',')}`);
  }
}
