// @web/test-runner middleware: a widget script that fails on purpose, for
// test/faults.test.ts. Each request for one `id` answers the next step of `plan` (the
// last step repeats), so a test sees a fault first and a working widget on the retry:
//
//   GET /test/faults/widget?id=ID&plan=404,widget
//
// (No `.js`: the test runner gives every path with an extension a year of cache, and a
// retry must reach this server.)
//
//   404      Not Found
//   hang     never answers (the test server's /hang.js: released when the server stops)
//   empty    a script that runs and defines nothing
//   throw    a script that throws while it runs
//   widget   the development widget (dev/simulator/widget.js); it draws with
//            /test/faults/panel.js, beside its own URL: dev/simulator/panel.js
//
// A step may end in `@MS`: answered MS ms late (`404@300`, `widget@2000`).
//   GET /test/faults/requests?id=ID → { "requests": N }: how many times ID was asked for.
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms).unref());

/** Requests seen per id. */
const seen = new Map();

export async function faultsMiddleware(ctx, next) {
  if (ctx.path === '/test/faults/requests') {
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { requests: seen.get(ctx.query.id) ?? 0 };
    return;
  }
  if (ctx.path === '/test/faults/panel.js') {
    ctx.path = '/dev/simulator/panel.js';
    return next();
  }
  if (ctx.path !== '/test/faults/widget') return next();

  const id = String(ctx.query.id);
  const plan = String(ctx.query.plan ?? 'widget').split(',');
  const count = seen.get(id) ?? 0;
  seen.set(id, count + 1);
  const [step, delay] = plan[Math.min(count, plan.length - 1)].split('@');
  if (delay) await sleep(Number(delay));
  ctx.set('Cache-Control', 'no-store');
  switch (step) {
    case '404':
      ctx.status = 404;
      ctx.type = 'text/plain';
      ctx.body = 'not found (test/faults-server.js)';
      return;
    case 'hang':
      ctx.path = '/test/faults/hang.js';
      return next();
    case 'empty':
      ctx.type = 'text/javascript';
      ctx.body = '// test/faults-server.js: a script that defines nothing\n';
      return;
    case 'throw':
      ctx.type = 'text/javascript';
      ctx.body = "throw new Error('test/faults-server.js: a widget script that throws');\n";
      return;
    case 'widget':
      ctx.path = '/dev/simulator/widget.js';
      await next();
      ctx.path = '/test/faults/widget'; // as asked, so that it is not given a year of cache either
      ctx.set('Cache-Control', 'no-store');
      return;
    default:
      ctx.status = 400;
      ctx.body = `unknown step ${step}`;
  }
}
