// The how-to's outputs as the doc shows them: one ```console block per step, after its
// `<!-- howto:NAME -->` marker: the command, what it printed, and its exit code.

/** name → the block's text (without the fences). */
export function renderBlocks(results) {
  const blocks = new Map();
  for (const { say, line, output, code } of results) {
    if (line === null) continue;
    const text = [
      `$ ${line}`,
      output.replace(/\n$/, ''),
      ...(line.startsWith('cat ') ? [] : ['$ echo $?', String(code)]),
    ];
    blocks.set(say, `${text.join('\n')}\n`);
  }
  return blocks;
}

const MARKER = /<!-- howto:([\w-]+) -->\n```console\n([\s\S]*?)```/g;

/** name → the block's text, as the doc holds them. */
export function blocksOf(doc) {
  return new Map([...doc.matchAll(MARKER)].map((m) => [m[1], m[2]]));
}

/** The doc with each marked block replaced by the new one. */
export function replaceBlocks(doc, blocks) {
  const missing = [...blocks.keys()].filter((name) => !doc.includes(`<!-- howto:${name} -->`));
  if (missing.length) throw new Error(`docs/org-config-howto.md has no marker for: ${missing.join(', ')}`);
  return doc.replace(MARKER, (all, name) =>
    blocks.has(name) ? `<!-- howto:${name} -->\n\`\`\`console\n${blocks.get(name)}\`\`\`` : all,
  );
}
