export declare const CHROMIUM_SHELL: string;
export declare const CHROMIUM_FULL: string;
export declare function suiteChromium(): string;
