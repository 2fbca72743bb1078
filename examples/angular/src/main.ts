import { provideZonelessChangeDetection } from '@angular/core';
import { bootstrapApplication } from '@angular/platform-browser';
// Registers <closer-chat>. Import it before bootstrapping, so that Angular sets
// `[identity]` on a defined element (a property, not an attribute).
import 'closer-chat';
import { AppComponent } from './app/app.component';

bootstrapApplication(AppComponent, { providers: [provideZonelessChangeDetection()] }).catch((error) =>
  console.error(error),
);
