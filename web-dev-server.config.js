// `npm start` (scripts/start.js): serves the project root with TypeScript transformed on
// the fly, so demo/index.html can load <script type="module" src="/src/index.ts">.
// Offline. Port 8000, or the next free one (PORT=… or --port … to choose). `/` is the
// demo (a redirect to /demo/, whose pages use relative links).
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';

/** `/` → `/demo/`: the address `npm start` prints is the demo itself. */
async function demoAtRoot(ctx, next) {
  if (ctx.path === '/') return ctx.redirect('/demo/');
  return next();
}

export default {
  rootDir: fileURLToPath(new URL('.', import.meta.url)),
  // leaving `port` unset makes @web/dev-server take 8000 or the next free port
  ...(process.env.PORT ? { port: Number(process.env.PORT) } : {}),
  open: false,
  watch: true,
  clearTerminalOnReload: false,
  nodeResolve: { exportConditions: ['development'] },
  middleware: [demoAtRoot],
  plugins: [
    esbuildPlugin({
      ts: true,
      target: 'es2022',
      tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)),
    }),
  ],
};
