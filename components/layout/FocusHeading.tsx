"use client";
// After a navigation, focus lands on the page's main heading (the first h1 of <main>) instead of the top
// of the document, so keyboard and screen reader users start where the new content is. One instance in
// the root layout does it for every page (links are plain <a href>: each navigation mounts it again; a
// client-side push changes the path and runs it again; a refresh of the same page does not). Only when
// nothing else took focus first (a field the page focuses itself keeps it), and not towards an anchor.
import { useEffect } from "react";
import { usePathname } from "next/navigation";

export function FocusHeading() {
  const pathname = usePathname();
  useEffect(() => {
    if (document.activeElement && document.activeElement !== document.body) return;
    if (window.location.hash) return;
    focusMainHeading();
  }, [pathname]);
  return null;
}

/** Puts focus on the page's main heading; also for a control that removes itself (the pause banner). */
export function focusMainHeading() {
  const heading = document.querySelector<HTMLElement>("main h1");
  if (!heading) return;
  // Focusable by script, not in the Tab order.
  if (!heading.hasAttribute("tabindex")) heading.tabIndex = -1;
  heading.focus({ preventScroll: true });
}
