import { mount } from 'svelte';
// Registers <closer-chat>. Import it before mounting, so that Svelte sees the
// element's properties (such as `identity`) and sets them as properties.
import 'closer-chat';
import App from './App.svelte';

mount(App, { target: document.getElementById('app') });
