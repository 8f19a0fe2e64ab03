// Labels shared by server and client components of the partners area.
import { SCOPE_PRESETS } from "@/server/domain/solicitation/kinds";
import { t, type Locale, type MessageKey } from "@/server/i18n";

/** S1: a preset scope in the reader's language, or the free text as typed. */
export function scopeText(locale: Locale, scope: string) {
  return (SCOPE_PRESETS as readonly string[]).includes(scope)
    ? t(locale, `solicitation.scope.${scope}` as MessageKey)
    : scope;
}
