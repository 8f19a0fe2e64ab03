import { notFound } from "next/navigation";
import { z } from "zod";
import { Conversation } from "@/components/conversation/Conversation";
import { LabelledDates } from "@/components/i18n/LabelledDates";
import { DossierShell } from "@/components/dossier/DossierShell";
import { MemberList } from "@/components/dossier/MemberList";
import { RefreshOn } from "@/components/realtime/RefreshOn";
import { requireActor } from "@/server/auth/guard";
import { lastReadFor, latestConversation } from "@/server/domain/conversation/service";
import { composerRecipients } from "@/server/domain/notification/service";
import { getDossierShell, listMembers } from "@/server/domain/dossier/service";

export default async function DossierConversationPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { id } = await params;
  // C9: a search result opens its message in place (?seq=N).
  const seq = z.coerce
    .number()
    .int()
    .min(1)
    .safeParse((await searchParams).seq);
  const actor = await requireActor(`/dossiers/${encodeURIComponent(id)}`);
  const page = await getDossierShell(actor, id);
  if (!page) notFound();
  const [{ messages, systemLines }, members, recipients, lastReadSeq] = await Promise.all([
    latestConversation(page.access),
    listMembers(page.access),
    composerRecipients(page.access, actor.userId),
    lastReadFor(actor, page.access),
  ]);
  return (
    <DossierShell dossier={page.shell} locale={actor.locale} active="">
      <div className="grid gap-6 lg:grid-cols-[1fr_18rem]">
        <LabelledDates locale={actor.locale} styles={["short", "day"]} of={[messages, systemLines]}>
          <Conversation
            initialMessages={messages}
            initialSystemLines={systemLines}
            me={{ userId: actor.userId, name: actor.name }}
            locale={actor.locale}
            recipients={recipients}
            lastReadSeq={lastReadSeq}
            applicantIds={members.filter((m) => m.side !== "advisor").map((m) => m.user.id)}
            focusSeq={seq.success ? seq.data : undefined}
            readOnly={page.shell.readOnly}
          />
        </LabelledDates>
        <MemberList members={members} locale={actor.locale} />
        <RefreshOn prefix="member." me={actor.userId} />
      </div>
    </DossierShell>
  );
}
