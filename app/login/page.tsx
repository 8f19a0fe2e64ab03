import { redirect } from "next/navigation";
import { z } from "zod";
import { DemoSignIn } from "@/components/auth/DemoSignIn";
import { EmailSignIn } from "@/components/auth/EmailSignIn";
import { currentActor, currentLocale } from "@/server/auth/session";
import { demoUsers as listDemoUsers } from "@/server/domain/profile/service";
import { env } from "@/server/env";
import { safeReturnPath } from "@/server/http/redirect";
import { t } from "@/server/i18n";

const query = z.object({
  // X5: only a path of this app (a backslash or a tab would make it another host).
  callbackUrl: z
    .unknown()
    .transform((v) => safeReturnPath(v))
    .catch("/dashboard"),
  error: z.string().max(100).optional().catch(undefined),
  sent: z.literal("1").optional().catch(undefined),
});

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = query.parse(await searchParams);
  const actor = await currentActor();
  if (actor) redirect(params.callbackUrl);
  const locale = await currentLocale(null);
  const e = env();
  const demoUsers = e.DEMO_LOGIN ? await listDemoUsers() : [];
  const error =
    params.error === "Verification"
      ? t(locale, "login.linkError")
      : params.error === "rate_limited" || params.error === "EmailSignin"
        ? t(locale, "login.rateLimited")
        : params.error
          ? t(locale, "login.genericError")
          : null;

  return (
    <div className="mx-auto grid max-w-4xl grid-cols-1 gap-8 py-8 md:grid-cols-2 [&>*]:min-w-0">
      <section aria-labelledby="login-title" className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
        <h1 id="login-title" className="text-xl font-semibold">
          {t(locale, "login.title")}
        </h1>
        <p className="mt-1 text-sm text-slate-600">{t(locale, "login.intro")}</p>
        {error ? (
          <p role="alert" className="mt-4 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
            {error}
          </p>
        ) : null}
        {params.sent ? (
          <p role="status" className="mt-4 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
            {t(locale, "login.checkEmail")}
            {e.localMail ? (
              <>
                {" "}
                <a className="underline" href="/dev/mailbox">
                  {t(locale, "login.localMailbox")}
                </a>
              </>
            ) : null}
          </p>
        ) : (
          <EmailSignIn
            callbackUrl={params.callbackUrl}
            labels={{
              email: t(locale, "login.email"),
              submit: t(locale, "login.submit"),
              sending: t(locale, "login.sending"),
              invalid: t(locale, "login.invalidEmail"),
              failed: t(locale, "login.genericError"),
            }}
          />
        )}
      </section>
      {e.DEMO_LOGIN ? (
        <section aria-labelledby="demo-title" className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
          <h2 id="demo-title" className="text-lg font-semibold">
            {t(locale, "login.demo")}
          </h2>
          <p className="mt-1 text-sm text-slate-600">{t(locale, "login.demoIntro")}</p>
          <DemoSignIn
            users={demoUsers.map((u) => ({ email: u.email, name: u.name ?? u.email, title: u.title }))}
            callbackUrl={params.callbackUrl}
          />
        </section>
      ) : null}
    </div>
  );
}
