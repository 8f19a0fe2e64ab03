// G12's baseline (bench only): the least a signed-in page of this build does — the session, one row
// read (the actor) and the same root layout — so that the dossier page's time can be given as a ratio
// to it (DESIGN §6). Served only when the bench starts the server with BENCH_BASELINE_ROUTE=1;
// otherwise a 404 like any unknown address.
import { notFound } from "next/navigation";
import { requireActor } from "@/server/auth/guard";
import { env } from "@/server/env";

export const dynamic = "force-dynamic";

export default async function BenchBaselinePage() {
  if (!env().BENCH_BASELINE_ROUTE) notFound();
  const actor = await requireActor("/bench-baseline");
  return (
    <p data-testid="bench-baseline" className="text-sm text-slate-600">
      {actor.name}
    </p>
  );
}
