/** The official Closer loader snippet as the body of an inline `<script>`; see official-snippet.js. */
export function officialSnippet(scriptUrl: string, options?: { init?: Record<string, unknown> }): string;
