import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { devWidget } from '../shared/dev-widget-plugin.js';

export default defineConfig({
  plugins: [svelte(), devWidget()],
});
