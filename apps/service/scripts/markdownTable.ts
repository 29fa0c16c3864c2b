/** The lines of a Markdown table of `rows` under `header`, each column as wide as its widest cell. */
export function markdownTable(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, c) =>
    Math.max(h.length, ...rows.map((row) => row[c]?.length ?? 0)),
  );
  const line = (cells: string[]) =>
    `| ${cells.map((cell, c) => cell.padEnd(widths[c] ?? 0)).join(' | ')} |`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
}
