"use client";
// A file input people can read: the native input stays (keyboard, screen readers, Playwright's
// setInputFiles) but is drawn as a button in the page's language with the chosen file's name, instead
// of the browser's untranslated "Choose File / No file chosen". The field's own <label htmlFor> names it.
import { useEffect, useRef, useState, type InputHTMLAttributes, type RefObject } from "react";
import { t, type Locale } from "@/server/i18n";

const CLEARED = "relais:file-cleared";

/** Empties a FileInput from its parent (after an upload), and updates the name it shows. */
export function clearFile(input: HTMLInputElement | null) {
  if (!input) return;
  input.value = "";
  input.dispatchEvent(new Event(CLEARED));
}

export function FileInput({
  id,
  locale,
  inputRef,
  onChange,
  className = "",
  ...props
}: Omit<InputHTMLAttributes<HTMLInputElement>, "type" | "id"> & {
  id: string;
  locale: Locale;
  inputRef?: RefObject<HTMLInputElement | null>;
}) {
  const [name, setName] = useState<string | null>(null);
  const own = useRef<HTMLInputElement | null>(null);
  const ref = inputRef ?? own;
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const cleared = () => setName(null);
    el.addEventListener(CLEARED, cleared);
    return () => el.removeEventListener(CLEARED, cleared);
  }, [ref]);
  const describedBy = [props["aria-describedby"], `${id}-chosen`].filter(Boolean).join(" ");
  return (
    <span className={`inline-flex min-w-0 max-w-full flex-wrap items-center gap-x-3 gap-y-1 ${className}`}>
      <input
        {...props}
        ref={ref}
        id={id}
        type="file"
        aria-describedby={describedBy}
        onChange={(e) => {
          setName(e.target.files?.[0]?.name ?? null);
          onChange?.(e);
        }}
        className="peer sr-only"
      />
      <label
        htmlFor={id}
        aria-hidden="true"
        className="inline-flex cursor-pointer items-center gap-2 rounded-md bg-white px-3 py-2 text-sm font-medium text-slate-800 ring-1 ring-slate-300 hover:bg-slate-50 peer-focus-visible:outline peer-focus-visible:outline-2 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-brand-600 peer-disabled:cursor-not-allowed peer-disabled:text-slate-500"
      >
        <svg viewBox="0 0 20 20" className="h-4 w-4" fill="currentColor">
          <path d="M10 2.5 5.5 7l1 1 2.8-2.8V13h1.4V5.2L13.5 8l1-1zM4 14.5h12V17H4z" />
        </svg>
        {t(locale, "file.choose")}
      </label>
      <span id={`${id}-chosen`} className="min-w-0 truncate text-sm text-slate-700" data-testid="file-chosen">
        {name ?? t(locale, "file.none")}
      </span>
    </span>
  );
}
