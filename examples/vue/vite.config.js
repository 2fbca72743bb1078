import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';
import { devWidget } from '../shared/dev-widget-plugin.js';

export default defineConfig({
  plugins: [
    vue({
      template: {
        // <closer-chat> is a custom element, not a Vue component: without this, Vue
        // tries to resolve it as a component (and warns in development).
        compilerOptions: { isCustomElement: (tag) => tag === 'closer-chat' },
      },
    }),
    devWidget(),
  ],
});
