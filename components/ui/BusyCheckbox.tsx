import type { InputHTMLAttributes } from "react";

/**
 * A checkbox whose change is saved by an action. While `busy` it says so (aria-busy) and ignores
 * changes (the controlled `checked` stays), but keeps keyboard focus: the `disabled` attribute would
 * drop it to the page body (issue 17). A `disabled` given for a reason of its own still applies.
 */
export function BusyCheckbox({
  busy,
  onCheckedChange,
  ...props
}: Omit<InputHTMLAttributes<HTMLInputElement>, "type" | "onChange"> & {
  busy: boolean;
  onCheckedChange: (checked: boolean) => void;
}) {
  return (
    <input
      type="checkbox"
      aria-busy={busy || undefined}
      onChange={(e) => {
        if (!busy) onCheckedChange(e.target.checked);
      }}
      {...props}
    />
  );
}
