// `npm start`: serves the project root with TypeScript transformed on the fly, so
// demo/index.html can load <script type="module" src="/src/index.ts">. Offline.
// Port 8000, or the next free one (PORT=… or --port … to choose).
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';

const demoUrlPlugin = {
  name: 'print-demo-url',
  serverStart({ config, logger }) {
    const host = config.hostname ?? 'localhost';
    logger.log(`Demo: http://${host}:${config.port}/demo/`);
    logger.log('');
  },
};

export default {
  rootDir: fileURLToPath(new URL('.', import.meta.url)),
  // leaving `port` unset makes @web/dev-server take 8000 or the next free port
  ...(process.env.PORT ? { port: Number(process.env.PORT) } : {}),
  open: false,
  watch: true,
  clearTerminalOnReload: false,
  nodeResolve: { exportConditions: ['development'] },
  plugins: [
    esbuildPlugin({
      ts: true,
      target: 'es2022',
      tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)),
    }),
    demoUrlPlugin,
  ],
};
