import { createApp } from 'vue';
// Registers <closer-chat>. Import it before mounting, so that Vue sees the element's
// properties (such as `identity`) and sets them as properties.
import 'closer-chat';
import App from './App.vue';

createApp(App).mount('#app');
