"use client";
// After a navigation (opening a dossier, a tab), focus lands on the page's main heading instead of the
// top of the document, so keyboard and screen reader users start where the new content is. Only when
// nothing else took focus first (a field the page focuses itself keeps it).
import { useEffect } from "react";

export function FocusHeading({ id }: { id: string }) {
  useEffect(() => {
    if (document.activeElement && document.activeElement !== document.body) return;
    if (window.location.hash) return;
    document.getElementById(id)?.focus({ preventScroll: true });
  }, [id]);
  return null;
}
