/** `schema`: the JSON Schema of a configuration, to stdout or `--out <file>`. */
import type { Command } from 'commander';
import { orgConfigJsonSchema } from '../json-schema.js';
import { jsonText, type Context } from './context.js';

export function registerSchema(program: Command, ctx: Context): void {
  program
    .command('schema')
    .description('Print the JSON Schema of a configuration, for editors ("$schema" in a file).')
    .option('--out <file>', 'write it to a file instead of stdout')
    .option('--partial', 'the schema of a part (an overlay): no field required')
    .action(async (options: { out?: string; partial?: boolean }) => {
      const text = jsonText(orgConfigJsonSchema({ partial: options.partial }));
      if (!options.out) return void ctx.io.stdout.write(text);
      await ctx.writeText(options.out, text);
      ctx.err(`Wrote the JSON Schema${options.partial ? ' of a part' : ''} to ${options.out}.`);
    });
}
