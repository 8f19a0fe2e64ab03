export declare const root: string;
export declare const providers: readonly ["sqlite", "postgres"];
export declare function providerOf(url: string): "sqlite" | "postgres";
export declare function writeSchemas(): void;
export declare function generate(): void;
export declare function migrate(url: string): Promise<string[]>;
export declare function sqliteFile(url: string): string;
