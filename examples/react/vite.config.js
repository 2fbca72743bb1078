import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { devWidget } from '../shared/dev-widget-plugin.js';

export default defineConfig({
  plugins: [react(), devWidget()],
});
