// Tests only: a queued delivery's email as it will read when it leaves (N9: rendered by the worker from
// its template and parameters), so tests can assert on what a recipient would get.
import { renderEmail, storedContent } from "../email/render";
import { toLocale } from "../i18n";

type Row = { template: string; params: string; locale: string; subject: string; html: string; text: string };

export function rendered<T extends Row>(row: T): T {
  if (row.subject) return row;
  const content = storedContent(row.template, row.params);
  if (!content) throw new Error(`unknown template ${row.template}`);
  return { ...row, ...renderEmail(toLocale(row.locale), content) };
}
