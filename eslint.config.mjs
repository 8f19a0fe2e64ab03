import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "node_modules/",
      ".next/",
      ".next-*/",
      "server/db/generated/",
      "data/",
      "test-results/",
      "playwright-report/",
      "next-env.d.ts",
      "bench/results/",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // useSocketEffect (components/realtime/socket.ts) takes its deps like useEffect
      "react-hooks/exhaustive-deps": ["warn", { additionalHooks: "^(useSocketEffect|useDashboardChanges)$" }],
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" },
      ],
      "no-console": "error",
    },
  },
  // Layers (issue 11, DESIGN §4): the domain knows no transport and no page; realtime, outbox, email and
  // jobs depend on the domain, never the reverse; app/ and components/ never reach the database.
  {
    files: ["server/domain/**/*.ts"],
    // Integration tests wire the whole process (sockets, worker) around the domain on purpose.
    ignores: ["server/domain/**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["**/realtime", "**/realtime/*"],
              message:
                "The domain knows no transport: put the type or port in server/domain (ports.ts, <area>/events.ts) and let server/realtime adapt it.",
            },
            {
              group: ["../../outbox/*", "../../jobs/*", "../../http/*", "../../email/*"],
              message:
                "outbox, email, jobs and http depend on the domain, not the reverse: emails are recorded as a template and its parameters (outbox/templates.ts) and rendered by server/email when they leave.",
            },
            {
              group: ["**/app/*", "**/components/*", "@/app/*", "@/components/*"],
              message: "The domain never imports pages or components.",
            },
            {
              group: ["next", "next/*", "react", "react/*", "socket.io", "socket.io-client"],
              message: "The domain is framework-free (actions.ts may use next/headers).",
            },
          ],
        },
      ],
    },
  },
  {
    // A server action file may read the request (next/headers) and uses the one action builder.
    files: ["server/domain/**/actions.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["**/realtime", "**/realtime/*"], message: "The domain knows no transport." },
            {
              group: ["../../outbox/*", "../../jobs/*", "../../email/*"],
              message: "outbox and jobs depend on the domain, not the reverse.",
            },
            {
              group: ["**/app/*", "**/components/*", "@/app/*", "@/components/*"],
              message: "The domain never imports pages or components.",
            },
            { group: ["../../db", "../../db/*"], message: "Actions are thin: the service reads and writes." },
          ],
        },
      ],
    },
  },
  {
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/server/db", "@/server/db/*", "**/server/db", "**/server/db/*"],
              message: "Pages and components call services (server/domain/<area>/service.ts), never the database.",
            },
            { group: ["@/server/outbox/*", "@/server/jobs/*"], message: "Pages and components call services." },
          ],
        },
      ],
    },
  },
  {
    files: ["components/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/server/db", "@/server/db/*", "**/server/db", "**/server/db/*"],
              message: "Components receive data as props; pages call services.",
            },
            {
              group: ["@/server/auth/session", "@/server/outbox/*", "@/server/jobs/*"],
              message: "Components receive data as props; pages call services.",
            },
            {
              group: ["@/server/domain/*/service", "@/server/domain/*/queries"],
              allowTypeImports: true,
              message: "Components receive data as props: import types only (actions are allowed).",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["scripts/**", "bench/**", "e2e/**", "**/*.mjs"],
    languageOptions: {
      globals: {
        process: "readonly",
        console: "readonly",
        URL: "readonly",
        setTimeout: "readonly",
        clearTimeout: "readonly",
        fetch: "readonly",
      },
    },
    rules: { "no-console": "off" },
  },
);
