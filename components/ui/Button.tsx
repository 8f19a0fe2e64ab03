import type { ButtonHTMLAttributes, MouseEvent } from "react";

type Variant = "primary" | "secondary" | "ghost";

const styles: Record<Variant, string> = {
  primary: "bg-brand-600 text-white hover:bg-brand-700 disabled:bg-slate-400 aria-disabled:bg-slate-400",
  secondary:
    "bg-white text-slate-800 ring-1 ring-slate-300 hover:bg-slate-50 disabled:text-slate-400 aria-disabled:text-slate-400",
  ghost: "text-slate-700 hover:bg-slate-100 disabled:text-slate-400 aria-disabled:text-slate-400",
};

export function buttonClass(variant: Variant = "primary", extra = "") {
  return `inline-flex items-center justify-center gap-2 rounded-md px-3.5 py-2 text-sm font-medium transition-colors disabled:cursor-not-allowed aria-disabled:cursor-not-allowed ${styles[variant]} ${extra}`;
}

/**
 * `busy` is for a button whose own action is running: it looks and announces itself disabled
 * (aria-disabled, aria-busy) and ignores presses, but stays focusable. The `disabled` attribute would
 * drop focus to the page body, or make a keyboard user's Tab skip it while the action settles.
 */
export function Button({
  variant = "primary",
  className = "",
  busy = false,
  onClick,
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: Variant; busy?: boolean }) {
  const guarded = busy
    ? (e: MouseEvent<HTMLButtonElement>) => e.preventDefault() // also stops a submit button's form
    : onClick;
  return (
    <button
      className={buttonClass(variant, className)}
      aria-disabled={busy || undefined}
      aria-busy={busy || undefined}
      onClick={guarded}
      {...props}
    />
  );
}
